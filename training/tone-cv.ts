/**
 * Whether the tone model gains from the theme dev sets' tone labels (themes-dev-*.jsonl: lines by
 * fresh authors in registers the corpus has little of — speech-to-text, chat, social media,
 * second-language writers, staff notes), decided without the independent set in evaluation/,
 * which this script never reads:
 *
 *   node --import tsx training/tone-cv.ts [--lang fi|en]
 *
 * Each dev set's tone is read three ways by the real TextAnalyzer (the shipped models but tone):
 * by the shipped tone model; by one retrained as shipped (the corpus, and for Finnish FinnSentiment,
 * no dev set), so that what the retraining changes by itself is apart; and leave one set out, by a
 * tone model trained as shipped plus every *other* dev set (train-tone.ts: fitTone), never on the
 * set it reads. The negation dev set (training/dev, never trained on) is read by the shipped, the
 * retrained and the all-dev-sets model. Printed: accuracy and macro-F1 per set and pooled.
 * Tone trains in about 5 s a language, so the whole run takes a few minutes.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MODELS_DIR } from "../src/analysis/default-analyzer.ts";
import type { LinearModel } from "../src/analysis/model/linear-model.ts";
import { loadModelSet, type ModelSet } from "../src/analysis/model/model-set.ts";
import { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { loadDevUtterances, loadNegationDev, TONES, type Utterance } from "./corpus.ts";
import { byDevSet, Pooled } from "./dev-set-cv.ts";
import { f1Scores } from "./metrics.ts";
import { fitTone } from "./train-tone.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const langArg = argv.includes("--lang") ? argv[argv.indexOf("--lang") + 1] : undefined;
const langs = (langArg ? [langArg] : ["fi", "en"]) as ("fi" | "en")[];
const base: ModelSet = loadModelSet(MODELS_DIR);
const trainedAt = new Date().toISOString().slice(0, 10);

function analyzerWith(lang: "fi" | "en", tone: LinearModel): TextAnalyzer {
  return new TextAnalyzer({ ...base, models: { ...base.models, [lang]: { ...base.models[lang], tone } } });
}

const read = (analyzer: TextAnalyzer, lang: "fi" | "en", lines: readonly Utterance[]) =>
  lines.map((u) => analyzer.analyzeText(u.text, lang, { speaker: u.speaker }).tone.label);

const figure = (gold: readonly string[], predicted: readonly string[]) => {
  const f = f1Scores(TONES, gold, predicted);
  return `${f.accuracy.toFixed(3)} / ${f.macroF1.toFixed(3)}`;
};

/** Of the lines not negative, how many were read negative; of the negative ones, how many were not. */
const denials = (gold: readonly string[], predicted: readonly string[]) => {
  const readNegative = gold.filter((g, i) => g !== "negative" && predicted[i] === "negative").length;
  const missed = gold.filter((g, i) => g === "negative" && predicted[i] !== "negative").length;
  return `${figure(gold, predicted)} (${readNegative} not negative read negative, ${missed} negative missed)`;
};

for (const lang of langs) {
  const dir = path.join(ROOT, "training", "data", lang);
  const dev = loadDevUtterances(dir);
  const lexicon = base.lexicon[lang];
  const shipped = new TextAnalyzer(base);
  const retrained = analyzerWith(lang, fitTone(lang, lexicon, trainedAt).model());
  const pooled = new Pooled<string>();
  console.log(
    `${lang}: tone accuracy / macro-F1 per dev set — shipped | retrained as shipped | leave one set out`,
  );
  for (const { set, lines, others } of byDevSet(dev)) {
    const loo = analyzerWith(lang, fitTone(lang, lexicon, trainedAt, { devLines: others }).model());
    const rows = pooled.add({
      gold: lines.map((u) => u.tone),
      shipped: read(shipped, lang, lines),
      retrained: read(retrained, lang, lines),
      loo: read(loo, lang, lines),
    });
    console.log(
      `  ${set.padEnd(16)} n=${String(lines.length).padStart(4)}  ${figure(rows.gold, rows.shipped)} | ${figure(rows.gold, rows.retrained)} | ${figure(rows.gold, rows.loo)}`,
    );
  }
  console.log(
    `  ${"pooled".padEnd(16)} n=${String(pooled.gold.length).padStart(4)}  ${figure(pooled.gold, pooled.shipped)} | ${figure(pooled.gold, pooled.retrained)} | ${figure(pooled.gold, pooled.loo)}`,
  );
  const negation = loadNegationDev(lang);
  if (negation.length > 0) {
    const all = analyzerWith(lang, fitTone(lang, lexicon, trainedAt, { devLines: dev }).model());
    const gold = negation.map((u) => u.tone);
    console.log(`  negation dev set n=${negation.length}:`);
    console.log(`    shipped            ${denials(gold, read(shipped, lang, negation))}`);
    console.log(`    retrained          ${denials(gold, read(retrained, lang, negation))}`);
    console.log(`    with every dev set ${denials(gold, read(all, lang, negation))}`);
  }
}
