import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { KohtaamoError, SCORE_GROUPINGS, type ScoreGrouping } from "../domain/index.ts";
import { consistencyReport } from "../workflows/consistency-report.ts";
import { driversReport } from "../workflows/drivers-report.ts";
import { exLinkReport } from "../workflows/exlink-report.ts";
import { responseRateReport } from "../workflows/response-rate-report.ts";
import { SCORE_METRICS, scoreReport } from "../workflows/score-reports.ts";
import { themesReport } from "../workflows/themes-report.ts";
import {
  DriversReport,
  ErrorBody,
  InsightReport,
  ListQuery,
  RateReport,
  ScoreReport,
  ThemesReport,
} from "./api-schemas.ts";
import { toListFilter } from "./list-filter.ts";
import type { ServerContext } from "./server-context.ts";

const ReportQuery = ListQuery.pick({ from: true, to: true, team: true, agent: true, channel: true }).extend({
  by: z.enum(SCORE_GROUPINGS).optional(),
});

/** Metric reports (NPS, CSAT, CES, eNPS); every figure carries value, low, high and n. */
export function reportRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const insightQuery = ListQuery.pick({ from: true, to: true, team: true, agent: true, channel: true });
  const insights = [
    [
      "themes",
      "Themes: volume, share, tone, NPS impact with bootstrap interval, emerging themes",
      ThemesReport,
      themesReport,
    ],
    [
      "drivers",
      "Key drivers of NPS: relative weights with bootstrap intervals, Shapley cross-check, quadrant",
      DriversReport,
      driversReport,
    ],
    [
      "exlink",
      "Employee ↔ customer experience per team and month, with lags and change points",
      InsightReport,
      exLinkReport,
    ],
    [
      "consistency",
      "Consistency of NPS and tone across channels and over time",
      InsightReport,
      consistencyReport,
    ],
  ] as const;
  // Registered before /reports/{metric}, which would otherwise claim these paths.
  for (const [name, summary, schema, build] of insights) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/reports/${name}`,
        tags: ["reports"],
        summary,
        request: { query: insightQuery },
        responses: {
          200: { content: { "application/json": { schema } }, description: "the report" },
          400: { content: { "application/json": { schema: ErrorBody } }, description: "bad filter" },
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        return c.json(await build(ctx.store, toListFilter(q, ctx.timeZone)), 200);
      },
    );
  }
  app.openapi(
    createRoute({
      method: "get",
      path: "/reports/response-rate",
      tags: ["reports"],
      summary:
        "Survey response rate with a 95% interval, overall and per channel, month or segment, and non-response bias",
      request: {
        query: ListQuery.pick({ from: true, to: true, channel: true }).extend({
          by: z.enum(["channel", "month", "segment"]).optional(),
        }),
      },
      responses: {
        200: { content: { "application/json": { schema: RateReport } }, description: "the report" },
        400: { content: { "application/json": { schema: ErrorBody } }, description: "bad filter" },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await responseRateReport(ctx.store, toListFilter(q, ctx.timeZone), q.by), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/reports/{metric}",
      tags: ["reports"],
      summary: "NPS, CSAT, CES or eNPS with a 95% interval, overall and optionally per group",
      request: {
        params: z.object({
          metric: z.enum(SCORE_METRICS).openapi({ param: { name: "metric", in: "path" } }),
        }),
        query: ReportQuery,
      },
      responses: {
        200: { content: { "application/json": { schema: ScoreReport } }, description: "the report" },
        400: {
          content: { "application/json": { schema: ErrorBody } },
          description: "bad filter or grouping",
        },
      },
    }),
    async (c) => {
      const { metric } = c.req.valid("param");
      const q = c.req.valid("query");
      try {
        const report = await scoreReport(
          ctx.store,
          metric,
          toListFilter(q, ctx.timeZone),
          q.by as ScoreGrouping,
        );
        return c.json(report, 200);
      } catch (e) {
        if (e instanceof KohtaamoError) throw e;
        throw new KohtaamoError("bad_request", (e as Error).message);
      }
    },
  );
  return app;
}
