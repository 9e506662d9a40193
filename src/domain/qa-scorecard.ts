import { z } from "zod";

/**
 * QA scorecards (issue 12): criteria with weights, critical items, a scale each and optionally an
 * agent behaviour of the analysis (models/behaviours.json) that pre-scores them (AutoQA).
 * Pure rules: the store keeps scorecards and reviews, this file says what a total is.
 */

/**
 * The scales a criterion can be scored on, and the level of measurement that calibration's
 * Krippendorff alpha uses for each: pass/fail is nominal, the short rating scales are ordinal
 * (their steps are labels, not distances), 0–10 is treated as interval.
 */
export const QA_SCALES = {
  pass_fail: { min: 0, max: 1, level: "nominal" },
  "1-3": { min: 1, max: 3, level: "ordinal" },
  "1-5": { min: 1, max: 5, level: "ordinal" },
  "0-10": { min: 0, max: 10, level: "interval" },
} as const;
export type QaScale = keyof typeof QA_SCALES;
export const QA_SCALE_IDS = Object.keys(QA_SCALES) as [QaScale, ...QaScale[]];

/**
 * Behaviours the analysis marks on agent turns. A criterion linked to one of the first kind passes
 * when the behaviour is found; one linked to a fault (blaming the customer, interrupting) passes
 * when it is not.
 */
export const QA_GOOD_BEHAVIOURS = [
  "greeting",
  "introduction",
  "empathy",
  "apology",
  "ownership",
  "solution",
  "confirm_resolution",
  "next_steps",
  "polite_close",
] as const;
export const QA_FAULT_BEHAVIOURS = ["blame_customer", "interrupting"] as const;
export const QA_BEHAVIOURS = [...QA_GOOD_BEHAVIOURS, ...QA_FAULT_BEHAVIOURS] as const;
export type QaBehaviour = (typeof QA_BEHAVIOURS)[number];

export function isFaultBehaviour(id: string): boolean {
  return (QA_FAULT_BEHAVIOURS as readonly string[]).includes(id);
}

export const QaCriterion = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, _ and -, at most 64")
      .describe("stable across versions: calibration and override reports follow a criterion by its id"),
    name: z.string().trim().min(1).max(200),
    weight: z.number().positive().max(100),
    critical: z.boolean().default(false),
    scale: z.enum(QA_SCALE_IDS).default("pass_fail"),
    behaviour: z.enum(QA_BEHAVIOURS).nullable().default(null),
  })
  .strict();
export type QaCriterion = z.infer<typeof QaCriterion>;

export const QaCriteria = z
  .array(QaCriterion)
  .min(1)
  .max(50)
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: "custom", path: [i, "id"], message: `criterion id ${c.id} twice` });
      seen.add(c.id);
    });
  });

/** A score on the criterion's scale; null: not applicable to this encounter (left out of the total). */
export function checkScore(criterion: QaCriterion, score: number | null): string | null {
  if (score === null) return criterion.critical ? "a critical criterion must be scored" : null;
  const { min, max } = QA_SCALES[criterion.scale];
  if (!Number.isInteger(score) || score < min || score > max) {
    return `${criterion.scale} takes a whole number from ${min} to ${max}`;
  }
  return null;
}

/** A score as a share of its scale: the lowest step is 0, the highest 1. */
export function normalisedScore(criterion: QaCriterion, score: number): number {
  const { min, max } = QA_SCALES[criterion.scale];
  return (score - min) / (max - min);
}

export interface QaTotal {
  /** 0–100, one decimal; 0 when a critical criterion failed; null when nothing was applicable. */
  total: number | null;
  criticalFailed: boolean;
}

/**
 * The review's total: the weighted mean of the applicable criteria's normalised scores, in percent,
 *   total = 100 · Σ w_i · s_i / Σ w_i,   s_i = (score_i − min) / (max − min),
 * over criteria not marked not-applicable. A critical criterion scored at its scale's lowest step
 * (fail, or 1 of 1–5) fails the whole review: the total is 0, whatever the others.
 * Example: greeting (weight 1) pass, empathy (weight 3) 4 of 1–5 → 100 · (1·1 + 3·0.75) / 4 = 81.3.
 */
export function scorecardTotal(
  criteria: readonly QaCriterion[],
  scores: ReadonlyMap<string, number | null>,
): QaTotal {
  let weighted = 0;
  let weights = 0;
  let criticalFailed = false;
  for (const c of criteria) {
    const score = scores.get(c.id);
    if (score === null || score === undefined) continue;
    const s = normalisedScore(c, score);
    if (c.critical && s === 0) criticalFailed = true;
    weighted += c.weight * s;
    weights += c.weight;
  }
  if (criticalFailed) return { total: 0, criticalFailed };
  if (weights === 0) return { total: null, criticalFailed };
  return { total: Math.round((1000 * weighted) / weights) / 10, criticalFailed };
}
