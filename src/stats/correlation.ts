import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import type { Verdict } from "./two-sample-tests.ts";

/** A correlation coefficient with its uncertainty (CONVENTIONS.md §12). */
export interface Correlation {
  r: number;
  /** Pairs used: pairs where either value is missing (not a finite number) are left out. */
  n: number;
  /** 95% Fisher-z interval (with the default confidence); [−1, 1] when there are too few pairs. */
  low: number;
  high: number;
  /** Two-sided, from t = r √((n − 2)/(1 − r²)) with n − 2 degrees of freedom. */
  pValue: number;
  significant: boolean;
  verdict: Verdict;
  warning?: string;
}

export interface CorrelationOptions {
  alpha?: number;
  confidence?: number;
}

/** Below this many pairs the Fisher interval (se = 1/√(n − 3)) is not defined. */
const MIN_PAIRS = 4;

/**
 * Pearson's product-moment correlation r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²),
 * with the Fisher-z interval and the t test with n − 2 df — as R's cor.test (Fisher 1915, 1921).
 * Example: mtcars mpg vs wt (n = 32) → r = −0.8677, 95% CI [−0.9338, −0.7441], p = 1.29e−10.
 */
export function pearson(
  x: readonly number[],
  y: readonly number[],
  options: CorrelationOptions = {},
): Correlation {
  const [xs, ys] = completePairs(x, y);
  return judge(pearsonR(xs, ys), xs.length, 1, options);
}

/**
 * Spearman's rank correlation: Pearson's r of the ranks, ties given their average rank (which is what
 * the textbook 1 − 6Σd²/(n(n² − 1)) equals when there are no ties). p-value from the same t
 * approximation (as R's cor.test(method = "spearman", exact = FALSE)); the Fisher-z interval uses
 * Fieller, Hartley & Pearson's (1957, Biometrika 44) variance 1.06/(n − 3) for a rank correlation.
 * Example (Wikipedia, "Spearman's rank correlation coefficient"): IQ vs hours of TV, n = 10 → ρ = −29/165.
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  options: CorrelationOptions = {},
): Correlation {
  const [xs, ys] = completePairs(x, y);
  return judge(pearsonR(averageRanks(xs), averageRanks(ys)), xs.length, 1.06, options);
}

/**
 * Fisher's z interval for a correlation: z = atanh r, se = √(varianceFactor/(n − 3)),
 * [tanh(z − z₁₋α/₂ se), tanh(z + z₁₋α/₂ se)] (Fisher 1921, Metron 1, 3–32). varianceFactor is 1 for
 * Pearson's r and 1.06 for Spearman's ρ (Fieller et al. 1957). For n < 4 the whole range [−1, 1].
 * Example: r = 0.5, n = 28 → z = 0.5493, se = 0.2 → [0.156, 0.736].
 */
export function fisherInterval(
  r: number,
  n: number,
  confidence = 0.95,
  varianceFactor = 1,
): { low: number; high: number } {
  if (n < MIN_PAIRS || !Number.isFinite(r)) return { low: -1, high: 1 };
  const z = Math.atanh(clamp(r));
  const half = normalQuantile(1 - (1 - confidence) / 2, 0, 1) * Math.sqrt(varianceFactor / (n - 3));
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}

/** Ranks 1..n, tied values sharing the mean of the ranks they span. Example: [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) {
      const entry = order[j];
      if (entry) ranks[entry.i] = rank;
    }
    start = end + 1;
  }
  return ranks;
}

/** One observation of a unit (team, channel, …) in a month: x and y measured in the same month. */
export interface PanelPoint {
  key: string;
  /** YYYY-MM */
  period: string;
  x: number;
  y: number;
}

/**
 * Does x lead y? Correlates x in month m with y in month m + lag of the same key, over all keys and
 * months where both exist (lag 0: same month; negative lag: y leads x). Months are calendar arithmetic
 * on YYYY-MM, so 2024-11 + 3 = 2025-02. A key/month may appear only once: aggregate first.
 * Example: lag 1, team A with (x, y) = (1, 0), (2, 2), (3, 4), (9, 6) in Jan–Apr → pairs (1, 2), (2, 4), (3, 6).
 */
export function laggedCorrelation(
  pairs: readonly PanelPoint[],
  lag: number,
  method: "pearson" | "spearman",
  options: CorrelationOptions = {},
): Correlation & { lag: number; method: "pearson" | "spearman" } {
  if (!Number.isInteger(lag)) throw new RangeError(`lag must be a whole number of months: ${lag}`);
  const byKeyMonth = new Map<string, PanelPoint>();
  for (const point of pairs) {
    const id = `${point.key}\u0000${monthIndex(point.period)}`;
    if (byKeyMonth.has(id)) throw new RangeError(`duplicate ${point.key} ${point.period}: aggregate first`);
    byKeyMonth.set(id, point);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (const point of pairs) {
    const later = byKeyMonth.get(`${point.key}\u0000${monthIndex(point.period) + lag}`);
    if (!later) continue;
    xs.push(point.x);
    ys.push(later.y);
  }
  const result = method === "pearson" ? pearson(xs, ys, options) : spearman(xs, ys, options);
  return { ...result, lag, method };
}

/** Months since year 0 for a YYYY-MM string: a plain integer, so adding a lag crosses years correctly. */
export function monthIndex(period: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new RangeError(`not a YYYY-MM month: ${period}`);
  return Number(match[1]) * 12 + month - 1;
}

/** Adds the interval, the t test and the verdict, or says why they cannot be given. */
function judge(
  r: number | undefined,
  n: number,
  varianceFactor: number,
  options: CorrelationOptions,
): Correlation {
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 1 - alpha;
  if (n < MIN_PAIRS) return untested(r ?? 0, n, "too few pairs");
  if (r === undefined) return untested(0, n, "no variation");
  const { low, high } = fisherInterval(r, n, confidence, varianceFactor);
  const df = n - 2;
  const t = r * Math.sqrt(df / Math.max(0, 1 - r * r));
  const pValue = 2 * tCdf(-Math.abs(t), df);
  const significant = pValue < alpha;
  return { r, n, low, high, pValue, significant, verdict: significant ? "significant" : "not significant" };
}

function untested(r: number, n: number, warning: string): Correlation {
  return { r, n, low: -1, high: 1, pValue: 1, significant: false, verdict: "not significant", warning };
}

/** Pearson's r, or undefined when either variable does not vary (or there are fewer than 2 pairs). */
function pearsonR(x: readonly number[], y: readonly number[]): number | undefined {
  const n = x.length;
  if (n < 2) return undefined;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const dx = xi - mx;
    const dy = (y[i] ?? my) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  if (sxx === 0 || syy === 0) return undefined;
  return clamp(sxy / Math.sqrt(sxx * syy));
}

/** The pairs where both values are finite numbers; unequal lengths are a caller error. */
function completePairs(x: readonly number[], y: readonly number[]): [number[], number[]] {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} values, y has ${y.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  x.forEach((xi, i) => {
    const yi = y[i];
    if (Number.isFinite(xi) && yi !== undefined && Number.isFinite(yi)) {
      xs.push(xi);
      ys.push(yi);
    }
  });
  return [xs, ys];
}

function clamp(r: number): number {
  return Math.min(1, Math.max(-1, r));
}
