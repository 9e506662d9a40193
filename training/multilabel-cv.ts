/**
 * Whether the emotions or the agent-behaviours model gains from the theme dev sets' labels
 * (themes-dev-*.jsonl, by fresh authors; models/README.md, "Emotions from the theme dev sets"),
 * decided without the independent set in evaluation/, which this script never reads:
 *
 *   node --import tsx training/multilabel-cv.ts [--task emotions|behaviours] [--lang fi|en]
 *
 * Each dev set's lines of the task's speaker (customers for emotions, agents for behaviours) are
 * read by the real TextAnalyzer (the shipped models but the task's) three ways: the shipped model
 * (the emotions one since 2026-12-06 trained on every dev set, so its column is no held-out
 * figure); one trained on the corpus's train split alone (multilabel-model.ts: fitEmotions,
 * fitBehaviours), as the shipped behaviours model is; and leave one set out, by a model trained on
 * the corpus plus the *other* dev sets, never on the set it reads. The negation dev set
 * (training/dev, never trained on) is read by the shipped, the corpus-only and the all-dev-sets
 * model. Printed: macro-F1 (multilabel, as emotions-dev.ts and `npm run eval` count it) per set
 * and pooled, and per label pooled.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MODELS_DIR } from "../src/analysis/default-analyzer.ts";
import { LinearModel, type LinearModelData } from "../src/analysis/model/linear-model.ts";
import { loadModelSet, type ModelSet } from "../src/analysis/model/model-set.ts";
import { type TextAnalysis, TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import {
  BEHAVIOURS,
  EMOTIONS,
  loadDevUtterances,
  loadNegationDev,
  loadUtterances,
  splitOf,
  type Utterance,
} from "./corpus.ts";
import { byDevSet, Pooled } from "./dev-set-cv.ts";
import { multilabelF1 } from "./metrics.ts";
import { fitBehaviours, fitEmotions } from "./multilabel-model.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const langArg = argv.includes("--lang") ? argv[argv.indexOf("--lang") + 1] : undefined;
const langs = (langArg ? [langArg] : ["fi", "en"]) as ("fi" | "en")[];
const base: ModelSet = loadModelSet(MODELS_DIR);

/** What each task reads: whose lines, their gold labels, the analyzer's answer, and the fit. */
const TASKS = {
  emotions: {
    labels: EMOTIONS,
    speaker: "customer",
    gold: (u: Utterance) => u.emotions,
    found: (a: TextAnalysis) => a.emotions.filter((e) => e.present).map((e) => e.id),
    fit: fitEmotions,
  },
  behaviours: {
    labels: BEHAVIOURS,
    speaker: "agent",
    gold: (u: Utterance) => u.behaviours,
    found: (a: TextAnalysis) => a.behaviours ?? [],
    fit: fitBehaviours,
  },
} as const;
const taskArg = argv.includes("--task") ? argv[argv.indexOf("--task") + 1] : "emotions";
if (taskArg !== "emotions" && taskArg !== "behaviours")
  throw new Error(`--task: emotions or behaviours, got ${taskArg}`);
const taskName = taskArg;
const task = TASKS[taskName];

function analyzerWith(lang: "fi" | "en", data: LinearModelData): TextAnalyzer {
  const model = new LinearModel(data);
  return new TextAnalyzer({
    ...base,
    models: { ...base.models, [lang]: { ...base.models[lang], [taskName]: model } },
  });
}

const read = (analyzer: TextAnalyzer, lang: "fi" | "en", lines: readonly Utterance[]) =>
  lines.map((u) => task.found(analyzer.analyzeText(u.text, lang, { speaker: u.speaker })));

const f1 = (gold: string[][], predicted: string[][]) => multilabelF1(task.labels, gold, predicted);
const f3 = (x: number) => x.toFixed(3);

for (const lang of langs) {
  const dir = path.join(ROOT, "training", "data", lang);
  const train = loadUtterances(dir).filter((u) => splitOf(u.text) === "train");
  const dev = loadDevUtterances(dir);
  const lexicon = base.lexicon[lang];
  const shipped = new TextAnalyzer(base);
  const retrained = analyzerWith(lang, task.fit(lang, train, lexicon));
  const pooled = new Pooled<string[]>();
  console.log(
    `${lang}: ${taskName} macro-F1 of ${task.speaker} lines per dev set — shipped | corpus only | leave one set out`,
  );
  for (const { set, lines: setLines, others } of byDevSet(dev)) {
    const lines = setLines.filter((u) => u.speaker === task.speaker);
    if (lines.length === 0) continue;
    const loo = analyzerWith(lang, task.fit(lang, train, lexicon, others));
    const rows = pooled.add({
      gold: lines.map(task.gold),
      shipped: read(shipped, lang, lines),
      retrained: read(retrained, lang, lines),
      loo: read(loo, lang, lines),
    });
    console.log(
      `  ${set.padEnd(16)} n=${String(lines.length).padStart(4)}  ${f3(f1(rows.gold, rows.shipped).macroF1)} | ${f3(f1(rows.gold, rows.retrained).macroF1)} | ${f3(f1(rows.gold, rows.loo).macroF1)}`,
    );
  }
  const all = {
    shipped: f1(pooled.gold, pooled.shipped),
    retrained: f1(pooled.gold, pooled.retrained),
    loo: f1(pooled.gold, pooled.loo),
  };
  console.log(
    `  ${"pooled".padEnd(16)} n=${String(pooled.gold.length).padStart(4)}  ${f3(all.shipped.macroF1)} | ${f3(all.retrained.macroF1)} | ${f3(all.loo.macroF1)}`,
  );
  for (const [i, e] of task.labels.entries())
    console.log(
      `    ${e.padEnd(15)} ${f3(all.shipped.perClass[i]?.f1 ?? 0)} | ${f3(all.retrained.perClass[i]?.f1 ?? 0)} | ${f3(all.loo.perClass[i]?.f1 ?? 0)}`,
    );
  const negation = loadNegationDev(lang).filter((u) => u.speaker === task.speaker);
  if (negation.length > 0) {
    const withAll = analyzerWith(lang, task.fit(lang, train, lexicon, dev));
    const gold = negation.map(task.gold);
    console.log(
      `  negation dev set n=${negation.length}: shipped ${f3(f1(gold, read(shipped, lang, negation)).macroF1)} | corpus only ${f3(f1(gold, read(retrained, lang, negation)).macroF1)} | with every dev set ${f3(f1(gold, read(withAll, lang, negation)).macroF1)}`,
    );
  }
}
