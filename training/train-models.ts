/**
 * Trains Kohtaamo's text models from the project's labelled corpus (training/data/{fi,en}) and
 * writes them to models/. Only the "train" split is used (training/corpus.ts: splitOf); the
 * "test" split and the independently written evaluation/ set are scored by `npm run eval`.
 *
 *   npm run train                 # all models, both languages
 *   node --import tsx training/train-models.ts --only themes    # only these models (tone, emotions,
 *                                 # themes, behaviours, effort; comma-separated), the others' files untouched
 *
 * Models per language: tone (softmax: negative/neutral/positive), emotions, themes, agent
 * behaviours and customer effort (one-vs-rest; effort from training/effort/, effort-model.ts).
 * Multilabel thresholds are tuned on a development slice of the training split (effort's out of
 * fold), never on the test split.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LinearModelData } from "../src/analysis/model/linear-model.ts";
import { encodeModel } from "../src/analysis/model/model-codec.ts";
import { SentimentLexicon } from "../src/analysis/text/sentiment-lexicon.ts";
import { banking77ThemeUtterances } from "./banking77.ts";
import { loadDevUtterances, loadThemeUtterances, loadUtterances, splitOf, themesOnly } from "./corpus.ts";
import { EFFORT_OPTIONS, effortTrainingLines, emailNegatives, fitEffort } from "./effort-model.ts";
import { fitBehaviours, fitEmotions } from "./multilabel-model.ts";
import { THEME_TRAIN_OPTIONS, trainThemesModel } from "./theme-model.ts";
import { trainTone } from "./train-tone.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODELS = path.join(ROOT, "models");
const lexiconFile = JSON.parse(
  fs.readFileSync(path.join(MODELS, "sentiment-lexicon.json"), "utf8"),
) as Record<"fi" | "en", Record<string, number>>;
const LEXICON = { fi: new SentimentLexicon(lexiconFile.fi), en: new SentimentLexicon(lexiconFile.en) };

function write(data: LinearModelData, meta: Record<string, unknown>): void {
  const file = path.join(MODELS, `${data.name}.model.json`);
  fs.writeFileSync(file, `${JSON.stringify(encodeModel(data, meta))}\n`);
  process.stderr.write(
    `wrote ${path.relative(ROOT, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)\n`,
  );
}

const KINDS = ["tone", "emotions", "themes", "behaviours", "effort"] as const;
/** `--only themes,emotions`: retrain just these, leaving the other model files as they are. */
const onlyArg = process.argv.indexOf("--only");
const only = new Set<string>(
  onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? "").split(",").filter((k) => k.length > 0) : KINDS,
);
for (const k of only)
  if (!(KINDS as readonly string[]).includes(k))
    throw new Error(`--only: unknown model ${k} (${KINDS.join(", ")})`);
const trainedAt = new Date().toISOString().slice(0, 10);
for (const lang of ["fi", "en"] as const) {
  const all = loadUtterances(path.join(ROOT, "training", "data", lang));
  const train = all.filter((u) => splitOf(u.text) === "train");
  const meta = {
    trainedAt,
    lang,
    corpus: `training/data/${lang}`,
    examples: train.length,
    split: "train (80%, by text hash)",
  };
  process.stderr.write(`${lang}: ${all.length} utterances, ${train.length} for training\n`);
  // Tone: the corpus together with FinnSentiment, plus tone-only cue features (train-tone.ts).
  if (only.has("tone")) trainTone(lang, LEXICON[lang], trainedAt);
  // Emotions: which lines and how, multilabel-model.ts (emotionTrainingLines, EMOTION_OPTIONS); since
  // 2026-12-06 also every line of the theme dev sets (training/multilabel-cv.ts).
  if (only.has("emotions")) {
    const devLines = loadDevUtterances(path.join(ROOT, "training", "data", lang));
    write(fitEmotions(lang, train, LEXICON[lang], devLines), { ...meta, devSetLines: devLines.length });
  }
  // NO_THEME (theme-model.ts) is learned like a theme: greetings, thanks and fillers are its examples, so the
  // analyzer can tell "says nothing about a topic" from "says it in words the patterns miss".
  // Trained as training/theme-model.ts says (the calibration's fold models and theme-cv.ts train the same).
  // English themes also learn from BANKING77's training part (real bank customers' queries, intents
  // mapped to themes: training/banking77.ts), split 80/20 like the corpus so the calibration's held-out
  // part has some too; its own held-out 30% is scored by `npm run eval` only.
  // Themes also learn from the theme dev sets' training split (corpus.ts: loadThemeUtterances).
  if (only.has("themes")) {
    const themeTrain = loadThemeUtterances(path.join(ROOT, "training", "data", lang)).filter(
      (u) => splitOf(u.text) === "train",
    );
    const devLines = themeTrain.length - train.length;
    const extra = lang === "en" ? banking77ThemeUtterances().filter((u) => splitOf(u.text) === "train") : [];
    write(trainThemesModel(`themes-${lang}`, [...themeTrain, ...extra], lang), {
      ...meta,
      examples: themeTrain.length + extra.length,
      devSetLines: devLines,
      ...(extra.length > 0 ? { banking77Lines: extra.length } : {}),
      trainOptions: THEME_TRAIN_OPTIONS,
    });
  }
  // Effort: its own labelled messages (training/effort/, effort-model.ts), not the corpus's lines, which
  // carry no effort labels — but for the e-mail sentences a broad screen finds no effort word in, which
  // teach it that a greeting, a reference line or a customer number given once states none.
  if (only.has("effort")) {
    const lines = effortTrainingLines(lang);
    if (lines.length === 0) throw new Error(`no effort training lines for ${lang} in training/effort/`);
    const negatives = emailNegatives(lang);
    write(fitEffort(lang, lines, LEXICON[lang], EFFORT_OPTIONS, negatives), {
      ...meta,
      corpus: `training/effort/${lang}-*.jsonl and ${negatives.length} effort-free e-mail sentences of training/data/${lang}/email-sentences-*.jsonl ("train" split)`,
      examples: lines.length + negatives.length,
      split: "all (development and evaluation sets are other files)",
      trainOptions: EFFORT_OPTIONS,
    });
  }
  if (only.has("behaviours")) {
    const agentTurns = train.filter((u) => u.speaker === "agent" && !themesOnly(u));
    write(fitBehaviours(lang, train, LEXICON[lang]), { ...meta, examples: agentTurns.length });
  }
}
