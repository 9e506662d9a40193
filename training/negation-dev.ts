/**
 * Development figures for negation (training/dev/negation-{fi,en}.jsonl: customer lines that deny a
 * problem, negate praise, or mix the two, written for this by an author who saw neither the corpus
 * nor the models, and never trained on), so a change to the tone or themes models or to negation
 * handling can be judged without the evaluation sets:
 *
 *   node --import tsx training/negation-dev.ts [--models DIR ...] [--verbose]
 *
 * Each `--models DIR` (default: models/) is read side by side on the same lines. Printed per
 * language and model set: tone accuracy and macro-F1; of the lines whose gold tone is not negative
 * (mostly denied problems: "Paketti ei ollut myöhässä."), the share read negative; of the negative
 * ones (negated praise: "ei osannut auttaa"), the share read as not negative; and the theme figures
 * of `npm run eval` (evaluation/theme-report.ts). --verbose lists the lines read wrong.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printThemeFigures, themeFigures } from "../evaluation/theme-report.ts";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { loadNegationDev, TONES } from "./corpus.ts";
import { f1Scores } from "./metrics.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const verbose = argv.includes("--verbose");
const dirs = argv.flatMap((a, i) => (argv[i - 1] === "--models" ? [a] : []));
if (dirs.length === 0) dirs.push(path.join(ROOT, "models"));

const f3 = (x: number) => x.toFixed(3);
for (const lang of ["fi", "en"] as const) {
  const lines = loadNegationDev(lang);
  if (lines.length === 0) {
    console.log(`${lang}: training/dev/negation-${lang}.jsonl not found`);
    continue;
  }
  const counts = TONES.map((t) => `${t} ${lines.filter((l) => l.tone === t).length}`).join(", ");
  console.log(`${lang}: ${lines.length} lines (${counts})`);
  for (const dir of dirs) {
    const set = loadModelSet(dir);
    const analyzer = new TextAnalyzer(set);
    const read = lines.map((u) => analyzer.analyzeText(u.text, lang));
    const predicted = read.map((r) => r.tone.label);
    const gold: string[] = lines.map((u) => u.tone);
    const f1 = f1Scores(TONES, gold, predicted);
    const notNegative = lines.map((u, i) => ({ u, i })).filter((x) => x.u.tone !== "negative");
    const negative = lines.map((u, i) => ({ u, i })).filter((x) => x.u.tone === "negative");
    const readNegative = notNegative.filter((x) => predicted[x.i] === "negative").length;
    const missed = negative.filter((x) => predicted[x.i] !== "negative").length;
    console.log(
      `  ${path.relative(ROOT, dir) || dir}: tone accuracy ${f3(f1.accuracy)}, macro-F1 ${f3(f1.macroF1)}; gold not negative read negative ${readNegative}/${notNegative.length}; gold negative read otherwise ${missed}/${negative.length}`,
    );
    printThemeFigures(
      themeFigures(
        lines,
        read.map((r) => r.themes.map((t) => t.id)),
        set.taxonomy,
      ),
      false,
    );
    if (verbose)
      lines.forEach((u, i) => {
        if (predicted[i] !== u.tone) console.log(`    ${u.tone} → ${predicted[i]}: ${u.text}`);
      });
  }
}
