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
    unread: z
      .object({
        sv: z.number(),
        other: z.number(),
        total: z.number(),
        responses: z.number(),
        encounters: z.number(),
      })
      .openapi({
        description:
          "stored comments and encounters the analysis left unread for their language (it reads Finnish and English): Swedish, and other (Estonian, non-Latin scripts), and how many of each kind; reports leave them out, lists and exports find them with ?unread=sv|other|any",
      }),
    outdated: z
      .object({
        encounter: z.number(),
        response: z.number(),
        pulse: z.number(),
        total: z.number(),
        capped: z.boolean().openapi({
          description: "a count reached 100,000 and stopped there: the figure means more than that",
        }),
      })
      .nullable()
      .openapi({
        description:
          "stored records with text whose analysis this server's analyzer did not write (older models, rules or taxonomy, or stored without analysis), not counting those awaiting a job; the reports read their older analysis until a reanalysis (POST /reanalysis, `kohtaamo reanalyze`); null when this server has no analyzer",
      }),
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
      summary:
        "How many stored records await analysis, where analysis runs, how many it left unread, and how many an older analyzer read",
      responses: {
        200: { content: { "application/json": { schema: AnalysisStatus } }, description: "the status" },
      },
    }),
    async (c) => {
      const { analyzer, deferral } = ctx.pipeline;
      const analyzerVersion = analyzer ? (await workspaceAnalyzer(ctx.store, analyzer)).version : null;
      const [pending, oldestPendingAt, workers, unread, outdated] = await Promise.all([
        ctx.store.analysisQueue.counts(),
        ctx.store.analysisQueue.oldest(),
        otherLiveWorkers(ctx.store),
        ctx.store.analysisQueue.unreadCounts(),
        analyzerVersion === null ? null : ctx.store.analysisQueue.outdatedCounts(analyzerVersion),
      ]);
      return c.json(
        {
          mode: analyzer ? (deferral?.mode ?? ("inline" as const)) : ("off" as const),
          analyzerVersion,
          pending,
          oldestPendingAt,
          workers,
          unread,
          outdated,
        },
        200,
      );
    },
  );
  return app;
}
