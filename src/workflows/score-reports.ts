import { DateTime } from "luxon";
import { KohtaamoError, SCORE_RANGE } from "../domain/index.ts";
import { controlChart, npsControlChart } from "../stats/control-limits.ts";
import { meanEstimate } from "../stats/mean-estimate.ts";
import {
  type Estimate,
  npsEstimate,
  poolCounts,
  SMALL_SAMPLE,
  smallSampleWarning,
} from "../stats/nps-estimate.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import { holm } from "../stats/rate-change.ts";
import {
  type Comparison,
  meanDifferenceTest,
  npsDifferenceTest,
  proportionDifferenceTest,
} from "../stats/two-sample-tests.ts";
import type { ListFilter, ScoreCounts, ScoreGrouping, Store } from "../store/index.ts";
import { isScoreCellGrouping } from "../store/score-cells.ts";
import { type CubeOptions, cubeMonths } from "./report-cube.ts";
import type { ControlChart, ScoreGroup, ScoreMetric, ScoreReport } from "./score-report-schema.ts";

export { SCORE_METRICS, type ScoreMetric, type ScoreReport } from "./score-report-schema.ts";

/** What eNPS (the monthly pulse) can be broken down by: it has no channel, agent or touchpoint. */
export const ENPS_GROUPINGS = ["team", "month"] as const;

type AdjustedComparison = NonNullable<ScoreGroup["vsRest"]>;

const DEFINITIONS: Record<ScoreMetric, string> = {
  nps: "Net Promoter Score: % of 9–10 minus % of 0–6 answers, −100..100",
  csat: "CSAT: % of answers 4–5 on a 1–5 scale (Wilson 95% interval)",
  ces: "Customer Effort Score: mean answer on a 1–7 scale (Student t 95% interval)",
  enps: "Employee NPS from the monthly pulse: % of 9–10 minus % of 0–6, −100..100",
};

/** The estimate of one metric from a score distribution, with a warning when n is too small. */
export function estimateOf(
  metric: ScoreMetric,
  counts: readonly number[],
): Estimate & { sd?: number; warning?: string } {
  if (metric === "nps" || metric === "enps") return npsEstimate(counts);
  const n = counts.reduce((s, c) => s + c, 0);
  const e =
    metric === "csat"
      ? proportionEstimate((counts[4] ?? 0) + (counts[5] ?? 0), n)
      : meanEstimate(counts, SCORE_RANGE.ces);
  if (n === 0) return { ...e, warning: "no answers" };
  return n < SMALL_SAMPLE ? { ...e, warning: smallSampleWarning(n) } : e;
}

/**
 * NPS, CSAT, CES or eNPS with its 95% interval, overall and per group. Survey metrics can be
 * grouped by team, channel, month, agent or touchpoint; eNPS by team or month.
 */
export async function scoreReport(
  store: Store,
  metric: ScoreMetric,
  filter: ListFilter,
  by?: ScoreGrouping,
  options: CubeOptions = {},
): Promise<ScoreReport> {
  let refreshed: Promise<unknown> | null = null;
  const fromCube = async (f: ListFilter, grouping?: ScoreGrouping): Promise<ScoreCounts[] | null> => {
    // The score cells have month, team, channel, agent and touchpoint; a segment scans the rows.
    const months =
      metric !== "enps" && options.timeZone && !options.scan
        ? cubeMonths(f, options.timeZone, "scores")
        : null;
    if (!months || !options.timeZone || !isScoreCellGrouping(grouping)) return null;
    // The triggers keep the score cells with every write (migration 0024): no refresh of the cube,
    // only a check that they are counted in this zone, which the overall counts, the breakdown and
    // the previous period share.
    refreshed ??= store.cube.readyScores(options.timeZone);
    await refreshed;
    return store.cube.scoreCounts(metric, months, f, grouping);
  };
  const counts = async (grouping?: ScoreGrouping): Promise<ScoreCounts[]> => {
    const cube = await fromCube(filter, grouping);
    if (cube) return cube;
    if (metric === "enps") {
      if (grouping && !(ENPS_GROUPINGS as readonly string[]).includes(grouping)) {
        const reason = `eNPS can be broken down by team or month, not by ${grouping}`;
        throw new KohtaamoError("bad_request", `by: ${reason}`, { problems: [{ field: "by", reason }] });
      }
      return store.pulse.scoreCounts(filter, grouping as (typeof ENPS_GROUPINGS)[number] | undefined);
    }
    return store.responses.scoreCounts(metric, filter, grouping);
  };
  const [overall] = await counts();
  const groups = by ? await counts(by) : [];
  // The overall estimate's fields sit at the top level (value, low, high, n), as the CLI has printed them since #2.
  const report: ScoreReport = {
    metric,
    ...estimateOf(metric, overall?.counts ?? []),
    definition: DEFINITIONS[metric],
    by: by ?? null,
    groups: compareGroups(metric, groups, by === "month" ? "previous" : "rest"),
  };
  if (by === "month") report.controlChart = chartOf(metric, groups);
  const previous = previousPeriod(filter, options.timeZone);
  if (previous) {
    const earlier = { ...filter, ...previous };
    const [before] =
      (await fromCube(earlier)) ??
      (await (metric === "enps"
        ? store.pulse.scoreCounts(earlier)
        : store.responses.scoreCounts(metric, earlier)));
    const beforeCounts = before?.counts ?? [];
    report.previous = {
      ...previous,
      estimate: estimateOf(metric, beforeCounts),
      change: compare(metric, overall?.counts ?? [], beforeCounts),
    };
  }
  return report;
}

/** Two-sample test suited to the metric: NPS difference, two proportions, or Welch's t. */
export function compare(metric: ScoreMetric, a: readonly number[], b: readonly number[]): Comparison {
  if (metric === "nps" || metric === "enps") return npsDifferenceTest(a, b);
  if (metric === "csat") {
    const top = (c: readonly number[]) => (c[4] ?? 0) + (c[5] ?? 0);
    const n = (c: readonly number[]) => c.reduce((s, x) => s + x, 0);
    return proportionDifferenceTest(top(a), n(a), top(b), n(b));
  }
  return meanDifferenceTest(a, b, 0);
}

/**
 * Each group's estimate, compared with the rest of the answers or (for months) with the previous
 * month. With many groups some would pass p < 0.05 by chance alone, so the p-values are
 * Holm-adjusted over the groups before anything is called significant.
 */
function compareGroups(
  metric: ScoreMetric,
  groups: ScoreCounts[],
  against: "rest" | "previous",
): ScoreGroup[] {
  const all = poolCounts(groups);
  const tests = groups.map((g, i) => {
    if (against === "previous") {
      const prev = groups[i - 1];
      return prev ? compare(metric, g.counts, prev.counts) : null;
    }
    if (groups.length < 2) return null;
    return compare(
      metric,
      g.counts,
      all.map((c, s) => c - (g.counts[s] ?? 0)),
    );
  });
  const adjusted = holm(tests.flatMap((t) => (t ? [t.pValue] : [])));
  let k = 0;
  return groups.map((g, i) => {
    const t = tests[i];
    const out: ScoreGroup = { group: g.group, ...estimateOf(metric, g.counts) };
    if (t) {
      const pValue = adjusted[k++] as number;
      const significant = pValue < 0.05;
      const adj: AdjustedComparison = {
        ...t,
        pValue,
        pValueUnadjusted: t.pValue,
        adjustment: "holm",
        significant,
        verdict: significant ? "significant" : "not significant",
      };
      if (against === "previous") out.change = adj;
      else out.vsRest = adj;
    }
    return out;
  });
}

/** A control chart of the monthly values: NPS-type metrics on their trinomial SD, CSAT and CES on theirs. */
function chartOf(metric: ScoreMetric, months: ScoreCounts[]): ControlChart {
  const periods = months.map((m) => ({ period: String(m.group), counts: m.counts }));
  if (metric === "nps" || metric === "enps") return npsControlChart(periods);
  const all = estimateOf(metric, poolCounts(months));
  const points = months.map((m) => ({
    period: String(m.group),
    value: estimateOf(metric, m.counts).value,
    n: m.n,
  }));
  if (metric === "csat") {
    const p = all.value / 100;
    return controlChart(points, {
      sigma: 100 * Math.sqrt(p * (1 - p)),
      centre: all.value,
      range: { min: 0, max: 100 },
    });
  }
  const pooled = poolCounts(months);
  const n = pooled.reduce((s, c) => s + c, 0);
  const mean = pooled.reduce((s, c, score) => s + c * score, 0) / Math.max(1, n);
  const variance = pooled.reduce((s, c, score) => s + c * (score - mean) ** 2, 0) / Math.max(1, n - 1);
  return controlChart(points, { sigma: Math.sqrt(variance), centre: mean });
}

/** The period of the same length just before [from, to), when both ends are given. */
export function previousPeriod(filter: ListFilter, timeZone?: string): { from: string; to: string } | null {
  if (!filter.from || !filter.to) return null;
  // Whole months of the zone (what the dashboard's period picker sends): the same number of whole
  // months just before; otherwise a period of the same length.
  const months = timeZone ? cubeMonths({ from: filter.from, to: filter.to }, timeZone) : null;
  if (months?.from && months.to && timeZone) {
    const start = DateTime.fromISO(`${months.from}-01`, { zone: timeZone });
    const end = DateTime.fromISO(`${months.to}-01`, { zone: timeZone });
    const length = Math.round(end.diff(start, "months").months);
    if (length > 0) {
      return {
        from: start.minus({ months: length }).toUTC().toISO() as string,
        to: start.toUTC().toISO() as string,
      };
    }
  }
  const from = Date.parse(filter.from);
  const to = Date.parse(filter.to);
  if (!(to > from)) return null;
  return { from: new Date(from - (to - from)).toISOString(), to: new Date(from).toISOString() };
}
