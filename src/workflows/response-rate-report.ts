import { normalMeanInterval, pooledMoments } from "../stats/mean-estimate.ts";
import { type Estimate, SMALL_SAMPLE } from "../stats/nps-estimate.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import { welchTest } from "../stats/two-sample-tests.ts";
import type { ListFilter, Store, ToneMoments } from "../store/index.ts";
import type {
  NonResponseBias,
  RATE_GROUPINGS,
  ResponseRateReport,
  ToneComparison,
} from "./response-rate-report-schema.ts";

export {
  type NonResponseBias,
  RATE_GROUPINGS,
  type ResponseRateReport,
  type ToneComparison,
} from "./response-rate-report-schema.ts";

/**
 * Survey response rate in percent (answered invitations / invitations, Wilson 95% interval),
 * overall and per channel or month: a channel that answers less is heard less in every score.
 */
export async function responseRateReport(
  store: Store,
  filter: ListFilter,
  by?: (typeof RATE_GROUPINGS)[number],
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
    ...estimate(overall ?? { invited: 0, answered: 0 }),
    by: by ?? null,
    groups: groups.map((g) => ({ group: g.group, ...estimate(g) })),
    nonResponseBias: nonResponseBias(await store.insights.invitedTone(filter)),
  };
}

/** Below this Cohen's d a significant tone difference is called too small to matter (Cohen 1988: 0.2 is "small"). */
export const SMALL_EFFECT = 0.2;

/**
 * An estimate of non-response bias that survey tools cannot make: the analysed customer tone of
 * invited encounters, answered against unanswered. If those who answer had clearly better (or
 * worse) conversations, the scores over- (or under-) state the experience of everyone invited.
 */
export function nonResponseBias(
  rows: (ToneMoments & { channel: string; answered: boolean })[],
): NonResponseBias {
  // Floating-point sums depend on order, and the database returns these rows in no set order:
  // sort them, so that the same data always gives the same digits (CLI and API alike).
  rows = [...rows].sort(
    (a, b) =>
      a.channel.localeCompare(b.channel) ||
      Number(a.answered) - Number(b.answered) ||
      a.n - b.n ||
      a.sum - b.sum ||
      a.sumSquares - b.sumSquares,
  );
  const compareTone = (subset: typeof rows): ToneComparison => {
    const a = pooledMoments(subset.filter((r) => r.answered));
    const u = pooledMoments(subset.filter((r) => !r.answered));
    return { answered: toneEstimate(a), unanswered: toneEstimate(u), difference: welchTest(a, u, 2) };
  };
  const overall = compareTone(rows);
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const d = overall.difference;
  const conclusion =
    d.nA === 0 || d.nB === 0
      ? "The data cannot support a conclusion: analysed encounters are needed on both sides (answered and not answered)."
      : d.significant && Math.abs(d.effectSize.value) < SMALL_EFFECT
        ? `Customers who answered differ in tone from those who did not, but only slightly (d = ${d.effectSize.value.toFixed(2)}, p = ${d.pValue.toPrecision(2)}): too small to bias the scores much.`
        : d.significant
          ? `Customers who answered had ${d.difference > 0 ? "more positive" : "more negative"} conversations than those who did not (tone difference ${d.difference.toFixed(3)} on −1..1, p = ${d.pValue.toPrecision(2)}): survey scores likely ${d.difference > 0 ? "overstate" : "understate"} the experience of everyone invited.`
          : `No significant tone difference between customers who answered and those who did not (p = ${d.pValue.toPrecision(2)}): no sign of non-response bias in tone.`;
  return {
    definition:
      "Analysed customer tone (−1..1) of invited encounters, answered vs not answered, with a Welch t test",
    overall,
    byChannel: channels.map((channel) => ({
      channel,
      ...compareTone(rows.filter((r) => r.channel === channel)),
    })),
    conclusion,
  };
}

/** A tone mean with its interval, in the report's Estimate shape. */
function toneEstimate(m: { n: number; mean: number; variance: number }): Estimate {
  const { se: _se, ...estimate } = normalMeanInterval(m);
  return estimate;
}
