import type { Estimate } from "./nps-estimate.ts";

/**
 * A share in percent with the Wilson score interval (Wilson 1927), which stays inside [0, 100]
 * and keeps its coverage for small n and shares near 0 or 1, unlike the Wald interval
 * (Newcombe 1998, "Two-sided confidence intervals for the single proportion", Stat Med 17).
 *
 * centre = (p + z²/2n) / (1 + z²/n),  half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * Example (Newcombe 1998, Table I): 81 of 263 → 30.8%, 95% CI [25.53, 36.62].
 */
export function proportionEstimate(successes: number, n: number, z = 1.959963984540054): Estimate {
  if (n === 0) return { value: Number.NaN, low: 0, high: 100, n: 0 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    value: round(100 * p),
    low: round(100 * Math.max(0, centre - half)),
    high: round(100 * Math.min(1, centre + half)),
    n,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
