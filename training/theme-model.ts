/**
 * How the themes model is trained, in one place: by train-models.ts (the shipped model), by
 * fit-theme-calibration.ts (its out-of-fold models) and by theme-cv.ts (cross-validation), so all
 * three train exactly the same model.
 *
 * One-vs-rest logistic regression over textFeatures() (the features every model of a language
 * shares: the analyzer hashes a text once) and the character 4-grams of each word (wordGrams; the
 * model's `charGrams`, which the analyzer reads to append the same), labels = the taxonomy's themes but the pattern-only
 * ones, plus NO_THEME for utterances about no topic. Per-label thresholds (only NO_THEME's is used
 * by the analyzer) are tuned on every 7th example and the final model is trained on all.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LinearModel, type LinearModelData } from "../src/analysis/model/linear-model.ts";
import { visitTokenFeatures, visitWordGrams } from "../src/analysis/text/features.ts";
import { SentimentLexicon } from "../src/analysis/text/sentiment-lexicon.ts";
import { normaliseSpoken } from "../src/analysis/text/spoken.ts";
import { tokenize } from "../src/analysis/text/tokenize.ts";
import type { Utterance } from "./corpus.ts";
import { type Example, type TrainOptions, trainLinear, tuneThresholds } from "./linear-trainer.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODELS = path.join(ROOT, "models");

/** The themes model's extra label for utterances about no topic (see src/analysis/text-analyzer.ts). */
export const NO_THEME = "none";
/**
 * The general "service overall" theme ("Hyvä palvelu.") is left to its patterns and reported only
 * when nothing more specific is (text-analyzer.ts): the corpus was labelled before the theme
 * existed, so its many "good service, and …" lines carry the specific themes only, and a model
 * trained on them could not learn where the general theme applies.
 */
export const PATTERN_ONLY: ReadonlySet<string> = new Set(["service_overall"]);

const taxonomy = JSON.parse(fs.readFileSync(path.join(MODELS, "taxonomy.json"), "utf8")) as {
  themes: { id: string }[];
};
/** The themes model's labels: the taxonomy's themes the model learns, then NO_THEME. */
export const THEME_LABELS: readonly string[] = [
  ...taxonomy.themes.map((t) => t.id).filter((id) => !PATTERN_ONLY.has(id)),
  NO_THEME,
];

const lexiconFile = JSON.parse(
  fs.readFileSync(path.join(MODELS, "sentiment-lexicon.json"), "utf8"),
) as Record<"fi" | "en", Record<string, number>>;
const LEXICON = { fi: new SentimentLexicon(lexiconFile.fi), en: new SentimentLexicon(lexiconFile.en) };

/**
 * The settings the shipped themes model is trained with (measured alternatives: training/theme-cv.ts).
 * Regularised against the corpus authors' wording: half of a line's features are left out each time
 * it is seen (dropout 0.5) and weights decay (l2 1e-2, from 1e-6), so no single word a training author
 * favoured carries a theme alone. Chosen on the dev sets only (`theme-cv.ts --folds 0`, 2026-12-04):
 * on lines by an author who never saw the corpus (themes-dev-4/5, 610 single-topic lines per language)
 * the right theme was found on fi 0.777 → 0.844 and en 0.713 → 0.739 of them (reported themes right
 * 0.747 → 0.772 / 0.764 → 0.760), on dev-1..3 fi 0.936 → 0.963, en 0.911 → 0.919, and on BANKING77's
 * held-out queries 0.840 → 0.877; l2 1e-5..3e-3, dropout 0.25..0.7, 30 epochs and 3- or 5-grams
 * were each no better.
 */
export const THEME_TRAIN_OPTIONS: Omit<TrainOptions, "name" | "labels"> = {
  kind: "multilabel",
  balance: true,
  epochs: 15,
  l2: 1e-2,
  dropout: 0.5,
};

/** An utterance's theme labels as the model learns them: its themes, or NO_THEME when it has none. */
export function themeLabelsOf(u: Utterance): string[] {
  return u.themes.length > 0 ? u.themes.map((t) => t.id) : [NO_THEME];
}

/**
 * The length of the character n-grams the themes model reads (0: none). 4 was chosen by
 * `training/theme-cv.ts --char-grams 0|3|4|5` on the corpus folds and the dev sets: it found the right
 * theme on 3–6 points more single-topic lines than none, at about the same share of reported themes
 * right (figures: models/README.md). The tone model does not read them: on its dev slices they
 * mostly cost macro-F1.
 */
let charGrams = 4;
export function setThemeCharGrams(n: number): void {
  charGrams = n;
  featureCache.clear();
}

const featureCache = new Map<string, string[]>();
/**
 * textFeatures with the language's lexicon and, when the model reads them, its words' character
 * n-grams: exactly what the analyzer hashes for the themes model. Cached (cross-validation reads
 * each text many times).
 */
export function themeFeatures(text: string, lang: "fi" | "en"): string[] {
  const key = `${lang}\u0000${text}`;
  let f = featureCache.get(key);
  if (!f) {
    const out: string[] = [];
    const push = (feature: string) => {
      out.push(feature);
    };
    const tokens = normaliseSpoken(tokenize(text), lang);
    visitTokenFeatures(tokens, lang, push, LEXICON[lang]);
    if (charGrams > 0) visitWordGrams(tokens, charGrams, push);
    f = out;
    featureCache.set(key, f);
  }
  return f;
}

export function themeExamples(utterances: readonly Utterance[], lang: "fi" | "en"): Example[] {
  return utterances.map((u) => ({
    features: themeFeatures(u.text, lang),
    labels: themeLabelsOf(u)
      .map((l) => THEME_LABELS.indexOf(l))
      .filter((i) => i >= 0),
  }));
}

/**
 * The themes model of one language trained on `utterances`, as shipped: thresholds tuned on every
 * 7th example by a probe model trained on the rest, then the final model trained on all.
 * `options` overrides THEME_TRAIN_OPTIONS (for cross-validated comparisons).
 */
export function trainThemesModel(
  name: string,
  utterances: readonly Utterance[],
  lang: "fi" | "en",
  options: Partial<TrainOptions> = {},
  repeat: (u: Utterance) => number = () => 1,
): LinearModelData {
  const o: TrainOptions = { ...THEME_TRAIN_OPTIONS, ...options, name, labels: [...THEME_LABELS] };
  const examples = themeExamples(
    utterances.flatMap((u) => Array.from({ length: repeat(u) }, () => u)),
    lang,
  );
  const fit = examples.filter((_, i) => i % 7 !== 3);
  const dev = examples.filter((_, i) => i % 7 === 3);
  const probe = new LinearModel(trainLinear(fit, o));
  const thresholds = tuneThresholds(probe, dev);
  return { ...trainLinear(examples, o), thresholds, ...(charGrams > 0 ? { charGrams } : {}) };
}
