import { z } from "@hono/zod-openapi";
import { SCORE_GROUPINGS } from "../domain/index.ts";
import type { ListFilter, Store } from "../store/index.ts";
import { consistencyReport } from "./consistency-report.ts";
import { ConsistencyReportResult } from "./consistency-report-schema.ts";
import { DEFAULT_PERFORMANCE_TARGET, driversReport } from "./drivers-report.ts";
import { DriversReportResult } from "./drivers-report-schema.ts";
import { exLinkReport } from "./exlink-report.ts";
import { ExLinkReportResult } from "./exlink-report-schema.ts";
import { byParam, FILTER_PARAMS, FilterParams, reportFilter } from "./report-params.ts";
import {
  suppressConsistencyReport,
  suppressDriversReport,
  suppressExLinkReport,
  suppressResponseRateReport,
  suppressScoreReport,
  suppressThemesReport,
} from "./report-suppression.ts";
import { responseRateReport } from "./response-rate-report.ts";
import { RATE_GROUPINGS, ResponseRateReportResult } from "./response-rate-report-schema.ts";
import { type ScoreMetric, ScoreReportResult } from "./score-report-schema.ts";
import { ENPS_GROUPINGS, scoreReport } from "./score-reports.ts";
import { themesReport } from "./themes-report.ts";
import { ThemesReportResult } from "./themes-report-schema.ts";

/** What a report's build needs besides the store and its parameters. */
export interface ReportContext {
  /** Zone of naive dates in `from` and `to`. */
  timeZone: string;
  /** Narrows the filter to what the caller may see (a manager's teams); the CLI has none. */
  scope?: (filter: ListFilter) => ListFilter;
  /** Bootstrap intervals of the theme and driver reports: computed now (the CLI) or by the job (the routes). */
  intervals?: "inline" | "stored";
  /** Who brings the report cube up to date: the reader (default) or the reports.intervals job (report-cube.ts). */
  refresh?: "reader" | "job";
}

/** The report filter of the parameters, narrowed by the caller's scope. */
function filterOf(
  p: { from?: string; to?: string; team?: string; agent?: string; channel?: string },
  ctx: ReportContext,
): ListFilter {
  const filter = reportFilter(p, ctx.timeZone);
  return ctx.scope ? ctx.scope(filter) : filter;
}

/**
 * One report: its name (the CLI's `report <name>`, the route `GET /api/v1/reports/<name>`), its
 * parameters (the query schema and the CLI options), its result (the response schema in the
 * OpenAPI document; strict: every field, nothing else), how it is built, and how its groups are
 * suppressed below the privacy floor. CLI, HTTP, route rules and OpenAPI all come from this list.
 */
export interface ReportEntry<
  P extends z.ZodObject = z.ZodObject,
  R extends z.ZodType = z.ZodType,
  B = unknown,
> {
  name: string;
  summary: string;
  params: P;
  result: R;
  build(store: Store, params: z.infer<P>, context: ReportContext): Promise<B>;
  /** The report as viewers, managers and agents see it (docs/security.md, privacy floor). */
  suppress(report: B, minGroup: number): z.infer<R>;
}

function entry<P extends z.ZodObject, R extends z.ZodType, B extends z.infer<R>>(
  e: ReportEntry<P, R, B>,
): ReportEntry<P, R, B> {
  return e;
}

const SCORE_SUMMARIES: Record<ScoreMetric, string> = {
  nps: "NPS with its 95% interval, overall and per group (each group tested against the rest)",
  csat: "CSAT (% of 4–5 answers) with its 95% interval, overall and per group",
  ces: "Customer Effort Score (mean 1–7) with its 95% interval, overall and per group",
  enps: "Employee NPS from the monthly pulse, with its 95% interval, overall and per team or month",
};

function scoreEntry(metric: ScoreMetric) {
  const params = FilterParams.extend({
    by: metric === "enps" ? byParam(ENPS_GROUPINGS) : byParam(SCORE_GROUPINGS),
  });
  return entry({
    name: metric,
    summary: SCORE_SUMMARIES[metric],
    params,
    result: ScoreReportResult,
    build: (store, p, ctx) =>
      scoreReport(store, metric, filterOf(p, ctx), p.by, {
        timeZone: ctx.timeZone,
        refresh: ctx.refresh ?? "reader",
      }),
    suppress: suppressScoreReport,
  });
}

const ResponseRateParams = z.object({
  from: FILTER_PARAMS.from,
  to: FILTER_PARAMS.to,
  // An invitation's team is its encounter's (InvitationRepository.responseCounts).
  team: FILTER_PARAMS.team,
  channel: FILTER_PARAMS.channel,
  by: byParam(RATE_GROUPINGS),
});

/** Every report, in the order `kohtaamo report --help` lists them. */
export const REPORTS = [
  scoreEntry("nps"),
  scoreEntry("csat"),
  scoreEntry("ces"),
  scoreEntry("enps"),
  entry({
    name: "response-rate",
    summary:
      "Survey response rate with a 95% interval, overall and per channel, month or segment, and non-response bias",
    params: ResponseRateParams,
    result: ResponseRateReportResult,
    build: (store, p, ctx) => responseRateReport(store, filterOf(p, ctx), p.by),
    suppress: suppressResponseRateReport,
  }),
  entry({
    name: "themes",
    summary: "Themes: volume, share, tone, NPS impact with bootstrap interval, emerging themes",
    params: FilterParams,
    result: ThemesReportResult,
    build: (store, p, ctx) =>
      themesReport(store, filterOf(p, ctx), {
        timeZone: ctx.timeZone,
        intervals: ctx.intervals ?? "inline",
        refresh: ctx.refresh ?? "reader",
      }),
    suppress: suppressThemesReport,
  }),
  entry({
    name: "drivers",
    summary: "Key drivers of NPS: relative weights with bootstrap intervals, Shapley cross-check, quadrant",
    params: FilterParams.extend({
      target: z.coerce
        .number()
        .min(0)
        .max(100)
        .optional()
        .describe(
          `performance line of the quadrant, % of answers in a good state (default ${DEFAULT_PERFORMANCE_TARGET})`,
        ),
    }),
    result: DriversReportResult,
    build: (store, p, ctx) =>
      driversReport(store, filterOf(p, ctx), {
        timeZone: ctx.timeZone,
        intervals: ctx.intervals ?? "inline",
        refresh: ctx.refresh ?? "reader",
        ...(p.target === undefined ? {} : { performanceTarget: p.target }),
      }),
    suppress: suppressDriversReport,
  }),
  entry({
    name: "exlink",
    summary: "Employee ↔ customer experience per team and month, with lags and change points",
    params: FilterParams,
    result: ExLinkReportResult,
    build: (store, p, ctx) => exLinkReport(store, filterOf(p, ctx)),
    suppress: suppressExLinkReport,
  }),
  entry({
    name: "consistency",
    summary: "Consistency of NPS and tone across channels and over time",
    params: FilterParams,
    result: ConsistencyReportResult,
    build: (store, p, ctx) => consistencyReport(store, filterOf(p, ctx)),
    suppress: suppressConsistencyReport,
  }),
] as const;

/**
 * A report with its types widened, for the code that serves any report by name (CLI, routes): they
 * parse the parameters with `params` before calling `build`, and pass `build`'s result to `suppress`,
 * which is what the typed entries above guarantee.
 */
export interface RegisteredReport {
  name: string;
  summary: string;
  params: z.ZodObject;
  result: z.ZodType;
  build(store: Store, params: Record<string, unknown>, context: ReportContext): Promise<unknown>;
  suppress(report: unknown, minGroup: number): unknown;
}

export const REPORT_ENTRIES = REPORTS as readonly unknown[] as readonly RegisteredReport[];
export const REPORT_NAMES = REPORTS.map((r) => r.name);

/** The entry of a report by name, or undefined. */
export function reportEntry(name: string): RegisteredReport | undefined {
  return REPORT_ENTRIES.find((r) => r.name === name);
}
