/** An estimate with its uncertainty: the shape every figure in Kohtaamo takes (CONVENTIONS.md §12). */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

export interface NpsEstimate extends Estimate {
  promoters: number;
  passives: number;
  detractors: number;
  /** Standard error of the NPS, in NPS points. */
  se: number;
  /** Set when n is too small for the interval to mean much. */
  warning?: string;
}

/** Below this many answers an NPS moves by tens of points with a single answer: say so. */
export const SMALL_SAMPLE = 30;

/**
 * Net Promoter Score from a distribution of 0–10 answers, with a 95% Wald interval.
 *
 * p = promoters/n (9–10), d = detractors/n (0–6), NPS = 100 (p − d);
 * Var(p − d) = (p + d − (p − d)²) / n  (multinomial variance of a difference of two shares),
 * so se = 100 · sqrt((p + d − (p − d)²) / n) and the interval is NPS ± 1.96 se, clipped to [−100, 100].
 * Source: Rocks, B. (2016), "Interval Estimation for the 'Net Promoter Score'", The American Statistician 70(4).
 *
 * Example: 60 promoters, 20 passives, 20 detractors → NPS 40, se ≈ 8.9, 95% CI ≈ [22.5, 57.5].
 */
export function npsEstimate(counts: readonly number[], z = 1.959963984540054): NpsEstimate {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  counts.forEach((c, score) => {
    if (score >= 9) promoters += c;
    else if (score >= 7) passives += c;
    else detractors += c;
  });
  const n = promoters + passives + detractors;
  if (n === 0) {
    return {
      value: Number.NaN,
      low: -100,
      high: 100,
      n: 0,
      promoters,
      passives,
      detractors,
      se: Number.NaN,
      warning: "no answers",
    };
  }
  const p = promoters / n;
  const d = detractors / n;
  const value = 100 * (p - d);
  const se = 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  const estimate: NpsEstimate = {
    value: round(value),
    low: round(Math.max(-100, value - z * se)),
    high: round(Math.min(100, value + z * se)),
    n,
    promoters,
    passives,
    detractors,
    se: round(se),
  };
  if (n < SMALL_SAMPLE) estimate.warning = `only ${n} answers: too few to tell a change from noise`;
  return estimate;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
