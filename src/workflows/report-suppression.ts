import { heterogeneity } from "../stats/heterogeneity.ts";
import { conclusionOf } from "./consistency-report.ts";
import type { ConsistencyReport, ConsistencyReportResult } from "./consistency-report-schema.ts";
import type { DriversReport, DriversReportResult } from "./drivers-report-schema.ts";
import type { ExLinkReport, ExLinkReportResult } from "./exlink-report-schema.ts";
import { belowFloor, hideSmallGroups, isSuppressed } from "./report-privacy.ts";
import type { ResponseRateReport, ResponseRateReportResult } from "./response-rate-report-schema.ts";
import type { ScoreReport, ScoreReportResult } from "./score-report-schema.ts";
import type { ThemesReport, ThemesReportResult } from "./themes-report-schema.ts";

/** How each report's groups are suppressed below the privacy floor (rules: report-privacy.ts, docs/security.md). */

const hiddenGroup = (g: { group: string | null }) => ({ group: g.group, suppressed: true as const });

/** Score reports: the groups (with complementary suppression against the overall), months on the chart, the previous period. */
export function suppressScoreReport(report: ScoreReport, minGroup: number): ScoreReportResult {
  const previous = report.previous
    ? belowFloor(report.previous.estimate.n, minGroup)
      ? { from: report.previous.from, to: report.previous.to, suppressed: true as const }
      : report.previous
    : undefined;
  if (belowFloor(report.n, minGroup)) {
    return {
      metric: report.metric,
      definition: report.definition,
      by: report.by,
      suppressed: true,
      groups: report.groups.map(hiddenGroup),
      ...(previous ? { previous } : {}),
    };
  }
  const groups = hideSmallGroups(report.groups, (g) => g.n, minGroup, hiddenGroup, { complement: true });
  // A month's change against a hidden previous month would give the hidden month's value back.
  const shown = groups.map((g, i) => {
    const before = groups[i - 1];
    if (isSuppressed(g) || !before || !isSuppressed(before) || !g.change) return g;
    const { change: _change, ...rest } = g;
    return rest;
  });
  const hiddenPeriods = new Set(groups.filter(isSuppressed).map((g) => String(g.group)));
  const chart = report.controlChart;
  const { controlChart: _chart, previous: _previous, ...rest } = report;
  return {
    ...rest,
    groups: shown,
    ...(chart
      ? {
          controlChart: {
            ...chart,
            points: chart.points.map((p) =>
              hiddenPeriods.has(p.period) ? { period: p.period, suppressed: true as const } : p,
            ),
            // A run of points on one side tells on which side a hidden month lies.
            shifts: chart.shifts.filter(
              (s) => ![...hiddenPeriods].some((m) => m >= s.firstPeriod && m <= s.lastPeriod),
            ),
          },
        }
      : {}),
    ...(previous ? { previous } : {}),
  };
}

/** Response rates: groups of invitations like the score groups; tone of answered vs unanswered per channel. */
export function suppressResponseRateReport(
  report: ResponseRateReport,
  minGroup: number,
): ResponseRateReportResult {
  const bias = report.nonResponseBias;
  // A tone comparison is as small as its smaller side (answered or not answered).
  const sidesOf = (t: { answered: { n: number }; unanswered: { n: number } }) => {
    const sides = [t.answered.n, t.unanswered.n].filter((n) => n > 0);
    return sides.length > 0 ? Math.min(...sides) : 0;
  };
  const overallHidden = belowFloor(sidesOf(bias.overall), minGroup);
  const nonResponseBias = {
    ...bias,
    overall: overallHidden ? { suppressed: true as const } : bias.overall,
    byChannel: hideSmallGroups(
      bias.byChannel,
      sidesOf,
      minGroup,
      (c) => ({
        channel: c.channel,
        suppressed: true as const,
      }),
      { complement: true },
    ),
    conclusion: overallHidden
      ? `Not shown: fewer than ${minGroup} invited encounters on one side (answered or not).`
      : bias.conclusion,
  };
  const groups = hideSmallGroups(report.groups, (g) => g.n, minGroup, hiddenGroup, { complement: true });
  if (belowFloor(report.n, minGroup)) {
    const { metric, definition, by } = report;
    return {
      metric,
      definition,
      by,
      suppressed: true,
      groups: report.groups.map(hiddenGroup),
      nonResponseBias,
    };
  }
  return { ...report, groups, nonResponseBias };
}

/** Themes: a theme mentioned in too few encounters, or by too few answers, is hidden (themes overlap: no complement). */
export function suppressThemesReport(report: ThemesReport, minGroup: number): ThemesReportResult {
  return {
    ...report,
    themes: report.themes.map((t) =>
      belowFloor(t.volume, minGroup) || belowFloor(t.answers, minGroup)
        ? { theme: t.theme, name: t.name, suppressed: true as const }
        : t,
    ),
  };
}

/**
 * Drivers are a model over all answers; a driver that applies to too few answers is hidden, and
 * with too few answers altogether nothing of the model is shown.
 */
export function suppressDriversReport(report: DriversReport, minGroup: number): DriversReportResult {
  const hide = (d: { driver: string; name: { fi: string; en: string } }) => ({
    driver: d.driver,
    name: d.name,
    suppressed: true as const,
  });
  if (belowFloor(report.n, minGroup)) {
    return {
      ...report,
      drivers: report.drivers.map(hide),
      areas: [],
      groups: [],
      crossCheck: null,
      warning: `not shown: only ${report.n} answers, fewer than the privacy floor of ${minGroup}`,
    };
  }
  return { ...report, drivers: report.drivers.map((d) => (belowFloor(d.n, minGroup) ? hide(d) : d)) };
}

/** EX–CX link: team-months with few pulse answers, survey answers or encounters; teams whose change points rest on few. */
export function suppressExLinkReport(report: ExLinkReport, minGroup: number): ExLinkReportResult {
  const small = (n: number) => belowFloor(n, minGroup);
  const changeIsSmall = (c: { test: { nA: number; nB: number } } | null) =>
    c !== null && (small(c.test.nA) || small(c.test.nB));
  return {
    ...report,
    teams: report.teams.map((t) =>
      changeIsSmall(t.enpsChange) || changeIsSmall(t.npsChange)
        ? { team: t.team, suppressed: true as const }
        : t,
    ),
    series: report.series.map((s) =>
      small(s.enpsN) || small(s.npsN) || small(s.encounters)
        ? { team: s.team, month: s.month, suppressed: true as const }
        : s,
    ),
  };
}

/**
 * Consistency: channels and months built on few answers or encounters are hidden; the tests across
 * channels and the conclusion are then re-computed from the channels shown, since the pooled mean,
 * spread and range of all channels would give a hidden channel's figure back.
 */
export function suppressConsistencyReport(
  report: ConsistencyReport,
  minGroup: number,
): ConsistencyReportResult {
  const small = (n: number) => belowFloor(n, minGroup);
  const visible = report.channels.filter((c) => !small(c.nps.n) && !small(c.tone.n));
  const months = report.months.map((m) =>
    small(m.smallestGroup) ? { month: m.month, suppressed: true as const } : m,
  );
  if (visible.length === report.channels.length) return { ...report, months };
  const nps = heterogeneity(
    visible.filter((f) => f.nps.n > 0).map((f) => ({ value: f.nps.value, se: f.nps.se })),
  );
  const tone = heterogeneity(
    visible.filter((f) => f.tone.n > 1).map((f) => ({ value: f.tone.value, se: f.tone.se })),
  );
  return {
    ...report,
    channels: report.channels.map((c) =>
      visible.includes(c) ? c : { channel: c.channel, suppressed: true as const },
    ),
    nps,
    tone,
    months,
    conclusion: conclusionOf(visible, nps, report.trend),
  };
}
