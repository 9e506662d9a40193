import gammaln from "@stdlib/math-base-special-gammaln";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { npsTally, SMALL_SAMPLE } from "./nps-estimate.ts";

/** What a test says out loud (CONVENTIONS.md §12): a difference is either shown or it is not. */
export type Verdict = "significant" | "not significant";

/** The result of comparing two groups A and B. */
export interface Comparison {
  test: string;
  /** A − B, in the unit of the figure compared (NPS points, percentage points, scale points). */
  difference: number;
  /** (1 − alpha) confidence interval of A − B: 95% with the default alpha. */
  low: number;
  high: number;
  /** Two-sided p-value. */
  pValue: number;
  significant: boolean;
  verdict: Verdict;
  effectSize: { name: string; value: number };
  nA: number;
  nB: number;
  /** Set when a group has fewer than SMALL_SAMPLE answers, or when the test could not be run. */
  warning?: string;
}

/**
 * Difference of two Net Promoter Scores (A − B, in NPS points) with an unpooled z test, or with an
 * exact permutation test when a group has fewer than SMALL_SAMPLE answers.
 *
 * Each NPS is 100 (p − d) with the multinomial (trinomial) variance Var(p − d) = (p + d − (p − d)²)/n,
 * the variance used by Rocks (2016), "Interval Estimation for the 'Net Promoter Score'",
 * The American Statistician 70(4), 365–372. The samples are independent, so
 * se = 100 · √(Var_A + Var_B), z = difference / se, p = 2 Φ(−|z|), CI = difference ± z(1−α/2) · se.
 * Effect size d: the difference divided by the pooled per-answer SD of the +1/0/−1 coding
 * (promoter/passive/detractor), a Cohen's-d on the same scale as the NPS.
 *
 * A small group's own variance says little (one promoter: 0), and the z test then called a single
 * answer "significant" against hundreds (p ≈ 1e-40). Below SMALL_SAMPLE answers in either group the
 * p-value is instead exact (exactPValue: every way the pooled answers could have fallen into the
 * groups, weighed by its probability), and the interval uses each group's adjusted-Wald variance
 * (Rocks 2016: n + 3, ¾ added to promoters and to detractors), as npsEstimate's interval does.
 *
 * Example: A = 60/20/20 (NPS 40, n 100), B = 40/30/30 (NPS 10, n 100) → difference 30,
 * se = 100·√(.0064 + .0069) ≈ 11.53, z ≈ 2.60, p ≈ 0.009, 95% CI ≈ [7.4, 52.6].
 */
export function npsDifferenceTest(
  countsA: readonly number[],
  countsB: readonly number[],
  alpha = 0.05,
): Comparison {
  const a = npsShares(countsA);
  const b = npsShares(countsB);
  const small = Math.min(a.n, b.n) < SMALL_SAMPLE;
  const test = small ? "NPS difference, exact permutation test" : "NPS difference z test";
  if (a.n === 0 || b.n === 0) return degenerate(test, 0, 200, a.n, b.n, "a group has no answers", "d");
  const difference = 100 * (a.nps - b.nps);
  const se = small
    ? 100 * Math.sqrt(adjustedNpsVariance(countsA) + adjustedNpsVariance(countsB))
    : 100 * Math.sqrt(a.variance / a.n + b.variance / b.n);
  const pooledSd = pooledSD(a.n * a.variance, b.n * b.variance, a.n, b.n);
  if (se === 0) return degenerate(test, difference, 200, a.n, b.n, "no variation in the answers", "d");
  const half = normalQuantile(1 - alpha / 2, 0, 1) * se;
  const categories = (counts: readonly number[]) => {
    const t = npsTally(counts);
    return [t.promoters, t.passives, t.detractors];
  };
  return finish(
    {
      test,
      difference,
      low: Math.max(-200, difference - half),
      high: Math.min(200, difference + half),
      pValue: small
        ? exactPValue(
            categories(countsA),
            categories(countsB),
            ([p, , d], n) => ((p as number) - (d as number)) / n,
          )
        : 2 * normalCdf(-Math.abs(difference / se), 0, 1),
      effectSize: { name: "d", value: pooledSd > 0 ? difference / (100 * pooledSd) : 0 },
      nA: a.n,
      nB: b.n,
    },
    alpha,
  );
}

/** Var(p − d)/n of the adjusted-Wald NPS (Rocks 2016): n + 3 answers, ¾ added to promoters and detractors. */
function adjustedNpsVariance(counts: readonly number[]): number {
  const { n, promoters, detractors } = npsTally(counts);
  const p = (promoters + 0.75) / (n + 3);
  const d = (detractors + 0.75) / (n + 3);
  return Math.max(0, p + d - (p - d) ** 2) / (n + 3);
}

/**
 * Two-sided p-value of an exact permutation test of the difference value(A) − value(B), for answers
 * that fall into categories (counts per category, the same categories in both groups). Given the
 * pooled answers, the smaller group is a random draw of its size without replacement, so each way
 * of filling it has its multivariate hypergeometric probability; p is the total probability of the
 * fillings whose difference is at least as far from 0 as the observed one. Exact for any group
 * size; the fillings are enumerated, which is cheap for a small group (SMALL_SAMPLE answers over
 * three categories: under 500). `value(counts, n)` is the figure of a group from its counts.
 * Reference: the permutation (randomisation) test, e.g. Good (2005), Permutation, Parametric and
 * Bootstrap Tests of Hypotheses, ch. 3; with two categories it is Fisher's exact test with the
 * difference of shares as its statistic.
 */
export function exactPValue(
  countsA: readonly number[],
  countsB: readonly number[],
  value: (counts: readonly number[], n: number) => number,
): number {
  const nA = countsA.reduce((s, c) => s + c, 0);
  const nB = countsB.reduce((s, c) => s + c, 0);
  if (nA === 0 || nB === 0) return 1;
  const pooled = countsA.map((c, i) => c + (countsB[i] ?? 0));
  const total = nA + nB;
  const aSmaller = nA <= nB;
  const size = aSmaller ? nA : nB;
  const differenceOf = (drawn: readonly number[]) => {
    const rest = pooled.map((c, i) => c - (drawn[i] as number));
    const small = value(drawn, size);
    const large = value(rest, total - size);
    return aSmaller ? small - large : large - small;
  };
  const observed = Math.abs(aSmaller ? differenceOf(countsA) : differenceOf(countsB));
  const logChoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
  const logAll = logChoose(total, size);
  let p = 0;
  const drawn = new Array<number>(pooled.length).fill(0);
  // Every filling of the smaller group: category by category, the last one takes what is left.
  const fill = (category: number, left: number, logWays: number) => {
    const available = pooled[category] as number;
    if (category === pooled.length - 1) {
      if (left > available) return;
      drawn[category] = left;
      // A relative tolerance, so that a filling equal to the observed one in exact arithmetic counts.
      if (Math.abs(differenceOf(drawn)) >= observed - 1e-9)
        p += Math.exp(logWays + logChoose(available, left) - logAll);
      return;
    }
    for (let k = 0; k <= Math.min(left, available); k++) {
      drawn[category] = k;
      fill(category + 1, left - k, logWays + logChoose(available, k));
    }
  };
  fill(0, size, 0);
  return Math.min(1, p);
}

/**
 * Difference of two shares (A − B, in percentage points).
 *
 * p-value: the two-proportion z test with the pooled share p̄ = (xA + xB)/(nA + nB) under H0,
 * z = (pA − pB) / √(p̄(1 − p̄)(1/nA + 1/nB)); when a group has fewer than SMALL_SAMPLE answers,
 * Fisher's exact test (exactPValue with the difference of shares as the statistic).
 * Interval: Newcombe's hybrid score interval (method 10 of Newcombe 1998, "Interval estimation for the
 * difference between independent proportions: comparison of eleven methods", Stat Med 17, 873–890):
 * with Wilson limits (l, u) for each share, δ = pA − pB,
 * low = δ − √((pA − lA)² + (uB − pB)²), high = δ + √((uA − pA)² + (pB − lB)²).
 * Effect size: Cohen's h = 2 asin √pA − 2 asin √pB (Cohen 1988, Statistical Power Analysis, ch. 6).
 *
 * Example (Newcombe 1998, Table II, example a): 56/70 vs 48/80 → difference 20, 95% CI [5.24, 33.39].
 */
export function proportionDifferenceTest(
  xA: number,
  nA: number,
  xB: number,
  nB: number,
  alpha = 0.05,
): Comparison {
  checkCount(xA, nA);
  checkCount(xB, nB);
  // Below SMALL_SAMPLE answers in a group the z test's normal approximation fails (one answer in
  // the top box against 10% of forty: p 0.007); Fisher's exact test then gives the p-value (0.12).
  const small = Math.min(nA, nB) < SMALL_SAMPLE;
  const test = small ? "Fisher's exact test" : "two-proportion z test";
  if (nA === 0 || nB === 0) return degenerate(test, 0, 100, nA, nB, "a group has no answers", "h");
  const pA = xA / nA;
  const pB = xB / nB;
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const [lA, uA] = wilson(pA, nA, z);
  const [lB, uB] = wilson(pB, nB, z);
  const delta = pA - pB;
  const pooled = (xA + xB) / (nA + nB);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const comparison = {
    test,
    difference: 100 * delta,
    low: 100 * (delta - Math.sqrt((pA - lA) ** 2 + (uB - pB) ** 2)),
    high: 100 * (delta + Math.sqrt((uA - pA) ** 2 + (pB - lB) ** 2)),
    pValue:
      se0 === 0
        ? 1
        : small
          ? exactPValue([xA, nA - xA], [xB, nB - xB], ([x], n) => (x as number) / n)
          : 2 * normalCdf(-Math.abs(delta / se0), 0, 1),
    effectSize: { name: "h", value: 2 * Math.asin(Math.sqrt(pA)) - 2 * Math.asin(Math.sqrt(pB)) },
    nA,
    nB,
  };
  return finish(comparison, alpha, se0 > 0 ? undefined : "no variation in the answers");
}

/**
 * Difference of two mean scores (A − B, in scale points) with Welch's t test.
 *
 * counts[i] is the number of answers with score scaleMin + i. With sample variances s² (n − 1):
 * se² = s²_A/nA + s²_B/nB, t = (x̄_A − x̄_B)/se, and the Welch–Satterthwaite degrees of freedom
 * ν = se⁴ / ((s²_A/nA)²/(nA − 1) + (s²_B/nB)²/(nB − 1)) (Welch 1947, Biometrika 34, 28–35);
 * p = 2 T_ν(−|t|), CI = difference ± t(1−α/2, ν) · se, clipped to the widest difference the scale allows.
 * Effect size: Cohen's d with the pooled SD √(((nA − 1)s²_A + (nB − 1)s²_B)/(nA + nB − 2)).
 *
 * Example (Wikipedia, "Welch's t-test", example 1, scores × 10): t = −2.46, ν ≈ 25.0, p = 0.021.
 */
export function meanDifferenceTest(
  countsA: readonly number[],
  countsB: readonly number[],
  scaleMin: number,
  alpha = 0.05,
): Comparison {
  const span = Math.max(0, countsA.length - 1, countsB.length - 1);
  return welchTest(moments(countsA, scaleMin), moments(countsB, scaleMin), span, alpha);
}

/**
 * Welch's t test from summary moments (n, mean, sample variance) of two groups, for figures that
 * are not on a discrete scale (an analysed tone −1..1). `span` bounds the interval: the widest
 * difference the figure allows (2 for a tone).
 */
export function welchTest(
  a: { n: number; mean: number; variance: number },
  b: { n: number; mean: number; variance: number },
  span: number,
  alpha = 0.05,
): Comparison {
  const test = "Welch t test";
  const difference = a.n > 0 && b.n > 0 ? a.mean - b.mean : 0;
  if (a.n < 2 || b.n < 2)
    return degenerate(test, difference, span, a.n, b.n, "too few answers to compare", "d");
  const seA2 = a.variance / a.n;
  const seB2 = b.variance / b.n;
  const se = Math.sqrt(seA2 + seB2);
  if (se === 0) return degenerate(test, difference, span, a.n, b.n, "no variation in the answers", "d");
  const df = (seA2 + seB2) ** 2 / (seA2 ** 2 / (a.n - 1) + seB2 ** 2 / (b.n - 1));
  const half = tQuantile(1 - alpha / 2, df) * se;
  const pooledSd = pooledSD((a.n - 1) * a.variance, (b.n - 1) * b.variance, a.n, b.n);
  return finish(
    {
      test,
      difference,
      low: Math.max(-span, difference - half),
      high: Math.min(span, difference + half),
      pValue: 2 * tCdf(-Math.abs(difference / se), df),
      effectSize: { name: "d", value: pooledSd > 0 ? difference / pooledSd : 0 },
      nA: a.n,
      nB: b.n,
    },
    alpha,
  );
}

type Unjudged = Omit<Comparison, "significant" | "verdict" | "warning">;

/** Adds the verdict, and the small-sample warning (or the given one). */
function finish(comparison: Unjudged, alpha: number, warning?: string): Comparison {
  const significant = comparison.pValue < alpha;
  const result: Comparison = {
    ...comparison,
    significant,
    verdict: significant ? "significant" : "not significant",
  };
  const small = Math.min(comparison.nA, comparison.nB) < SMALL_SAMPLE;
  const text =
    warning ??
    (small ? `fewer than ${SMALL_SAMPLE} answers in a group: a small difference is noise` : undefined);
  if (text !== undefined) result.warning = text;
  return result;
}

/** A test that cannot be run: the widest possible interval, p = 1, and the reason. */
function degenerate(
  test: string,
  difference: number,
  span: number,
  nA: number,
  nB: number,
  reason: string,
  effectName: string,
): Comparison {
  return {
    test,
    difference,
    low: -span,
    high: span,
    pValue: 1,
    significant: false,
    verdict: "not significant",
    effectSize: { name: effectName, value: 0 },
    nA,
    nB,
    warning: reason,
  };
}

/** Shares of promoters (9–10) and detractors (0–6), the NPS as p − d and the per-answer variance. */
function npsShares(counts: readonly number[]): { n: number; nps: number; variance: number } {
  const { n, promoters, detractors } = npsTally(counts);
  if (n === 0) return { n, nps: 0, variance: 0 };
  const p = promoters / n;
  const d = detractors / n;
  return { n, nps: p - d, variance: Math.max(0, p + d - (p - d) ** 2) };
}

/** Count, mean and sample variance (n − 1) of a distribution of scores scaleMin, scaleMin + 1, … */
function moments(counts: readonly number[], scaleMin: number): { n: number; mean: number; variance: number } {
  let n = 0;
  let sum = 0;
  counts.forEach((c, i) => {
    n += c;
    sum += c * (scaleMin + i);
  });
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = sum / n;
  let squares = 0;
  counts.forEach((c, i) => {
    squares += c * (scaleMin + i - mean) ** 2;
  });
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/** Pooled SD from the two sums of squared deviations: √((SS_A + SS_B)/(nA + nB − 2)). */
function pooledSD(ssA: number, ssB: number, nA: number, nB: number): number {
  return nA + nB > 2 ? Math.sqrt((ssA + ssB) / (nA + nB - 2)) : 0;
}

/** Wilson score limits for a share p of n (Wilson 1927), as in proportion-estimate.ts but unrounded. */
function wilson(p: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function checkCount(x: number, n: number): void {
  if (!(n >= 0 && x >= 0 && x <= n)) throw new RangeError(`invalid count ${x} of ${n}`);
}
