/**
 * Development figures for the customer-effort rules (src/analysis/effort-signals.ts) on
 * training/dev/effort-{fi,en}.jsonl — messages labelled by an author who read only
 * training/LABELS.md, never the rules — so a rule can be judged without the evaluation set
 * (evaluation/effort/, which `npm run eval` scores and nothing else reads):
 *
 *   node --import tsx training/effort-dev.ts [--lang fi|en] [--verbose]
 *
 * Printed per language: precision, recall and F1 of each effort field, beside a word-list baseline
 * (evaluation/effort.ts); --verbose lists the messages Kohtaamo reads wrong.
 */
import fs from "node:fs";
import { EFFORT_DEV_FILE, loadEffortLines, printEffort } from "../evaluation/effort.ts";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";

const argv = process.argv.slice(2);
const verbose = argv.includes("--verbose");
const langArg = argv.includes("--lang") ? argv[argv.indexOf("--lang") + 1] : undefined;
const langs = (langArg ? [langArg] : ["fi", "en"]) as ("fi" | "en")[];
const analyzer = loadDefaultAnalyzer();
for (const lang of langs) {
  const file = EFFORT_DEV_FILE(lang);
  if (!fs.existsSync(file)) {
    console.log(`${lang}: ${file} not found`);
    continue;
  }
  console.log(lang === "fi" ? "Finnish" : "English");
  printEffort(analyzer, lang, loadEffortLines(file), "effort development set training/dev", verbose);
}
