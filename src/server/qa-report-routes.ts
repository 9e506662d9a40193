import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { KohtaamoError, sameName } from "../domain/index.ts";
import { agentTrend, overrideReport } from "../workflows/qa-reports.ts";
import { reportFilter } from "../workflows/report-params.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { qaStores } from "./qa-encounter.ts";
import { Overrides, OverridesQuery, Trend, TrendParam, TrendQuery } from "./qa-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** `/qa/overrides` and `/qa/agents/{agent}/trend`: what AutoQA got changed, and an agent's scores over time. */
export function qaReportRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const { qa } = qaStores(ctx);

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/overrides",
      tags: ["qa"],
      summary:
        "Per criterion, how often reviewers changed AutoQA's score (n, share with a Wilson 95% interval); calibration rounds left out",
      request: { query: OverridesQuery },
      responses: {
        200: json(Overrides, "per scorecard and criterion"),
        400: json(ErrorBody, "bad parameter"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const p = principal(c);
      const dates = reportFilter(
        { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
        ctx.timeZone,
      );
      const rows = await qa.overrideCounts({
        ...dates,
        ...(q.scorecard ? { scorecardId: q.scorecard } : {}),
        ...(q.team ? { team: q.team } : {}),
        ...(p.role === "manager" ? { teamIn: p.teams } : {}),
      });
      const cards = new Map(
        (await qa.listScorecards({ includeDeleted: true })).map((s) => [
          s.id,
          { name: s.name, criteria: s.criteria },
        ]),
      );
      return c.json({ items: overrideReport(rows, cards) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/agents/{agent}/trend",
      tags: ["qa"],
      summary:
        "An agent's QA totals per month (workspace time zone) with a 95% interval; an agent sees only their own, a manager their teams' reviews",
      request: { params: TrendParam, query: TrendQuery },
      responses: {
        200: json(Trend, "per month"),
        400: json(ErrorBody, "bad parameter"),
        404: json(ErrorBody, "another agent's trend (for an agent)"),
      },
    }),
    async (c) => {
      const { agent } = c.req.valid("param");
      const q = c.req.valid("query");
      const p = principal(c);
      if (p.role === "agent" && !sameName(agent, p.agentId)) {
        // Another agent's scores look the same as an unknown agent's.
        throw new KohtaamoError("not_found", `agent ${agent} not found`);
      }
      const dates = reportFilter(
        { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
        ctx.timeZone,
      );
      const totals = await qa.agentTotals(agent, {
        ...dates,
        ...(q.scorecard ? { scorecardId: q.scorecard } : {}),
        ...(p.role === "manager" ? { teamIn: p.teams } : {}),
      });
      return c.json(
        { agent, months: agentTrend(totals, ctx.timeZone), reviews: totals.length } as never,
        200,
      );
    },
  );
  return app;
}
