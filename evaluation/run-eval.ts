/**
 * `npm run eval`: scores Kohtaamo's text models on data they never saw, per language, with
 * the peers side by side on the same sentences:
 *   - "held-out": the test split (20%, by text hash) of the project's corpus in training/data;
 *   - "independent": evaluation/data/{fi,en}.jsonl, written separately from training/ and never
 *     used for training or tuning; its themes beside two second annotators' labels of the same
 *     lines (second-annotators.ts).
 *   - public human-labelled text the models never trained on (tone-real-text.ts; for English themes,
 *     theme-real-text.ts), and long messages put together from it (long-messages.ts);
 *   - customer effort: evaluation/effort/{fi,en}.jsonl, messages labelled with the effort they
 *     state, written like the independent set (effort.ts), beside a word-list baseline.
 * Tone: macro-F1 over negative/neutral/positive. Themes: share of sentences with a gold theme whose
 * gold theme is among those found, themes found per sentence, macro-F1. Emotions and agent
 * behaviours: macro-F1 (one-vs-rest).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import type { Taxonomy } from "../src/analysis/model/model-set.ts";
import { BEHAVIOURS, EMOTIONS, loadUtterances, splitOf, TONES, type Utterance } from "../training/corpus.ts";
import { f1Scores, multilabelF1 } from "../training/metrics.ts";
import { EFFORT_EVAL_FILE, loadEffortLines, printEffort } from "./effort.ts";
import { scoreLongMessages } from "./long-messages.ts";
import { PEERS } from "./peers.ts";
import { loadSecondAnnotations, printSecondAnnotators, type SecondAnnotation } from "./second-annotators.ts";
import { scoreThemeRealText } from "./theme-real-text.ts";
import { printThemeFigures, themeFigures } from "./theme-report.ts";
import { scoreToneRealText } from "./tone-real-text.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const analyzer = loadDefaultAnalyzer();
const verbose = process.argv.includes("--verbose");
const taxonomy = JSON.parse(fs.readFileSync(path.join(ROOT, "models", "taxonomy.json"), "utf8")) as Taxonomy;

const pct = (x: number) => x.toFixed(3);

async function scoreSet(
  label: string,
  lang: "fi" | "en",
  set: Utterance[],
  annotations: readonly SecondAnnotation[] = [],
): Promise<void> {
  if (set.length === 0) {
    console.log(`  ${label}: no sentences`);
    return;
  }
  const results = set.map((u) => analyzer.analyzeText(u.text, lang));
  const tone = f1Scores(
    TONES,
    set.map((u) => u.tone),
    results.map((r) => r.tone.label),
  );
  const peers: string[] = [];
  for (const p of PEERS.filter((peer) => peer.langs.includes(lang))) {
    const predicted: string[] = [];
    for (const u of set) predicted.push(await p.tone(u.text, lang));
    peers.push(
      `${p.name} ${pct(
        f1Scores(
          TONES,
          set.map((u) => u.tone),
          predicted,
        ).macroF1,
      )}`,
    );
  }
  console.log(`  ${label} (n=${set.length})`);
  console.log(`    tone macro-F1      kohtaamo ${pct(tone.macroF1)}   ${peers.join("   ")}`);
  if (verbose)
    for (const c of tone.perClass)
      console.log(
        `      ${c.label.padEnd(10)} P ${pct(c.precision)} R ${pct(c.recall)} F1 ${pct(c.f1)} n=${c.support}`,
      );

  const withTheme = set.map((u, i) => ({ u, r: results[i] })).filter((x) => x.u.themes.length > 0);
  const hits = withTheme.filter((x) => x.u.themes.some((t) => x.r?.themes.some((f) => f.id === t.id))).length;
  const perSentence = results.reduce((s, r) => s + r.themes.length, 0) / results.length;
  const themeIds = [...new Set(set.flatMap((u) => u.themes.map((t) => t.id)))];
  const themesF1 = multilabelF1(
    themeIds,
    set.map((u) => u.themes.map((t) => t.id)),
    results.map((r) => r.themes.map((t) => t.id)),
  );
  console.log(
    `    themes             right theme found ${pct(hits / Math.max(1, withTheme.length))} of ${withTheme.length}   themes per sentence ${perSentence.toFixed(2)}   macro-F1 ${pct(themesF1.macroF1)}`,
  );
  if (verbose) {
    const weak = themesF1.perClass.filter((c) => c.support > 0).sort((a, b) => a.f1 - b.f1);
    console.log(`      themes by F1: ${weak.map((c) => `${c.label} ${pct(c.f1)}`).join(", ")}`);
  }
  const found = results.map((r) => r.themes.map((t) => t.id));
  printThemeFigures(themeFigures(set, found, taxonomy), verbose);
  printSecondAnnotators(set, found, annotations, taxonomy, verbose);
  const emotions = multilabelF1(
    EMOTIONS,
    set.map((u) => u.emotions),
    results.map((r) => r.emotions.filter((e) => e.present).map((e) => e.id)),
  );
  console.log(
    `    emotions macro-F1  ${pct(emotions.macroF1)}   (${emotions.perClass.map((c) => `${c.label} ${pct(c.f1)}`).join(", ")})`,
  );
  const agent = set.filter((u) => u.speaker === "agent");
  if (agent.length > 0) {
    const agentResults = agent.map((u) => analyzer.analyzeText(u.text, lang, { speaker: "agent" }));
    const behaviours = multilabelF1(
      BEHAVIOURS,
      agent.map((u) => u.behaviours),
      agentResults.map((r) => r.behaviours ?? []),
    );
    console.log(`    behaviours macro-F1 ${pct(behaviours.macroF1)} on ${agent.length} agent turns`);
    if (verbose) {
      const rows = behaviours.perClass.filter((c) => c.support > 0);
      console.log(`      ${rows.map((c) => `${c.label} ${pct(c.f1)} (n=${c.support})`).join(", ")}`);
    }
  }
}

console.log(`Kohtaamo text analysis — ${analyzer.version}`);
for (const lang of ["fi", "en"] as const) {
  console.log(`\n${lang === "fi" ? "Finnish" : "English"}`);
  const corpus = loadUtterances(path.join(ROOT, "training", "data", lang));
  await scoreSet(
    "held-out split of training/data",
    lang,
    corpus.filter((u) => splitOf(u.text) === "test"),
  );
  const independent = loadUtterances(path.join(ROOT, "evaluation", "data")).filter((u) => u.lang === lang);
  await scoreSet(
    "independent set evaluation/data",
    lang,
    independent,
    loadSecondAnnotations(lang, independent, taxonomy),
  );
  await scoreToneRealText(analyzer, lang, verbose);
  if (lang === "en") scoreThemeRealText(analyzer, taxonomy, verbose);
  await scoreLongMessages(analyzer, lang);
  // Never with the misread lines: nothing may be chosen by looking at this set's errors.
  if (fs.existsSync(EFFORT_EVAL_FILE(lang)))
    printEffort(analyzer, lang, loadEffortLines(EFFORT_EVAL_FILE(lang)), "effort, evaluation/effort", false);
}
