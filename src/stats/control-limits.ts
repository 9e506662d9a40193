import { npsTally } from "./nps-estimate.ts";

/** One period's estimate: its value and how many answers it rests on. */
export interface PeriodPoint {
  period: string;
  value: number;
  n: number;
}

export type Side = "above" | "below";

/**
 * A period on the chart with its own limits: wider for few answers, narrower for many. A period without
 * answers gets the whole range as its limits (±Infinity when no range was given) and never signals.
 */
export interface ChartPoint extends PeriodPoint {
  centre: number;
  lower: number;
  upper: number;
  /** Outside the limits: news. null: ordinary noise. */
  signal: Side | null;
}

/** A run of `length` consecutive points on one side of the centre line: the level has shifted. */
export interface ShiftSignal {
  rule: "shift";
  side: Side;
  /** The first period of the run: where the shift most likely began. */
  firstPeriod: string;
  lastPeriod: string;
  length: number;
}

export interface ControlChart {
  centre: number;
  sigma: number;
  k: number;
  points: ChartPoint[];
  shifts: ShiftSignal[];
  warning?: string;
}

export interface ControlChartOptions {
  /** Per-answer standard deviation, in the unit of the values. */
  sigma: number;
  /** Centre line; default: the n-weighted mean of the values. */
  centre?: number;
  /** Limits at centre ± k·sigma/√n; default 3. */
  k?: number;
  /** Points in a row on one side that make a shift; default 8. */
  runLength?: number;
  /** Where the values can lie, e.g. [−100, 100] for an NPS: limits are clipped to it. */
  range?: { min: number; max: number };
}

/**
 * A Shewhart control chart for a series of period estimates with varying sample sizes, so that
 * ordinary noise is not read as news.
 *
 * Each point gets limits centre ± k·σ/√nᵢ, σ being the per-answer standard deviation: the p chart with
 * variable sample size generalised to any mean-like figure (Montgomery, D. C., Introduction to
 * Statistical Quality Control, Wiley; ch. 7, "The p chart … variable sample size": UCLᵢ = p̄ + 3√(p̄(1 − p̄)/nᵢ)).
 * A point outside its limits signals "above"/"below". Series-level, the Western Electric sensitizing rule
 * "eight consecutive points on one side of the centre line" (Western Electric Handbook 1956, listed by
 * Montgomery, ch. 5, among the sensitizing rules; Nelson 1984 uses nine — set runLength) gives a
 * shift signal naming the first period of the run. A point exactly on the centre line ends a run;
 * periods without answers (n = 0 or a non-finite value) are skipped by the run rule and never signal.
 *
 * Example: centre 45, σ = 74, k = 3: a period of 200 answers has limits 45 ± 15.7, one of 50 answers 45 ± 31.4.
 */
export function controlChart(points: readonly PeriodPoint[], options: ControlChartOptions): ControlChart {
  const k = options.k ?? 3;
  const runLength = options.runLength ?? 8;
  const range = options.range ?? { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const sigma = options.sigma;
  const centre = options.centre ?? weightedMean(points);
  const chart = points.map((p) => chartPoint(p, centre, sigma, k, range));
  const result: ControlChart = {
    centre: centre ?? 0,
    sigma,
    k,
    points: chart,
    shifts: shiftSignals(chart, runLength),
  };
  if (centre === undefined) result.warning = "no answers in any period";
  return result;
}

/**
 * A control chart of monthly (or other) NPS: centre = the pooled NPS of all periods, σ = 100 × the pooled
 * per-answer SD of the promoter +1 / passive 0 / detractor −1 coding, √(p + d − (p − d)²) — the same
 * multinomial variance as npsEstimate (Rocks 2016). Limits are clipped to [−100, 100].
 *
 * Example: 12 months of 50/30/20 then 12 of 70/20/10, 200 answers each → centre 45, σ ≈ 74.0,
 * limits 45 ± 15.7: no single month is outside, but the run rule flags both halves.
 */
export function npsControlChart(
  periods: readonly { period: string; counts: readonly number[] }[],
): ControlChart {
  const total = { n: 0, promoters: 0, detractors: 0 };
  const points = periods.map(({ period, counts }) => {
    const t = npsTally(counts);
    total.n += t.n;
    total.promoters += t.promoters;
    total.detractors += t.detractors;
    return { period, value: t.n > 0 ? (100 * (t.promoters - t.detractors)) / t.n : Number.NaN, n: t.n };
  });
  const range = { min: -100, max: 100 };
  if (total.n === 0) return controlChart(points, { sigma: 0, range });
  const p = total.promoters / total.n;
  const d = total.detractors / total.n;
  const sigma = 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2));
  return controlChart(points, { sigma, centre: 100 * (p - d), range });
}

function chartPoint(
  point: PeriodPoint,
  centre: number | undefined,
  sigma: number,
  k: number,
  range: { min: number; max: number },
): ChartPoint {
  const usable = centre !== undefined && hasData(point);
  const half = usable ? (k * sigma) / Math.sqrt(point.n) : Number.POSITIVE_INFINITY;
  const c = centre ?? 0;
  const lower = Math.max(range.min, c - half);
  const upper = Math.min(range.max, c + half);
  let signal: Side | null = null;
  if (usable && point.value > c + half) signal = "above";
  else if (usable && point.value < c - half) signal = "below";
  return { ...point, centre: c, lower, upper, signal };
}

/** Every maximal run of at least runLength consecutive usable points on one side of the centre. */
function shiftSignals(points: readonly ChartPoint[], runLength: number): ShiftSignal[] {
  const shifts: ShiftSignal[] = [];
  let run: ChartPoint[] = [];
  let side: Side | null = null;
  const close = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (side !== null && first && last && run.length >= runLength) {
      shifts.push({
        rule: "shift",
        side,
        firstPeriod: first.period,
        lastPeriod: last.period,
        length: run.length,
      });
    }
  };
  for (const point of points) {
    if (!hasData(point)) continue;
    const pointSide: Side | null =
      point.value > point.centre ? "above" : point.value < point.centre ? "below" : null;
    if (pointSide !== side) {
      close();
      run = [];
      side = pointSide;
    }
    if (pointSide !== null) run.push(point);
  }
  close();
  return shifts;
}

/** n-weighted mean of the usable values; undefined when there are none. */
function weightedMean(points: readonly PeriodPoint[]): number | undefined {
  let n = 0;
  let sum = 0;
  for (const p of points) {
    if (!hasData(p)) continue;
    n += p.n;
    sum += p.n * p.value;
  }
  return n > 0 ? sum / n : undefined;
}

function hasData(point: PeriodPoint): boolean {
  return point.n > 0 && Number.isFinite(point.value);
}
