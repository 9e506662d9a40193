/**
 * Tone figures only (no peers, no themes), for comparing tone models quickly while training:
 *   node --import tsx evaluation/tone-quick.ts [fi|en]
 * The same rows as `npm run eval` prints for tone, Kohtaamo's column only, each text read whole by
 * readTone (the analyzer may also split long texts into sentences; these are mostly one sentence).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MODELS_DIR } from "../src/analysis/default-analyzer.ts";
import { hashFeature } from "../src/analysis/model/feature-hashing.ts";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { redact } from "../src/analysis/pii/index.ts";
import { visitTokenFeatures } from "../src/analysis/text/features.ts";
import { tokenize } from "../src/analysis/text/tokenize.ts";
import { readTone } from "../src/analysis/tone.ts";
import { loadUtterances, splitOf, TONES } from "../training/corpus.ts";
import { f1Scores } from "../training/metrics.ts";
import {
  balanced,
  FINNSENTIMENT_SEED,
  finnSentiment,
  isServiceLike,
  type ToneLine,
  uciImdb,
  xed,
} from "../training/tone-data.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const set = loadModelSet(MODELS_DIR);
/** The tone of one whole text, as the analyzer reads it for a text of one sentence. */
function toneOf(text: string, lang: "fi" | "en") {
  const tokens = tokenize(redact(text).redacted);
  const model = set.models[lang].tone;
  const buckets: number[] = [];
  visitTokenFeatures(tokens, lang, (f) => buckets.push(hashFeature(f, model.data.bits)), set.lexicon[lang]);
  return readTone(model, Uint32Array.from(buckets), tokens, lang);
}
const langs = (process.argv[2] ? [process.argv[2]] : ["fi", "en"]) as ("fi" | "en")[];

for (const lang of langs) {
  const corpus = loadUtterances(path.join(ROOT, "training", "data", lang));
  const rows: [string, ToneLine[], "macro-F1" | "accuracy"][] = [
    ["held-out corpus", corpus.filter((u) => splitOf(u.text) === "test"), "macro-F1"],
    [
      "independent set",
      loadUtterances(path.join(ROOT, "evaluation", "data")).filter((u) => u.lang === lang),
      "macro-F1",
    ],
  ];
  if (lang === "fi") {
    const held = finnSentiment("heldout");
    rows.push(
      ["FinnSentiment held-out", held, "macro-F1"],
      ["FinnSentiment balanced", balanced(held, 300, FINNSENTIMENT_SEED), "macro-F1"],
      ["FinnSentiment service-like", held.filter((l) => isServiceLike(l.text)), "macro-F1"],
      ["XED fi held-out", xed("fi", "heldout"), "macro-F1"],
    );
  } else
    rows.push(["UCI IMDB", uciImdb(), "accuracy"], ["XED en held-out", xed("en", "heldout"), "macro-F1"]);
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
