import binomialCdf from "@stdlib/stats-base-dists-binomial-cdf";
import type { Verdict } from "./two-sample-tests.ts";

/** How often a theme came up in a period: `count` of `total` answers (or comments). */
export interface PeriodCount {
  count: number;
  total: number;
}

export interface EmergingResult {
  /** Pooled baseline share with half an observation added (see emergingTest), 0–1. */
  baselineShare: number;
  /** count/total of the current period, 0–1 (0 when the period is empty). */
  currentShare: number;
  /** currentShare / baselineShare. */
  ratio: number;
  /** One-sided: P(at least current.count | current.total, baselineShare). */
  pValue: number;
  significant: boolean;
  verdict: Verdict;
  warning?: string;
}

/**
 * Is a theme emerging: is its share in the current period significantly above its pooled baseline share?
 *
 * Exact one-sided binomial test: p = P(X ≥ x | n, π₀) with x = current.count, n = current.total and
 * π₀ = (Σ baseline counts + ½)/(Σ baseline totals + 1). The half observation (the mean of the Jeffreys
 * Beta(½, ½) posterior) keeps a theme never seen before from giving π₀ = 0 and p = 0 at its first mention:
 * with 2,000 baseline answers, 1 mention of 50 answers now gives p ≈ 0.012 instead of 0. That is still
 * below 0.05 on its own, so when many themes are tested at once, adjust the p-values with holm() before
 * calling anything news, and consider requiring a minimum count.
 *
 * Example (Wikipedia, "Binomial test": 51 sixes in 235 rolls of a fair die): with a baseline of 100 of
 * 602 (π₀ = 100.5/603 = 1/6), a current 51 of 235 gives p = 0.0265.
 */
export function emergingTest(
  baseline: readonly PeriodCount[],
  current: PeriodCount,
  alpha = 0.05,
): EmergingResult {
  checkCount(current);
  let count = 0;
  let total = 0;
  for (const period of baseline) {
    checkCount(period);
    count += period.count;
    total += period.total;
  }
  const baselineShare = (count + 0.5) / (total + 1);
  const currentShare = current.total > 0 ? current.count / current.total : 0;
  const ratio = currentShare / baselineShare;
  if (total === 0)
    return notTested(baselineShare, currentShare, ratio, "no baseline answers to compare with");
  if (current.total === 0)
    return notTested(baselineShare, currentShare, ratio, "no answers in the current period");
  const pValue = binomialUpperTail(current.count, current.total, baselineShare);
  const significant = pValue < alpha;
  return {
    baselineShare,
    currentShare,
    ratio,
    pValue,
    significant,
    verdict: significant ? "significant" : "not significant",
  };
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), computed as P(n − X ≤ n − k) with n − X ~ Binomial(n, 1 − p), which
 * keeps its precision for tiny tails where 1 − CDF would round to 0.
 * Example: k = 51, n = 235, p = 1/6 → 0.0265443 (Wikipedia, "Binomial test").
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return Math.min(1, Math.max(0, binomialCdf(n - k, n, 1 - p)));
}

/**
 * Holm–Bonferroni adjusted p-values (Holm, S. 1979, "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6, 65–70), as R's p.adjust(method = "holm").
 *
 * Sort the m p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; the adjusted p₍ᵢ₎ is min(1, maxⱼ≤ᵢ (m − j + 1) p₍ⱼ₎);
 * results are returned in the input order. Rejecting where the adjusted p < α controls the family-wise
 * error rate at α.
 * Example (Wikipedia, "Holm–Bonferroni method"): [0.01, 0.03, 0.04, 0.005] → [0.03, 0.06, 0.06, 0.02].
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`not a p-value: ${p}`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

function notTested(
  baselineShare: number,
  currentShare: number,
  ratio: number,
  warning: string,
): EmergingResult {
  return {
    baselineShare,
    currentShare,
    ratio,
    pValue: 1,
    significant: false,
    verdict: "not significant",
    warning,
  };
}

function checkCount({ count, total }: PeriodCount): void {
  if (!(total >= 0 && count >= 0 && count <= total && Number.isInteger(count) && Number.isInteger(total))) {
    throw new RangeError(`invalid count ${count} of ${total}`);
  }
}
