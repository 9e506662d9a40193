import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { scopeToPrincipal, seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { reportIntervalsKind } from "../jobs/report-intervals-job.ts";
import { REPORT_ENTRIES } from "../workflows/report-registry.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

/**
 * One route per report of the registry (src/workflows/report-registry.ts): the query schema is the
 * report's params, the response schema its result. The JSON is exactly what `kohtaamo report <name>
 * --json` prints, except that viewers, managers and agents get groups below the privacy floor
 * suppressed. Errors are not caught here: user mistakes are typed (400/422), anything else reaches
 * the one error handler as a 500.
 */
export function reportRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  for (const report of REPORT_ENTRIES) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/reports/${report.name}`,
        tags: ["reports"],
        summary: report.summary,
        request: { query: report.params },
        responses: {
          200: { content: { "application/json": { schema: report.result } }, description: "the report" },
          400: { content: { "application/json": { schema: ErrorBody } }, description: "bad parameter" },
        },
      }),
      async (c) => {
        const params = c.req.valid("query") as Record<string, unknown>;
        const built = await report.build(ctx.store, params, {
          timeZone: ctx.timeZone,
          scope: (f) => scopeToPrincipal(principal(c), f),
          // With a job queue the bootstrap is the reports.intervals job's: a reader never waits for it.
          intervals: ctx.jobs ? "stored" : "inline",
        });
        // Nudges the job rather than leaving it to its next periodic run (one waits at a time).
        if (ctx.jobs && (built as { intervals?: string }).intervals === "pending")
          await ctx.jobs.add(reportIntervalsKind, {}, { jobKey: reportIntervalsKind.name });
        const body = seesSmallGroups(principal(c))
          ? built
          : report.suppress(built, ctx.minGroup ?? config().minGroup);
        return c.json(body as never, 200);
      },
    );
  }
  return app;
}
