import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { npsEstimate } from "../stats/nps-estimate.ts";
import type { ScoreGrouping } from "../store/index.ts";
import { ErrorBody, ListQuery, NpsReport } from "./api-schemas.ts";
import { toListFilter } from "./list-filter.ts";
import type { ServerContext } from "./server-context.ts";

const NpsQuery = ListQuery.pick({ from: true, to: true, team: true, agent: true, channel: true }).extend({
  by: z.enum(["team", "channel", "month", "agent", "touchpoint"]).optional(),
});

/** Metric reports; every figure carries value, low, high and n. */
export function reportRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/reports/nps",
      tags: ["reports"],
      summary: "NPS with a 95% interval, overall and optionally per group",
      request: { query: NpsQuery },
      responses: {
        200: { content: { "application/json": { schema: NpsReport } }, description: "the NPS report" },
        400: { content: { "application/json": { schema: ErrorBody } }, description: "bad filter" },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const filter = toListFilter(q, ctx.timeZone);
      const [overall] = await ctx.store.responses.scoreCounts("nps", filter);
      const groups = q.by ? await ctx.store.responses.scoreCounts("nps", filter, q.by as ScoreGrouping) : [];
      return c.json(
        {
          metric: "nps" as const,
          overall: npsEstimate(overall?.counts ?? []),
          by: q.by ?? null,
          groups: groups.map((g) => ({ group: g.group, ...npsEstimate(g.counts) })),
        },
        200,
      );
    },
  );
  return app;
}
