import { type Estimate, SMALL_SAMPLE } from "../stats/nps-estimate.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import type { ListFilter, Store } from "../store/index.ts";

export interface ResponseRateReport {
  metric: "response-rate";
  definition: string;
  overall: Estimate & { invited: number; answered: number };
  by: string | null;
  groups: (Estimate & { group: string | null; invited: number; answered: number })[];
}

/**
 * Survey response rate in percent (answered invitations / invitations, Wilson 95% interval),
 * overall and per channel or month: a channel that answers less is heard less in every score.
 */
export async function responseRateReport(
  store: Store,
  filter: ListFilter,
  by?: "channel" | "month",
): Promise<ResponseRateReport> {
  const estimate = (c: { invited: number; answered: number }) => {
    const e = proportionEstimate(c.answered, c.invited);
    return {
      ...e,
      invited: c.invited,
      answered: c.answered,
      ...(c.invited < SMALL_SAMPLE ? { warning: `only ${c.invited} invitations: too few to compare` } : {}),
    };
  };
  const [overall] = await store.invitations.responseCounts(filter);
  const groups = by ? await store.invitations.responseCounts(filter, by) : [];
  return {
    metric: "response-rate",
    definition:
      "Response rate: % of survey invitations answered (matched on the encounter), Wilson 95% interval",
    overall: estimate(overall ?? { invited: 0, answered: 0 }),
    by: by ?? null,
    groups: groups.map((g) => ({ group: g.group, ...estimate(g) })),
  };
}
