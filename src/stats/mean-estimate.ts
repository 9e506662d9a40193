import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import type { Estimate } from "./nps-estimate.ts";

/**
 * The mean of a distribution of integer scores with a Student-t interval:
 * x̄ ± t(1−α/2, n−1) · s/√n, with s the sample standard deviation (n − 1 in the denominator).
 * Clipped to the scale's range, since a mean of 1–7 answers cannot lie outside 1–7.
 * Example: answers 2,4,4,4,5,5,7,9 → mean 5, s = 2.138, t(0.975, 7) = 2.3646 → [3.21, 6.79].
 */
export function meanEstimate(
  counts: readonly number[],
  range: { min: number; max: number },
  confidence = 0.95,
): Estimate & { sd: number } {
  let n = 0;
  let sum = 0;
  counts.forEach((c, score) => {
    n += c;
    sum += c * score;
  });
  if (n === 0) return { value: Number.NaN, low: range.min, high: range.max, n: 0, sd: Number.NaN };
  const mean = sum / n;
  let squares = 0;
  counts.forEach((c, score) => {
    squares += c * (score - mean) ** 2;
  });
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;
  if (n < 2) return { value: round(mean), low: range.min, high: range.max, n, sd };
  const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return {
    value: round(mean),
    low: round(Math.max(range.min, mean - half)),
    high: round(Math.min(range.max, mean + half)),
    n,
    sd: round(sd),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Count, mean and sample variance (n − 1) pooled from groups' counts, sums and sums of squares. */
export function pooledMoments(groups: readonly { n: number; sum: number; sumSquares: number }[]): {
  n: number;
  mean: number;
  variance: number;
} {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const g of groups) {
    n += g.n;
    sum += g.sum;
    squares += g.sumSquares;
  }
  const mean = n > 0 ? sum / n : 0;
  return { n, mean, variance: n > 1 ? Math.max(0, (squares - n * mean * mean) / (n - 1)) : 0 };
}

/**
 * A mean with its normal 95% interval, mean ± 1.96 · s/√n, for continuous figures on large samples
 * (an analysed tone −1..1 over hundreds of encounters). Values rounded to 3 decimals; se unrounded.
 */
export function normalMeanInterval(m: {
  n: number;
  mean: number;
  variance: number;
}): Estimate & { se: number } {
  const se = m.n > 1 ? Math.sqrt(m.variance / m.n) : 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { value: r(m.mean), low: r(m.mean - 1.96 * se), high: r(m.mean + 1.96 * se), n: m.n, se };
}
