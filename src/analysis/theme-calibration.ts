/**
 * Calibrated theme probabilities: the themes model's probability and the taxonomy's word patterns
 * combined into one probability per theme, P(the theme is really there | what both say), and a
 * per-theme threshold on it. Fitted by training/fit-theme-calibration.ts on the held-out split of
 * training/data (never on evaluation/), stored in models/themes-calibration.json.
 *
 * Why: a pattern hit alone was taken as a theme, and the classifier's guesses topped every text up
 * to three themes; on held-out text the classifier's top-ups were right 15–19% of the time and a
 * pattern hit 65–70%. Here a pattern hit the model does not believe, or a model guess no pattern
 * backs, has to earn its place, and each theme is reported only above the probability at which it
 * was right at least 80% of the time on held-out text.
 */

/** Per language: logistic weights over calibrationFeatures() and a threshold per theme id. */
export interface ThemeCalibration {
  /** Names of the features, in the order of `weights` (checked on load). */
  features: string[];
  weights: number[];
  thresholds: Record<string, number>;
  /** Threshold for a theme the fit had no held-out evidence for. */
  defaultThreshold: number;
  /**
   * A text about something where no theme passes its threshold gets its most probable theme if
   * that is at least this likely (chosen so all reported themes stay ≥ 80% right on held-out text).
   */
  fallback: number;
  /**
   * A second or third theme beside the most probable one must also be at least this likely (fitted
   * so such mentions were right at least 80% of the time on held-out text). Absent: no extra bar.
   */
  secondary?: number;
  /**
   * Per-theme corrections to the pooled weights, fitted with a stronger penalty so that a theme
   * with little evidence stays near the pool: added to the logit for every mention of the theme
   * (`themeBias`) and for a mention its patterns found (`patternWeights`) — some themes' words are
   * reliable ("perintä"), others' are not ("tieto*"). Absent: pooled weights only.
   */
  themeBias?: Record<string, number>;
  patternWeights?: Record<string, number>;
}

export type ThemeCalibrationFile = { version: string; fittedOn: string } & Record<
  "fi" | "en",
  ThemeCalibration
>;

export const CALIBRATION_FEATURES = [
  "bias",
  "logit_p",
  "pattern",
  "pattern_x_logit_p",
  "model_top1",
  "model_top2",
  "logit_p_none",
  "pattern_share",
] as const;

const clampLogit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/**
 * The features of one theme in one text. `rank` is the theme's place among the model's themes by
 * probability (0 = most probable); `hits` how many themes the patterns found in the text (a text
 * whose words hit four themes says less about each).
 */
export function calibrationFeatures(
  p: number,
  hit: boolean,
  rank: number,
  pNone: number,
  hits: number,
  out: Float64Array,
): Float64Array {
  const lp = clampLogit(p);
  const h = hit ? 1 : 0;
  out[0] = 1;
  out[1] = lp;
  out[2] = h;
  out[3] = h * lp;
  out[4] = rank === 0 ? 1 : 0;
  out[5] = rank === 1 ? 1 : 0;
  out[6] = clampLogit(pNone);
  out[7] = h * (Math.min(hits, 3) / 3);
  return out;
}

export function calibratedProbability(weights: readonly number[], x: Float64Array, shift = 0): number {
  let z = shift;
  for (let i = 0; i < x.length; i++) z += (weights[i] as number) * (x[i] as number);
  return 1 / (1 + Math.exp(-z));
}

export interface ThemeCandidate {
  id: string;
  /** The themes model's own probability (0 for a theme the model does not know). */
  modelP: number;
  hit: boolean;
  /** Calibrated probability; NaN for a theme the model does not know (only its patterns can say). */
  p: number;
}

/**
 * Every theme of the model's labels (not `noTheme`) and every pattern hit, with its calibrated
 * probability. A pattern hit on a theme the model was never trained on (the general service theme, or
 * one added to taxonomy.json before retraining) has no calibrated probability: the caller decides on the hit alone.
 */
export function themeCandidates(
  labels: readonly string[],
  p: Float64Array,
  hits: readonly string[],
  calibration: Pick<ThemeCalibration, "weights" | "themeBias" | "patternWeights">,
  noTheme: string,
): ThemeCandidate[] {
  const { weights, themeBias, patternWeights } = calibration;
  const none = labels.indexOf(noTheme);
  const pNone = none >= 0 ? (p[none] as number) : 0;
  let first = -1;
  let second = -1;
  for (let i = 0; i < labels.length; i++) {
    if (i === none) continue;
    const v = p[i] as number;
    if (first < 0 || v > (p[first] as number)) {
      second = first;
      first = i;
    } else if (second < 0 || v > (p[second] as number)) second = i;
  }
  const hitSet = new Set(hits);
  const x = new Float64Array(CALIBRATION_FEATURES.length);
  const out: ThemeCandidate[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (i === none) continue;
    const id = labels[i] as string;
    const hit = hitSet.has(id);
    const modelP = p[i] as number;
    const rank = i === first ? 0 : i === second ? 1 : 2;
    calibrationFeatures(modelP, hit, rank, pNone, hits.length, x);
    const shift = (themeBias?.[id] ?? 0) + (hit ? (patternWeights?.[id] ?? 0) : 0);
    out.push({ id, modelP, hit, p: calibratedProbability(weights, x, shift) });
  }
  for (const id of hits) if (!labels.includes(id)) out.push({ id, modelP: 0, hit: true, p: Number.NaN });
  return out;
}
