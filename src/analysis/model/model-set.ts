import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ANALYSIS_FINGERPRINT } from "../analysis-fingerprint.ts";
import {
  FI_DIACRITICS_FILE,
  FI_DIACRITICS_VERSION,
  type FiDiacriticsFile,
  setFinnishDiacritics,
} from "../text/fi-diacritics.ts";
import { SentimentLexicon } from "../text/sentiment-lexicon.ts";
import { attachToneLexicon, type ToneLexiconFile } from "../text/tone-lexicon.ts";
import {
  CALIBRATION_FEATURES,
  type ThemeCalibration,
  type ThemeCalibrationFile,
} from "../theme-calibration.ts";
import { LinearModel, shareRowIndex } from "./linear-model.ts";
import { decodeModel, type EncodedModel } from "./model-codec.ts";

export type ModelLang = "fi" | "en";
export const MODEL_LANGS: readonly ModelLang[] = ["fi", "en"];
export const MODEL_TASKS = ["tone", "emotions", "themes", "behaviours", "effort"] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

export interface ThemeDefinition {
  id: string;
  group: string;
  name: { fi: string; en: string };
  description?: string;
  /** Word patterns per language, see theme-patterns.ts. */
  patterns?: Partial<Record<"fi" | "en", string[]>>;
  examples?: Partial<Record<"fi" | "en", string[]>>;
}

export interface Taxonomy {
  version: string;
  groups: { id: string; name: { fi: string; en: string } }[];
  themes: ThemeDefinition[];
}

/** Agent behaviours for QA, with editable word patterns (models/behaviours.json). */
export interface BehaviourCatalogue {
  version: string;
  behaviours: {
    id: string;
    name: { fi: string; en: string };
    patterns?: Partial<Record<"fi" | "en", string[]>>;
  }[];
}

/** Every model of every language, the taxonomy their theme labels come from, and the behaviour catalogue. */
export interface ModelSet {
  version: string;
  taxonomy: Taxonomy;
  behaviours: BehaviourCatalogue;
  /** Evaluative words per language, fed to the models as features (models/sentiment-lexicon.json). */
  lexicon: Record<ModelLang, SentimentLexicon>;
  models: Record<ModelLang, Record<ModelTask, LinearModel>>;
  /** How the themes model and the taxonomy's patterns combine into one probability (models/themes-calibration.json). */
  themeCalibration: Record<ModelLang, ThemeCalibration>;
}

/**
 * Reads models/ once: `<task>-<lang>.model.json` for every task and language, and taxonomy.json.
 * A missing or corrupt file stops with a message that names it and how to rebuild it.
 */
export function loadModelSet(dir: string): ModelSet {
  // The trained files' content, hashed into the version: two trainings on one day differ, so stored
  // analyses of the older models are found and brought up to date (`kohtaamo reanalyze`).
  const content = createHash("sha256");
  const read = (file: string): unknown => {
    const full = path.join(dir, file);
    try {
      const text = fs.readFileSync(full, "utf8");
      if (file.endsWith(".model.json") || file === "themes-calibration.json" || file === FI_DIACRITICS_FILE)
        content.update(file).update(text);
      return JSON.parse(text);
    } catch (e) {
      throw new Error(`cannot load ${full}: ${(e as Error).message} (rebuild models with: npm run train)`);
    }
  };
  const taxonomy = read("taxonomy.json") as Taxonomy;
  const behaviours = read("behaviours.json") as BehaviourCatalogue;
  const lexiconFile = read("sentiment-lexicon.json") as { version: string } & Record<
    ModelLang,
    Record<string, number>
  >;
  const lexicon = { fi: new SentimentLexicon(lexiconFile.fi), en: new SentimentLexicon(lexiconFile.en) };
  // Finnish typed without ä/ö/å is restored before anything reads it (text/fi-diacritics.ts).
  const diacritics = read(FI_DIACRITICS_FILE) as FiDiacriticsFile;
  if (diacritics.version !== FI_DIACRITICS_VERSION)
    throw new Error(
      `${path.join(dir, FI_DIACRITICS_FILE)} is ${diacritics.version}, this version reads ${FI_DIACRITICS_VERSION} (rebuild: node --import tsx training/build-fi-diacritics.ts)`,
    );
  setFinnishDiacritics(diacritics.words);
  const models = {} as ModelSet["models"];
  const stamps: string[] = [];
  for (const lang of MODEL_LANGS) {
    const byTask = {} as Record<ModelTask, LinearModel>;
    for (const task of MODEL_TASKS) {
      const encoded = read(`${task}-${lang}.model.json`) as EncodedModel;
      byTask[task] = new LinearModel(decodeModel(encoded));
      stamps.push(String(encoded.meta?.trainedAt ?? "?"));
      // A tone model trained with the tone lexicon's features needs it to read text the same way.
      if (task === "tone" && encoded.meta?.toneLexicon) {
        const words = (read(`tone-lexicon-${lang}.json`) as ToneLexiconFile)[lang];
        if (!words) throw new Error(`${path.join(dir, `tone-lexicon-${lang}.json`)} has no ${lang} words`);
        attachToneLexicon(byTask[task], encoded.meta, words);
      }
    }
    const bits = new Set(MODEL_TASKS.map((t) => byTask[t].data.bits));
    if (bits.size !== 1)
      throw new Error(`models of ${lang} must share one feature-hash size, found ${[...bits].join(", ")}`);
    // One row index for the language's models: a bucket's entries for all of them in one cache line.
    shareRowIndex(MODEL_TASKS.map((t) => byTask[t]));
    models[lang] = byTask;
  }
  const calibration = read("themes-calibration.json") as ThemeCalibrationFile;
  for (const lang of MODEL_LANGS) {
    if (calibration[lang]?.features.join() !== CALIBRATION_FEATURES.join())
      throw new Error(
        `${path.join(dir, "themes-calibration.json")} does not fit this version (refit: node --import tsx training/fit-theme-calibration.ts)`,
      );
  }
  const trained = stamps.sort().at(-1) ?? "?";
  return {
    version: `linear-${trained}.${content.digest("hex").slice(0, 8)}+taxonomy-${taxonomy.version}+behaviours-${behaviours.version}+lexicon-${lexiconFile.version}+rules-${ANALYSIS_FINGERPRINT}`,
    taxonomy,
    behaviours,
    lexicon,
    models,
    themeCalibration: { fi: calibration.fi, en: calibration.en },
  };
}
