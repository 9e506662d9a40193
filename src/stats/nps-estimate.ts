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
  /** How the interval was computed: "wald" (n ≥ 30) or "adjusted-wald" (small n). */
  method: "wald" | "adjusted-wald";
  /** Set when n is too small for the interval to mean much. */
  warning?: string;
}

/** Below this many answers an NPS moves by tens of points with a single answer: say so. */
export const SMALL_SAMPLE = 30;

/**
 * Net Promoter Score from a distribution of 0–10 answers, with a 95% interval.
 *
 * p = promoters/n (9–10), d = detractors/n (0–6), NPS = 100 (p − d);
 * Var(p − d) = (p + d − (p − d)²) / n  (multinomial variance of a difference of two shares),
 * so se = 100 · sqrt((p + d − (p − d)²) / n) and the Wald interval is NPS ± 1.96 se.
 * Below SMALL_SAMPLE answers the Wald interval collapses (5 promoters of 5 → [100, 100]), so the
 * adjusted Wald interval is used instead: add 3 to n and ¾ to both promoters and detractors, then
 * apply the same formula around the adjusted score. Both are clipped to [−100, 100]. The adjusted
 * interval is centred on the adjusted score, so at the extremes it can miss the observed one (one
 * promoter of one: NPS 100, adjusted [−48.5, 98.5]); it is then stretched to reach the observed
 * score, which only makes it more conservative and never shows a value outside its own interval.
 * Source: Rocks, B. (2016), "Interval Estimation for the 'Net Promoter Score'", The American Statistician
 * 70(4), 365–372, where the adjusted Wald had among the best coverage of the methods compared.
 *
 * Example: 60 promoters, 20 passives, 20 detractors → NPS 40, se ≈ 8.9, 95% CI ≈ [22.5, 57.5].
 */
export function npsEstimate(counts: readonly number[], z = 1.959963984540054): NpsEstimate {
  const { n, promoters, passives, detractors } = npsTally(counts);
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
      method: "adjusted-wald",
      warning: "no answers",
    };
  }
  const p = promoters / n;
  const d = detractors / n;
  const value = 100 * (p - d);
  const se = 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  const small = n < SMALL_SAMPLE;
  const [center, halfWidth] = small ? adjustedWald(promoters, detractors, n, z) : [value, z * se];
  const estimate: NpsEstimate = {
    value: round(value),
    low: round(Math.min(value, Math.max(-100, center - halfWidth))),
    high: round(Math.max(value, Math.min(100, center + halfWidth))),
    n,
    promoters,
    passives,
    detractors,
    se: round(se),
    method: small ? "adjusted-wald" : "wald",
  };
  if (n < SMALL_SAMPLE) estimate.warning = smallSampleWarning(n);
  return estimate;
}

/** The warning every estimate from fewer than SMALL_SAMPLE answers carries. */
export function smallSampleWarning(n: number): string {
  return `only ${n} ${n === 1 ? "answer" : "answers"}: too few to tell a change from noise`;
}

/** Centre and half-width (NPS points) of the adjusted Wald interval (Rocks 2016). */
function adjustedWald(promoters: number, detractors: number, n: number, z: number): [number, number] {
  const n2 = n + 3;
  const p = (promoters + 0.75) / n2;
  const d = (detractors + 0.75) / n2;
  const se = Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n2);
  return [100 * (p - d), 100 * z * se];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Promoters (9–10), passives (7–8) and detractors (0–6) of a distribution of 0–10 answers (counts[score]). */
export function npsTally(counts: readonly number[]): {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
} {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  counts.forEach((c, score) => {
    if (score >= 9) promoters += c;
    else if (score >= 7) passives += c;
    else detractors += c;
  });
  return { n: promoters + passives + detractors, promoters, passives, detractors };
}

/** Adds up score distributions (counts per score value) of several groups into one. */
export function poolCounts(groups: readonly { counts: readonly number[] }[]): number[] {
  const out = new Array(11).fill(0) as number[];
  for (const g of groups) {
    g.counts.forEach((c, score) => {
      out[score] = (out[score] ?? 0) + c;
    });
  }
  return out;
}
