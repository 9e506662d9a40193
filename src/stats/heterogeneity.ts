import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import type { Verdict } from "./two-sample-tests.ts";

export interface Heterogeneity {
  /** Cochran's Q: Σ wᵢ (xᵢ − x̄_w)², wᵢ = 1/seᵢ². */
  q: number;
  df: number;
  /** P(χ²_df ≥ Q): are the groups more different than their sampling error explains? */
  pValue: number;
  /** I² in %: the share of the spread that is real difference rather than noise (0 when Q ≤ df). */
  i2: number;
  /** Inverse-variance weighted mean of the groups. */
  pooled: number;
  /** Unweighted standard deviation of the group values, in their own unit. */
  spread: number;
  range: number;
  significant: boolean;
  verdict: Verdict;
  warning?: string;
}

/**
 * Do several groups (channels, months) differ more than sampling noise explains? Cochran's Q test
 * of homogeneity, with Higgins & Thompson's I².
 *
 * Q = Σ wᵢ (xᵢ − x̄_w)² with wᵢ = 1/seᵢ² and x̄_w = Σ wᵢxᵢ / Σ wᵢ; under homogeneity Q ~ χ²(k − 1).
 * I² = max(0, (Q − (k − 1)) / Q).
 * Sources: Cochran, W. G. (1954), "The combination of estimates from different experiments",
 * Biometrics 10(1), 101–129; Higgins, J. P. T. & Thompson, S. G. (2002), "Quantifying heterogeneity
 * in a meta-analysis", Statistics in Medicine 21, 1539–1558.
 * Groups with a missing or zero standard error are left out (they cannot be weighted).
 *
 * Example: values 10, 20, 30 with se 5 each → x̄_w = 20, Q = (100 + 0 + 100)/25 = 8, df 2,
 * p = e^(−4) ≈ 0.0183, I² = 75%.
 */
export function heterogeneity(groups: readonly { value: number; se: number }[], alpha = 0.05): Heterogeneity {
  const usable = groups.filter((g) => Number.isFinite(g.value) && Number.isFinite(g.se) && g.se > 0);
  const values = usable.map((g) => g.value);
  const spread = standardDeviation(values);
  const range = values.length > 0 ? Math.max(...values) - Math.min(...values) : 0;
  if (usable.length < 2) {
    return {
      q: 0,
      df: 0,
      pValue: 1,
      i2: 0,
      pooled: values[0] ?? 0,
      spread: 0,
      range: 0,
      significant: false,
      verdict: "not significant",
      warning: "fewer than two groups with answers: nothing to compare",
    };
  }
  let sw = 0;
  let swx = 0;
  for (const g of usable) {
    const w = 1 / (g.se * g.se);
    sw += w;
    swx += w * g.value;
  }
  const pooled = swx / sw;
  let q = 0;
  for (const g of usable) q += (g.value - pooled) ** 2 / (g.se * g.se);
  const df = usable.length - 1;
  const pValue = Math.max(0, 1 - chisquareCdf(q, df));
  const significant = pValue < alpha;
  return {
    q,
    df,
    pValue,
    i2: q > df ? (100 * (q - df)) / q : 0,
    pooled,
    spread,
    range,
    significant,
    verdict: significant ? "significant" : "not significant",
  };
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
