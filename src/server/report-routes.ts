import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { scopeToPrincipal, seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { otherLiveWorkers } from "../jobs/analysis-job.ts";
import { reportIntervalsKind } from "../jobs/report-intervals-job.ts";
import type { Store } from "../store/index.ts";
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
          // So is the cube's refresh while a worker process runs that job (every 5 s).
          refresh: ctx.jobs && (await workersRunJobs(ctx.store)) ? "job" : "reader",
        });
        // Nudges the job rather than leaving it to its next periodic run (one waits at a time), at
        // most once a second: 20 readers of pending reports each adding it again were 20 writes a round.
        if (ctx.jobs && (built as { intervals?: string }).intervals === "pending" && nudgeDue(ctx.store))
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

const WORKER_CHECK_MS = 5_000;
const NUDGE_MS = 1_000;
const workerChecks = new WeakMap<Store, { at: number; live: Promise<boolean> }>();
const nudges = new WeakMap<Store, number>();

/** Whether a live `kohtaamo worker` process (not this one) runs the database's jobs; checked every 5 s. */
function workersRunJobs(store: Store): Promise<boolean> {
  const last = workerChecks.get(store);
  if (last && Date.now() - last.at < WORKER_CHECK_MS) return last.live;
  const live = otherLiveWorkers(store).then(
    (n) => n > 0,
    () => false,
  );
  workerChecks.set(store, { at: Date.now(), live });
  return live;
}

function nudgeDue(store: Store): boolean {
  const now = Date.now();
  if (now - (nudges.get(store) ?? 0) < NUDGE_MS) return false;
  nudges.set(store, now);
  return true;
}
