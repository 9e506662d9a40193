/**
 * Tone figures only (no peers, no themes), for comparing tone models quickly while training:
 *   node --import tsx evaluation/tone-quick.ts [fi|en]
 * The same rows as `npm run eval` prints for tone (tone-real-text.ts), Kohtaamo's column only, each
 * text read by the analyzer as one piece (the analyzer splits texts over 40 words into sentences).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import { loadUtterances, splitOf, TONES } from "../training/corpus.ts";
import { f1Scores } from "../training/metrics.ts";
import { realTextRows } from "./tone-real-text.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const analyzer = loadDefaultAnalyzer();
/** The tone of one whole text, read by the analyzer as one piece (spoken forms folded, as served). */
const toneOf = (text: string, lang: "fi" | "en") =>
  analyzer.analyzeText(text, lang, { wholeText: true }).tone;
const langs = (process.argv[2] ? [process.argv[2]] : ["fi", "en"]) as ("fi" | "en")[];

for (const lang of langs) {
  const corpus = loadUtterances(path.join(ROOT, "training", "data", lang));
  const rows: [string, { text: string; tone: string }[], "macro-F1" | "accuracy"][] = [
    ["held-out corpus", corpus.filter((u) => splitOf(u.text) === "test"), "macro-F1"],
    [
      "independent set",
      loadUtterances(path.join(ROOT, "evaluation", "data")).filter((u) => u.lang === lang),
      "macro-F1",
    ],
  ];
  for (const row of realTextRows(lang)) rows.push([row.name, row.lines, row.measure]);
  const out: string[] = [];
  for (const [name, lines, measure] of rows) {
    const gold = lines.map((l) => l.tone);
    const pred = lines.map((l) => toneOf(l.text, lang).label);
    const v =
      measure === "accuracy"
        ? pred.filter((p, i) => p === gold[i]).length / gold.length
        : f1Scores(TONES, gold, pred).macroF1;
    const neutral = pred.filter((p) => p === "neutral").length / pred.length;
    out.push(
      `${lang} ${name.padEnd(28)} n=${String(lines.length).padEnd(5)} ${measure} ${v.toFixed(3)}  (said neutral ${neutral.toFixed(2)})`,
    );
  }
  console.log(out.join("\n"));
}
