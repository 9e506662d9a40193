import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { workspaceAnalyzer } from "../ingest/workspace-taxonomy.ts";
import { otherLiveWorkers } from "../jobs/analysis-job.ts";
import type { ServerContext } from "./server-context.ts";

const AnalysisStatus = z
  .object({
    mode: z.enum(["inline", "queue", "auto", "off"]).openapi({
      description:
        "KOHTAAMO_ANALYSIS: inline (in the write), queue (by `kohtaamo worker` jobs), auto (queue while a worker runs), off (this server stores no analysis)",
    }),
    analyzerVersion: z.string().nullable(),
    pending: z
      .object({ encounter: z.number(), response: z.number(), pulse: z.number(), total: z.number() })
      .openapi({ description: "records stored that await their analysis, by kind" }),
    oldestPendingAt: z
      .string()
      .nullable()
      .openapi({ description: "when the longest-waiting one was stored" }),
    workers: z.number().openapi({ description: "live `kohtaamo worker` processes (their heartbeat)" }),
  })
  .openapi("AnalysisStatus");

/**
 * GET /analysis/status: how many stored records await analysis (KOHTAAMO_ANALYSIS=queue, issue 14),
 * for the dashboard's notice and for monitoring. Who may read it: route-rules.ts.
 */
export function analysisStatusRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/analysis/status",
      tags: ["analysis"],
      summary: "How many stored records await analysis, and where analysis runs",
      responses: {
        200: { content: { "application/json": { schema: AnalysisStatus } }, description: "the status" },
      },
    }),
    async (c) => {
      const { analyzer, deferral } = ctx.pipeline;
      const [pending, oldestPendingAt, workers] = await Promise.all([
        ctx.store.analysisQueue.counts(),
        ctx.store.analysisQueue.oldest(),
        otherLiveWorkers(ctx.store),
      ]);
      return c.json(
        {
          mode: analyzer ? (deferral?.mode ?? ("inline" as const)) : ("off" as const),
          analyzerVersion: analyzer ? (await workspaceAnalyzer(ctx.store, analyzer)).version : null,
          pending,
          oldestPendingAt,
          workers,
        },
        200,
      );
    },
  );
  return app;
}
