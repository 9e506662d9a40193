import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { scopeToPrincipal, seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { reportTable, TABLE_CONTENT_TYPES, tableDownload } from "../exports/report-table-export.ts";
import { REPORT_ENTRIES } from "../workflows/report-registry.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

const TableFormat = z
  .enum(["csv", "xlsx"])
  .openapi({ description: "csv or xlsx: the report's table, one row per group" });

/**
 * `GET /reports/<name>/export?format=csv|xlsx&…`: the table of a report (the same parameters, the
 * same route rule and the same privacy suppression as `GET /reports/<name>`), flattened to rows by
 * src/exports/report-table-export.ts. Audited, like the record exports.
 */
export function reportExportRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  for (const report of REPORT_ENTRIES) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/reports/${report.name}/export`,
        tags: ["reports"],
        summary: `Export the table of the ${report.name} report as CSV or XLSX`,
        request: { query: report.params.extend({ format: TableFormat }) },
        responses: {
          200: {
            description: "the table, as an attachment; spreadsheet formulas in text are neutralised",
            content: Object.fromEntries(
              Object.values(TABLE_CONTENT_TYPES).map((type) => [type, { schema: z.string() }]),
            ),
          },
          400: { content: { "application/json": { schema: ErrorBody } }, description: "bad parameter" },
        },
      }),
      async (c) => {
        const { format, ...params } = c.req.valid("query") as Record<string, unknown> & {
          format: "csv" | "xlsx";
        };
        const p = principal(c);
        const built = await report.build(ctx.store, params, {
          timeZone: ctx.timeZone,
          scope: (f) => scopeToPrincipal(principal(c), f),
        });
        // Through JSON, as the report route serves it: NaN becomes null, exactly the served figures.
        const served = JSON.parse(
          JSON.stringify(
            seesSmallGroups(p) ? built : report.suppress(built, ctx.minGroup ?? config().minGroup),
          ),
        );
        const table = reportTable(report.name, served);
        await ctx.store.access.audit({
          actor: p.email,
          action: "export",
          target: `report:${report.name}`,
          details: { format, via: "api", params, rows: table.rows.length },
        });
        return tableDownload(table, format, report.name);
      },
    );
  }
  return app;
}
