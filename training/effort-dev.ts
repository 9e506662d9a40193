/**
 * Development figures for customer effort (the rules of src/analysis/effort-signals.ts and the effort
 * model, training/effort-model.ts) on training/dev/effort-{fi,en}.jsonl — messages labelled by an
 * author who read only training/LABELS.md, never the rules or the effort training lines — so a rule or
 * a training setting can be judged without the evaluation set (evaluation/effort/, which `npm run
 * eval` scores and nothing else reads):
 *
 *   node --import tsx training/effort-dev.ts [--lang fi|en] [--verbose]
 *        [--retrain [--l2 X] [--dropout X] [--beta B] [--no-email-negatives]]   # read by an effort
 *                                              # model trained here from training/effort/ (and, unless
 *                                              # told not to, the effort-free e-mail sentences, as
 *                                              # shipped: effort-model.ts emailNegatives) with these
 *                                              # settings (thresholds for the best F-beta out of fold),
 *                                              # not the shipped one
 *        [--rules-only]                        # the rules alone, as before the effort model
 *        [--file F]                            # another development file of the language, e.g.
 *                                              # training/dev/effort-en-h.jsonl (with --lang en)
 *
 * Printed per language: precision and recall of each effort field, beside a word-list baseline
 * (evaluation/effort.ts); --verbose lists the messages Kohtaamo reads wrong.
 */
import fs from "node:fs";
import { EFFORT_DEV_FILE, loadEffortLines, printEffort } from "../evaluation/effort.ts";
import { MODELS_DIR } from "../src/analysis/default-analyzer.ts";
import { LinearModel } from "../src/analysis/model/linear-model.ts";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { EFFORT_OPTIONS, effortTrainingLines, emailNegatives, fitEffort } from "./effort-model.ts";

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const verbose = argv.includes("--verbose");
const langs = (arg("--lang") ? [arg("--lang")] : ["fi", "en"]) as ("fi" | "en")[];
const set = loadModelSet(MODELS_DIR);
const options = {
  l2: Number(arg("--l2") ?? EFFORT_OPTIONS.l2),
  dropout: Number(arg("--dropout") ?? EFFORT_OPTIONS.dropout),
  beta: Number(arg("--beta") ?? EFFORT_OPTIONS.beta),
};
for (const lang of langs) {
  const file = arg("--file") ?? EFFORT_DEV_FILE(lang);
  if (!fs.existsSync(file)) {
    console.log(`${lang}: ${file} not found`);
    continue;
  }
  let effort = set.models[lang].effort;
  let how = "the shipped effort model";
  if (argv.includes("--retrain")) {
    const lines = effortTrainingLines(lang);
    const negatives = argv.includes("--no-email-negatives") ? [] : emailNegatives(lang);
    effort = new LinearModel(fitEffort(lang, lines, set.lexicon[lang], options, negatives));
    how = `an effort model trained here on ${lines.length} lines and ${negatives.length} effort-free e-mail sentences (l2 ${options.l2}, dropout ${options.dropout}, thresholds for F-beta ${options.beta})`;
  }
  if (argv.includes("--rules-only")) {
    // A model whose every threshold is out of reach: only the rules find anything.
    effort = new LinearModel({ ...effort.data, thresholds: effort.data.labels.map(() => 2) });
    how = "the rules alone";
  }
  const analyzer = new TextAnalyzer({
    ...set,
    models: { ...set.models, [lang]: { ...set.models[lang], effort } },
  });
  console.log(`${lang === "fi" ? "Finnish" : "English"}: ${how}`);
  printEffort(analyzer, lang, loadEffortLines(file), "effort development set training/dev", verbose);
}
