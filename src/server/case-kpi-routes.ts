import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { scopeToPrincipal, seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { caseKpis, suppressCaseKpis } from "../workflows/case-kpis.ts";
import { CaseKpis } from "../workflows/case-kpis-schema.ts";
import { FILTER_PARAMS, reportFilter } from "../workflows/report-params.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

const CaseKpiQuery = z.object({
  from: FILTER_PARAMS.from,
  to: FILTER_PARAMS.to,
  team: FILTER_PARAMS.team.openapi({ example: "Asiakaspalvelu Tampere" }),
});

/**
 * `GET /cases/kpis`: the closed loop's KPIs (workflows/case-kpis.ts). Registered before the case
 * routes, so that "kpis" is not taken for a case id. A manager gets their teams only, and the
 * follow-up NPS groups below the privacy floor hidden.
 */
export function caseKpiRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/cases/kpis",
      tags: ["cases"],
      summary:
        "Closed-loop KPIs per team and month: action rate, time to first contact and to close, measurement without action, follow-up NPS",
      request: { query: CaseKpiQuery },
      responses: {
        200: { content: { "application/json": { schema: CaseKpis } }, description: "the KPIs" },
        400: { content: { "application/json": { schema: ErrorBody } }, description: "bad parameter" },
      },
    }),
    async (c) => {
      const p = principal(c);
      const filter = scopeToPrincipal(p, reportFilter(c.req.valid("query"), ctx.timeZone));
      const built = await caseKpis(ctx.store, filter, {
        timeZone: ctx.timeZone,
        now: new Date().toISOString(),
      });
      const body = seesSmallGroups(p) ? built : suppressCaseKpis(built, ctx.minGroup ?? config().minGroup);
      return c.json(body as never, 200);
    },
  );
  return app;
}
