import { normalisedScore, QA_SCALES, type QaCriterion } from "../domain/qa-scorecard.ts";
import { type AlphaEstimate, type AlphaUnit, alphaEstimate } from "../stats/krippendorff-alpha.ts";

/** A submitted review of the round: its reviewer, total and per-criterion scores. */
export interface RoundReview {
  reviewer: string;
  total: number | null;
  scores: ReadonlyMap<string, number | null>;
}

export interface Spread {
  /** Values scored (not-applicable left out). */
  n: number;
  min: number | null;
  max: number | null;
  range: number | null;
  /** Sample standard deviation (n − 1); null below 2 values. */
  sd: number | null;
  /** Share of the scores equal to the most common one, 0–1 (1: everybody agreed). */
  modal_share: number | null;
}

export interface CriterionAgreement {
  criterion: string;
  name: string;
  scale: QaCriterion["scale"];
  scores: { reviewer: string; score: number | null }[];
  spread: Spread;
  /**
   * Krippendorff's alpha over the calibration rounds of this scorecard (units: rounds, i.e.
   * encounters; observers: their reviewers), at the criterion scale's level. One round alone is
   * one unit, for which alpha says nothing (it is 0 or undefined), so `rounds` says how many.
   */
  alpha: AlphaEstimate;
}

export interface CalibrationAgreement {
  criteria: CriterionAgreement[];
  overall: {
    /**
     * Alpha over this round's criteria as units (observers: its reviewers): do reviewers agree on
     * which items of this encounter were done well? Nominal when every criterion is pass/fail,
     * otherwise interval on the scores as shares of their scale (0–1).
     */
    alpha: AlphaEstimate;
    totals: Spread;
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Min, max, range, sample SD and the modal share of a set of scores. */
export function spreadOf(values: readonly (number | null)[]): Spread {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return { n: 0, min: null, max: null, range: null, sd: null, modal_share: null };
  const min = Math.min(...v);
  const max = Math.max(...v);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : null;
  const counts = new Map<number, number>();
  for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
  return {
    n: v.length,
    min,
    max,
    range: round3(max - min),
    sd: sd === null ? null : round3(sd),
    modal_share: round3(Math.max(...counts.values()) / v.length),
  };
}

/**
 * The agreement report of a calibration round: per criterion the reviewers' scores, their spread,
 * and alpha pooled over the scorecard's rounds (`pooled`: criterion → round → the reviewers'
 * scores); overall, alpha over the round's criteria and the spread of the totals.
 * The metric follows the criterion's scale (domain/qa-scorecard.ts QA_SCALES): pass/fail nominal,
 * 1–3 and 1–5 ordinal, 0–10 interval.
 */
export function calibrationAgreement(
  criteria: readonly QaCriterion[],
  reviews: readonly RoundReview[],
  pooled: ReadonlyMap<string, ReadonlyMap<string, readonly (number | null)[]>>,
): CalibrationAgreement {
  const perCriterion = criteria.map((c): CriterionAgreement => {
    const scores = reviews.map((r) => ({ reviewer: r.reviewer, score: r.scores.get(c.id) ?? null }));
    const units: AlphaUnit[] = [...(pooled.get(c.id)?.values() ?? [])];
    return {
      criterion: c.id,
      name: c.name,
      scale: c.scale,
      scores,
      spread: spreadOf(scores.map((s) => s.score)),
      alpha: alphaEstimate(units, QA_SCALES[c.scale].level),
    };
  });
  const allPassFail = criteria.every((c) => c.scale === "pass_fail");
  const units: AlphaUnit[] = criteria.map((c) =>
    reviews.map((r) => {
      const s = r.scores.get(c.id);
      return s === null || s === undefined ? null : allPassFail ? s : normalisedScore(c, s);
    }),
  );
  return {
    criteria: perCriterion,
    overall: {
      alpha: alphaEstimate(units, allPassFail ? "nominal" : "interval"),
      totals: spreadOf(reviews.map((r) => r.total)),
    },
  };
}
