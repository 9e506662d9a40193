import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { DateTime } from "luxon";
import type { QaCriterion } from "../domain/qa-scorecard.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";

export interface OverrideRow {
  scorecard_id: string;
  criterion_id: string;
  /** Reviews in which the criterion had an automatic score. */
  n: number;
  /** Of those, how many the reviewer changed. */
  overridden: number;
}

export interface CriterionOverrides {
  scorecard_id: string;
  scorecard: string;
  criterion: string;
  name: string;
  behaviour: string | null;
  n: number;
  overridden: number;
  /** The share changed in percent with its Wilson 95% interval; value null when n = 0. */
  share: { value: number | null; low: number; high: number; n: number };
}

/**
 * How often reviewers changed AutoQA's score, per criterion: overridden / n with a Wilson 95%
 * interval (stats/proportion-estimate.ts), in percent. A high share says the behaviour's detection
 * does not fit what reviewers mean by the criterion (or the criterion's wording).
 * Example: 3 of 12 changed → 25.0 %, interval 8.9 … 53.2 %.
 */
export function overrideReport(
  rows: readonly OverrideRow[],
  scorecards: ReadonlyMap<string, { name: string; criteria: readonly QaCriterion[] }>,
): CriterionOverrides[] {
  return rows.map((r) => {
    const card = scorecards.get(r.scorecard_id);
    const criterion = card?.criteria.find((c) => c.id === r.criterion_id);
    const share = proportionEstimate(r.overridden, r.n);
    return {
      scorecard_id: r.scorecard_id,
      scorecard: card?.name ?? r.scorecard_id,
      criterion: r.criterion_id,
      name: criterion?.name ?? r.criterion_id,
      behaviour: criterion?.behaviour ?? null,
      n: r.n,
      overridden: r.overridden,
      share: { ...share, value: r.n === 0 ? null : share.value },
    };
  });
}

export interface TrendMonth {
  month: string;
  /** Mean total (0–100) with its Student-t 95% interval; low/high null below 2 reviews. */
  mean: number;
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * An agent's QA totals per month of the workspace's time zone (by the encounter's time): the mean
 * with a Student-t 95% interval, x̄ ± t(0.975, n − 1) · s/√n, clipped to 0–100.
 * Example: totals 60, 80, 100 in one month → mean 80, s = 20, t = 4.303 → 30.3 … 100.
 */
export function agentTrend(
  totals: readonly { encounter_at: string; total: number }[],
  timeZone: string,
): TrendMonth[] {
  const byMonth = new Map<string, number[]>();
  for (const t of totals) {
    const month = DateTime.fromISO(t.encounter_at, { zone: "utc" }).setZone(timeZone).toFormat("yyyy-MM");
    const list = byMonth.get(month) ?? [];
    list.push(t.total);
    byMonth.set(month, list);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, values]) => {
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      if (n < 2) return { month, mean: r(mean), low: null, high: null, n };
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
      return {
        month,
        mean: r(mean),
        low: r(Math.max(0, mean - half)),
        high: r(Math.min(100, mean + half)),
        n,
      };
    });
}
