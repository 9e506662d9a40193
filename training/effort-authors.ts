/**
 * Does a set of effort training files help on authors the model never saw? Leave one author out:
 * for each author (training/effort/<lang>-<author>.jsonl) an effort model is trained on the other
 * authors' files and the analyzer (rules and that model) reads the left-out author's messages. The
 * counts are summed over the left-out authors, so the figures rest on thousands of messages written
 * by someone else than the training lines, where the development set has 250.
 *
 *   node --import tsx training/effort-authors.ts [--lang fi|en] [--without f,g] [--only-held a,b,c]
 *        [--no-email-negatives]
 *
 * --without leaves those authors out of every training run (to compare the figures with and without
 * them); --only-held scores only those left-out authors (those in both runs being compared). Every
 * model also learns the effort-free e-mail sentences, as the shipped one does (effort-model.ts
 * emailNegatives), unless --no-email-negatives.
 */
import { type EffortLine, formatEffortScores, kohtaamoEffort, scoreEffort } from "../evaluation/effort.ts";
import { MODELS_DIR } from "../src/analysis/default-analyzer.ts";
import { LinearModel } from "../src/analysis/model/linear-model.ts";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { EFFORT_OPTIONS, effortTrainingFiles, emailNegatives, fitEffort } from "./effort-model.ts";

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const langs = (arg("--lang") ? [arg("--lang")] : ["fi", "en"]) as ("fi" | "en")[];
const without = new Set((arg("--without") ?? "").split(",").filter(Boolean));
const onlyHeld = arg("--only-held") ? new Set((arg("--only-held") as string).split(",")) : null;
const set = loadModelSet(MODELS_DIR);

for (const lang of langs) {
  const byAuthor = effortTrainingFiles(lang);
  // Never held out: no author wrote them (effort-model.ts emailNegatives).
  const negatives = argv.includes("--no-email-negatives") ? [] : emailNegatives(lang);
  const held: EffortLine[] = [];
  const readings: ReturnType<typeof kohtaamoEffort>[] = [];
  for (const [author, lines] of byAuthor) {
    if (onlyHeld && !onlyHeld.has(author)) continue;
    const training = [...byAuthor].filter(([a]) => a !== author && !without.has(a)).flatMap(([, l]) => l);
    const effort = new LinearModel(fitEffort(lang, training, set.lexicon[lang], EFFORT_OPTIONS, negatives));
    const analyzer = new TextAnalyzer({
      ...set,
      models: { ...set.models, [lang]: { ...set.models[lang], effort } },
    });
    for (const l of lines) {
      held.push(l);
      readings.push(kohtaamoEffort(analyzer, l.text, lang));
    }
  }
  const authors = [...byAuthor.keys()].filter((a) => !onlyHeld || onlyHeld.has(a));
  console.log(
    `${lang}: each of ${authors.join(", ")} left out in turn (n=${held.length})${without.size > 0 ? `, never trained on ${[...without].join(", ")}` : ""}`,
  );
  for (const line of formatEffortScores("kohtaamo", scoreEffort(held, readings))) console.log(`  ${line}`);
}
