import { SCORE_RANGE } from "../domain/index.ts";
import { meanEstimate } from "../stats/mean-estimate.ts";
import { type Estimate, npsEstimate, SMALL_SAMPLE } from "../stats/nps-estimate.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import type { ListFilter, ScoreCounts, ScoreGrouping, Store } from "../store/index.ts";

export const SCORE_METRICS = ["nps", "csat", "ces", "enps"] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];

export interface ScoreReport {
  metric: ScoreMetric;
  /** What the value means, for people reading the JSON. */
  definition: string;
  overall: Estimate;
  by: string | null;
  groups: (Estimate & { group: string | null })[];
}

const DEFINITIONS: Record<ScoreMetric, string> = {
  nps: "Net Promoter Score: % of 9–10 minus % of 0–6 answers, −100..100",
  csat: "CSAT: % of answers 4–5 on a 1–5 scale (Wilson 95% interval)",
  ces: "Customer Effort Score: mean answer on a 1–7 scale (Student t 95% interval)",
  enps: "Employee NPS from the monthly pulse: % of 9–10 minus % of 0–6, −100..100",
};

/** The estimate of one metric from a score distribution, with a warning when n is too small. */
export function estimateOf(metric: ScoreMetric, counts: readonly number[]): Estimate & { warning?: string } {
  if (metric === "nps" || metric === "enps") return npsEstimate(counts);
  const n = counts.reduce((s, c) => s + c, 0);
  const e =
    metric === "csat"
      ? proportionEstimate((counts[4] ?? 0) + (counts[5] ?? 0), n)
      : meanEstimate(counts, SCORE_RANGE.ces);
  if (n === 0) return { ...e, warning: "no answers" };
  return n < SMALL_SAMPLE ? { ...e, warning: `only ${n} answers: too few to tell a change from noise` } : e;
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
): Promise<ScoreReport> {
  const counts = (grouping?: ScoreGrouping): Promise<ScoreCounts[]> => {
    if (metric === "enps") {
      if (grouping && grouping !== "team" && grouping !== "month") {
        throw new Error(`eNPS can be broken down by team or month, not by ${grouping}`);
      }
      return store.pulse.scoreCounts(filter, grouping);
    }
    return store.responses.scoreCounts(metric, filter, grouping);
  };
  const [overall] = await counts();
  const groups = by ? await counts(by) : [];
  return {
    metric,
    definition: DEFINITIONS[metric],
    overall: estimateOf(metric, overall?.counts ?? []),
    by: by ?? null,
    groups: groups.map((g) => ({ group: g.group, ...estimateOf(metric, g.counts) })),
  };
}
