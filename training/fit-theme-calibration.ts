/**
 * Fits the theme calibration (src/analysis/theme-calibration.ts) of the shipped themes models and
 * writes models/themes-calibration.json:
 *
 *   node --import tsx training/fit-theme-calibration.ts
 *
 * Data: the held-out split of the themes model's lines (training/corpus.ts: loadThemeUtterances, the
 * corpus and the theme dev sets; splitOf = "test"; for English with BANKING77's training lines,
 * training/banking77.ts), which the themes model never trained on, scored by the shipped model, and
 * the training split scored out of fold (training/theme-calibration-fit.ts, which holds the method).
 * The independent set in evaluation/ is not read. Run it again after `npm run train` or after
 * editing the taxonomy's patterns (about 20 s).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LinearModel } from "../src/analysis/model/linear-model.ts";
import { decodeModel, type EncodedModel } from "../src/analysis/model/model-codec.ts";
import type { ThemeCalibrationFile } from "../src/analysis/theme-calibration.ts";
import { banking77ThemeUtterances } from "./banking77.ts";
import { loadThemeUtterances, splitOf } from "./corpus.ts";
import { CALIBRATION_FOLDS, fitThemeCalibration } from "./theme-calibration-fit.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODELS = path.join(ROOT, "models");

const file = {
  version: new Date().toISOString().slice(0, 10),
  fittedOn: `held-out split (20%) of training/data with the theme dev sets and its training split scored out of ${CALIBRATION_FOLDS} folds; evaluation/ never read`,
} as ThemeCalibrationFile;
for (const lang of ["fi", "en"] as const) {
  const encoded = JSON.parse(
    fs.readFileSync(path.join(MODELS, `themes-${lang}.model.json`), "utf8"),
  ) as EncodedModel;
  const model = new LinearModel(decodeModel(encoded));
  // The same BANKING77 lines the English themes model was trained with (train-models.ts).
  const all = [
    ...loadThemeUtterances(path.join(ROOT, "training", "data", lang)),
    ...(lang === "en" ? banking77ThemeUtterances() : []),
  ];
  const heldOut = all.filter((u) => splitOf(u.text) === "test");
  const train = all.filter((u) => splitOf(u.text) === "train");
  // The fold models are trained with the settings the shipped model was trained with.
  const options = (encoded.meta?.trainOptions ?? {}) as Record<string, unknown>;
  const { calibration, summary } = fitThemeCalibration(lang, model, heldOut, train, options);
  file[lang] = calibration;
  process.stderr.write(`${lang}: ${summary.join("\n  ")}\n`);
}
fs.writeFileSync(path.join(MODELS, "themes-calibration.json"), `${JSON.stringify(file, null, 2)}\n`);
process.stderr.write("wrote models/themes-calibration.json\n");
