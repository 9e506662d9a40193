import { laggedCorrelation, monthIndex, type PanelPoint } from "../stats/correlation.ts";
import { npsEstimate, poolCounts } from "../stats/nps-estimate.ts";
import { type Comparison, npsDifferenceTest } from "../stats/two-sample-tests.ts";
import type { ListFilter, PairedScoreCounts, Store } from "../store/index.ts";
import type { ChangePoint, ExLinkReport, LaggedLink, TeamMonth } from "./exlink-report-schema.ts";

/** Lags tested: employee experience leading customer experience by 0–3 months. */
export const EX_LAGS = [0, 1, 2, 3] as const;
/** A team is high-touch when at least this share of its encounters is human-assisted. */
export const HIGH_TOUCH_SHARE = 0.5;
/** Fewer team-month pairs than this cannot support a correlation, whatever it comes out as. */
export const MIN_PAIRS = 10;
/** A change point needs this many months of data on each side. */
export const MIN_SIDE_MONTHS = 2;

export type { ChangePoint, ExLinkReport, LaggedLink, TeamLink, TeamMonth } from "./exlink-report-schema.ts";

/**
 * The link between employee experience (pulse eNPS) and customer experience (NPS and analysed
 * tone), per team and month: within-team correlations at lags 0–3 with Fisher-z intervals, split
 * by high/low touch, and per team the months where eNPS and NPS shifted, so that a lead shows.
 */
export async function exLinkReport(store: Store, filter: ListFilter): Promise<ExLinkReport> {
  const [pulse, nps, tone] = await Promise.all([
    store.insights.pulseByTeamMonth(filter),
    store.insights.npsByMonth("team", filter),
    store.insights.encounterToneBy("team", filter),
  ]);
  return buildExLinkReport(pulse, nps, tone);
}

/** The pure part of exLinkReport. */
export function buildExLinkReport(
  pulse: PairedScoreCounts[],
  nps: PairedScoreCounts[],
  tone: { key: string | null; month: string; encounters: number; assisted: number; n: number; sum: number }[],
): ExLinkReport {
  const series = teamMonths(pulse, nps, tone);
  const assisted = new Map<string, { all: number; assisted: number }>();
  for (const t of tone) {
    if (t.key === null) continue;
    const a = assisted.get(t.key) ?? { all: 0, assisted: 0 };
    a.all += t.encounters;
    a.assisted += t.assisted;
    assisted.set(t.key, a);
  }
  const touchOf = (team: string): "high" | "low" => {
    const a = assisted.get(team);
    return a && a.all > 0 && a.assisted / a.all >= HIGH_TOUCH_SHARE ? "high" : "low";
  };
  const teamsInData = [...new Set(series.map((s) => s.team))].sort();
  const links = laggedLinks(series);
  const byTouch = (["high", "low"] as const).map((touch) => {
    const teams = teamsInData.filter((t) => touchOf(t) === touch);
    const l = laggedLinks(series.filter((s) => teams.includes(s.team)));
    return { touch, teams, links: l, conclusion: linkConclusion(l) };
  });
  const teamLinks = teamsInData.map((team) => {
    const a = assisted.get(team);
    const rows = series.filter((s) => s.team === team);
    const enpsChange = changePoint(rows.map((r) => ({ month: r.month, counts: r.enpsCounts })));
    const npsChange = changePoint(rows.map((r) => ({ month: r.month, counts: r.npsCounts })));
    const lead =
      enpsChange &&
      npsChange &&
      Math.sign(enpsChange.test.difference) === Math.sign(npsChange.test.difference)
        ? monthIndex(npsChange.month) - monthIndex(enpsChange.month)
        : null;
    return {
      team,
      touch: touchOf(team),
      assistedShare: a && a.all > 0 ? round(a.assisted / a.all) : 0,
      enpsChange,
      npsChange,
      leadMonths: lead,
      conclusion: teamConclusion(team, enpsChange, npsChange, lead),
    };
  });
  const paired = series.filter((s) => s.enps !== null && s.nps !== null).length;
  return {
    metric: "exlink",
    definition:
      "Employee–customer experience link per team and month: within-team Pearson and Spearman correlations of eNPS with NPS and with customer tone, eNPS leading by 0–3 months (Fisher-z 95% intervals); change points per team",
    n: paired,
    links,
    byTouch,
    teams: teamLinks,
    series: series.map(({ enpsCounts: _e, npsCounts: _n, ...rest }) => rest),
    conclusion: linkConclusion(links),
  };
}

type SeriesRow = TeamMonth & { enpsCounts: number[]; npsCounts: number[] };

function teamMonths(
  pulse: PairedScoreCounts[],
  nps: PairedScoreCounts[],
  tone: { key: string | null; month: string; encounters: number; n: number; sum: number }[],
): SeriesRow[] {
  const rows = new Map<string, SeriesRow>();
  const row = (team: string, month: string): SeriesRow => {
    const id = `${team}\u0000${month}`;
    let r = rows.get(id);
    if (!r) {
      r = {
        team,
        month,
        enps: null,
        enpsN: 0,
        nps: null,
        npsN: 0,
        tone: null,
        encounters: 0,
        enpsCounts: new Array(11).fill(0),
        npsCounts: new Array(11).fill(0),
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const p of pulse) {
    if (p.key === null) continue;
    const r = row(p.key, p.month);
    const e = npsEstimate(p.counts);
    r.enps = e.value;
    r.enpsN = e.n;
    r.enpsCounts = p.counts;
  }
  for (const p of nps) {
    if (p.key === null) continue;
    const r = row(p.key, p.month);
    const e = npsEstimate(p.counts);
    r.nps = e.value;
    r.npsN = e.n;
    r.npsCounts = p.counts;
  }
  for (const t of tone) {
    if (t.key === null || t.n === 0) continue;
    const r = row(t.key, t.month);
    r.tone = round(t.sum / t.n);
    r.encounters = t.encounters;
  }
  return [...rows.values()].sort((a, b) => a.team.localeCompare(b.team) || a.month.localeCompare(b.month));
}

/**
 * Correlations of eNPS with NPS and tone `lag` months later, on within-team deviations (each
 * team's own mean removed), so that a team that is simply better at both does not pass for a link.
 */
function laggedLinks(series: SeriesRow[]): LaggedLink[] {
  const centred = (pick: (r: SeriesRow) => number | null) => {
    const means = new Map<string, number>();
    for (const team of new Set(series.map((s) => s.team))) {
      const values = series
        .filter((s) => s.team === team)
        .flatMap((s) => (pick(s) === null ? [] : [pick(s) as number]));
      means.set(team, values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    }
    return (r: SeriesRow) => {
      const v = pick(r);
      return v === null ? Number.NaN : v - (means.get(r.team) as number);
    };
  };
  const enps = centred((r) => r.enps);
  const out: LaggedLink[] = [];
  for (const outcome of ["nps", "tone"] as const) {
    const y = centred((r) => r[outcome]);
    const pairs: PanelPoint[] = series.map((r) => ({ key: r.team, period: r.month, x: enps(r), y: y(r) }));
    for (const lag of EX_LAGS) {
      // `value` repeats r so that every estimate in a report reads value, low, high, n.
      const withValue = (c: ReturnType<typeof laggedCorrelation>) => ({ ...c, value: c.r });
      out.push({
        lag,
        outcome,
        pearson: withValue(laggedCorrelation(pairs, lag, "pearson")),
        spearman: withValue(laggedCorrelation(pairs, lag, "spearman")),
      });
    }
  }
  return out;
}

/** The month where a team's score shifted most, if that shift is significant after Bonferroni over the candidates. */
export function changePoint(rows: { month: string; counts: number[] }[]): ChangePoint | null {
  const months = rows.filter((r) => r.counts.some((c) => c > 0));
  const candidates = months.length - 2 * MIN_SIDE_MONTHS + 1;
  if (candidates < 1) return null;
  let best: { k: number; test: Comparison; z: number } | null = null;
  for (let k = MIN_SIDE_MONTHS; k <= months.length - MIN_SIDE_MONTHS; k++) {
    const before = poolCounts(months.slice(0, k));
    const after = poolCounts(months.slice(k));
    const test = npsDifferenceTest(after, before);
    const z = Math.abs(test.difference) / Math.max(1e-9, (test.high - test.low) / 3.92);
    if (!best || z > best.z) best = { k, test, z };
  }
  if (!best) return null;
  const pValue = Math.min(1, best.test.pValue * candidates);
  if (pValue >= 0.05) return null;
  const before = npsEstimate(poolCounts(months.slice(0, best.k))).value;
  const after = npsEstimate(poolCounts(months.slice(best.k))).value;
  return {
    month: (months[best.k] as { month: string }).month,
    before,
    after,
    test: { ...best.test, pValue, significant: true, verdict: "significant" },
  };
}

function linkConclusion(links: LaggedLink[]): string {
  const npsLinks = links.filter((l) => l.outcome === "nps");
  const usable = npsLinks.filter((l) => l.pearson.n >= MIN_PAIRS);
  if (usable.length === 0) {
    return `The data cannot support a conclusion: fewer than ${MIN_PAIRS} team-months have both a pulse and survey answers.`;
  }
  const significant = usable.filter((l) => l.pearson.significant && l.pearson.r > 0);
  if (significant.length === 0) {
    return "The data cannot support a conclusion: no lag of 0–3 months shows a significant within-team correlation between eNPS and NPS.";
  }
  const best = significant.reduce((a, b) => (b.pearson.r > a.pearson.r ? b : a));
  // Fisher-z intervals of neighbouring lags overlap widely with a year of data: say so rather than pick one.
  const distinct = usable.every((l) => l === best || l.pearson.r < best.pearson.low);
  const where = distinct
    ? `the link is strongest with eNPS leading by ${best.lag} month(s)`
    : `the lags 0–3 cannot be told apart (the highest, ${best.lag} month(s), is within the others' noise)`;
  return `eNPS and NPS move together within teams; ${where}: r = ${best.pearson.r.toFixed(2)} [${best.pearson.low.toFixed(2)}, ${best.pearson.high.toFixed(2)}], ${best.pearson.n} team-months.`;
}

function teamConclusion(
  team: string,
  enps: ChangePoint | null,
  nps: ChangePoint | null,
  lead: number | null,
): string {
  if (!enps && !nps) return `${team}: no significant shift in eNPS or NPS.`;
  if (enps && nps && lead !== null) {
    const dir = enps.test.difference < 0 ? "fell" : "rose";
    return lead > 0
      ? `${team}: eNPS ${dir} from ${enps.month}, NPS followed from ${nps.month} — employee experience led by ${lead} month(s).`
      : lead === 0
        ? `${team}: eNPS and NPS ${dir} in the same month (${nps.month}).`
        : `${team}: NPS ${dir} from ${nps.month}, before eNPS did (${enps.month}).`;
  }
  const only = enps ? `eNPS shifted from ${enps.month}` : `NPS shifted from ${(nps as ChangePoint).month}`;
  return `${team}: ${only}; the other did not shift significantly, so no lead can be read.`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
