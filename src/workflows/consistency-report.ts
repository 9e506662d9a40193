import { spearman } from "../stats/correlation.ts";
import { type Heterogeneity, heterogeneity } from "../stats/heterogeneity.ts";
import { normalMeanInterval, pooledMoments } from "../stats/mean-estimate.ts";
import { type Estimate, npsEstimate, poolCounts } from "../stats/nps-estimate.ts";
import type { ListFilter, PairedScoreCounts, Store, ToneMoments } from "../store/index.ts";
import type { ChannelFigure, ConsistencyReport } from "./consistency-report-schema.ts";

export type { ChannelFigure, ConsistencyReport, MonthSpread } from "./consistency-report-schema.ts";

/**
 * How much NPS and analysed tone differ between channels, overall and month by month: a test of
 * whether the experience stays the same as service moves to new channels.
 */
export async function consistencyReport(store: Store, filter: ListFilter): Promise<ConsistencyReport> {
  const [nps, tone] = await Promise.all([
    store.insights.npsByMonth("channel", filter),
    store.insights.encounterToneBy("channel", filter),
  ]);
  return buildConsistencyReport(nps, tone);
}

export function buildConsistencyReport(
  nps: PairedScoreCounts[],
  toneRows: (ToneMoments & { key: string | null; month: string })[],
): ConsistencyReport {
  // Pooled sums depend on order and the database returns rows in no set order: sort, so that the
  // same data always gives the same digits.
  const tone = [...toneRows].sort(
    (a, b) => (a.key ?? "").localeCompare(b.key ?? "") || a.month.localeCompare(b.month),
  );
  const channels = [...new Set([...nps.map((r) => r.key), ...tone.map((r) => r.key)])]
    .filter((c): c is string => c !== null)
    .sort();
  const figures = channels.map((channel) => ({
    channel,
    nps: npsWithSe(poolCounts(nps.filter((r) => r.key === channel))),
    tone: toneEstimate(tone.filter((r) => r.key === channel)),
  }));
  const npsTest = heterogeneity(
    figures.filter((f) => f.nps.n > 0).map((f) => ({ value: f.nps.value, se: f.nps.se })),
  );
  const toneTest = heterogeneity(
    figures.filter((f) => f.tone.n > 1).map((f) => ({ value: f.tone.value, se: f.tone.se })),
  );
  const months = [...new Set(nps.map((r) => r.month))].sort().map((month) => {
    const perChannel = nps.filter((r) => r.month === month && r.key !== null).map((r) => npsWithSe(r.counts));
    const test = heterogeneity(perChannel.map((e) => ({ value: e.value, se: e.se })));
    const tones = tone
      .filter((r) => r.month === month && r.key !== null)
      .map((r) => toneEstimate([r]))
      .filter((t) => t.n > 1);
    return {
      month,
      channels: perChannel.length,
      npsSpread: round(test.spread),
      npsTest: test,
      toneSpread: round(heterogeneity(tones.map((t) => ({ value: t.value, se: t.se }))).spread),
      smallestGroup: Math.min(...perChannel.map((e) => e.n), ...tones.map((t) => t.n)),
    };
  });
  const usable = months.filter((m) => m.channels >= 2);
  const trendTest = spearman(
    usable.map((_, i) => i),
    usable.map((m) => m.npsSpread),
  );
  const trend = {
    r: round(trendTest.r),
    pValue: trendTest.pValue,
    verdict: trendTest.verdict,
    months: usable.length,
    ...(trendTest.warning ? { warning: trendTest.warning } : {}),
  };
  return {
    metric: "consistency",
    definition:
      "Consistency across channels: NPS and analysed customer tone per channel, Cochran's Q test and I² for differences beyond sampling noise, overall and per month; trend of the between-channel NPS spread (Spearman)",
    channels: figures,
    nps: npsTest,
    tone: toneTest,
    months,
    trend,
    conclusion: conclusionOf(figures, npsTest, trend),
  };
}

/** What the figures say, in a sentence; exported so a report with suppressed channels can be re-told. */
export function conclusionOf(
  figures: ChannelFigure[],
  test: Heterogeneity,
  trend: ConsistencyReport["trend"],
): string {
  if (test.warning) return `The data cannot support a conclusion: ${test.warning}.`;
  const ranked = [...figures].filter((f) => f.nps.n > 0).sort((a, b) => a.nps.value - b.nps.value);
  const low = ranked[0];
  const high = ranked[ranked.length - 1];
  const spreadText = test.significant
    ? `Channels differ beyond noise (Q = ${test.q.toFixed(1)}, p = ${test.pValue.toPrecision(2)}, I² = ${test.i2.toFixed(0)}%): NPS ranges from ${low?.channel} ${low?.nps.value.toFixed(1)} to ${high?.channel} ${high?.nps.value.toFixed(1)}.`
    : `Channels do not differ beyond sampling noise (p = ${test.pValue.toPrecision(2)}).`;
  const trendText =
    trend.months < 4
      ? " Too few months to judge a trend."
      : trend.verdict === "significant"
        ? ` The gap between channels is ${trend.r > 0 ? "growing" : "shrinking"} over time (Spearman ${trend.r}).`
        : " The gap between channels shows no significant trend over time.";
  return spreadText + trendText;
}

function npsWithSe(counts: number[]): Estimate & { se: number } {
  const e = npsEstimate(counts);
  return { value: e.value, low: e.low, high: e.high, n: e.n, se: e.se };
}

function toneEstimate(rows: ToneMoments[]): Estimate & { se: number } {
  return normalMeanInterval(pooledMoments(rows));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
