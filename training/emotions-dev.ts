/**
 * Development figures for the emotion models, so a retrain can be judged on emotions without the
 * evaluation sets: the theme dev sets (training/data/*\/themes-dev-*.jsonl) and the negation dev sets
 * (training/dev/negation-*.jsonl), each labelled with its emotions as LABELS.md says. Since
 * 2026-12-06 the shipped emotions models learn from the theme dev sets, so for models trained that
 * way only the negation dev set is unseen here; read the theme dev sets leave one set out with
 * training/multilabel-cv.ts.
 *
 *   node --import tsx training/emotions-dev.ts [--models DIR ...]
 *
 * Each `--models DIR` (default: models/) is read side by side on the same lines, with this checkout's
 * code (a model set trained with other feature code must be read from its own checkout). Printed per
 * language and dev set: emotions macro-F1 and per emotion F1 with its support, as `npm run eval` prints
 * them (multilabel, an emotion counted when the analyzer marks it present).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { EMOTIONS, loadDevUtterances, loadNegationDev, type Utterance } from "./corpus.ts";
import { multilabelF1 } from "./metrics.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const dirs = argv.flatMap((a, i) => (argv[i - 1] === "--models" ? [a] : []));
if (dirs.length === 0) dirs.push(path.join(ROOT, "models"));

const f3 = (x: number) => x.toFixed(3);
for (const lang of ["fi", "en"] as const) {
  const sets: [string, Utterance[]][] = [
    ["theme dev sets", loadDevUtterances(path.join(ROOT, "training", "data", lang))],
    ["negation dev set", loadNegationDev(lang)],
  ];
  for (const [name, all] of sets) {
    const lines = all.filter((u) => u.speaker === "customer");
    if (lines.length === 0) continue;
    const support = EMOTIONS.map((e) => lines.filter((u) => u.emotions.includes(e)).length);
    console.log(`${lang} ${name}: ${lines.length} customer lines`);
    for (const dir of dirs) {
      const analyzer = new TextAnalyzer(loadModelSet(dir));
      const read = lines.map((u) => analyzer.analyzeText(u.text, lang));
      const f1 = multilabelF1(
        EMOTIONS,
        lines.map((u) => u.emotions),
        read.map((r) => r.emotions.filter((e) => e.present).map((e) => e.id)),
      );
      const perClass = f1.perClass.map((c, i) => `${c.label} ${f3(c.f1)} (n=${support[i]})`).join(", ");
      console.log(`  ${path.relative(ROOT, dir) || dir}: emotions macro-F1 ${f3(f1.macroF1)}   ${perClass}`);
    }
  }
}
