import { PassThrough, Readable } from "node:stream";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { scopeToPrincipal } from "../auth/access-rules.ts";
import { auditedFilter, exportRecords } from "../exports/record-exporter.ts";
import type { RecordFilter } from "../store/record-filter.ts";
import { EncounterExportQuery, ErrorBody, ResponseExportQuery } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { toRecordFilter } from "./list-filter.ts";
import type { ServerContext } from "./server-context.ts";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jsonl: "application/x-ndjson",
} as const;

/**
 * `GET /encounters/export` and `/responses/export`: the list's filters, every matching record the
 * caller may read (scoped like the list), streamed in the import format. Registered before the
 * `/{id}` routes, which would otherwise take "export" for an id.
 */
export function registerExportRoutes(app: OpenAPIHono, ctx: ServerContext): void {
  const kinds = [
    { what: "encounters", query: EncounterExportQuery },
    { what: "responses", query: ResponseExportQuery },
  ] as const;
  for (const kind of kinds) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/${kind.what}/export`,
        tags: [kind.what],
        summary: `Export the ${kind.what} a list with these filters shows, as CSV, XLSX or JSONL`,
        request: { query: kind.query },
        responses: {
          200: {
            description: "the export, as an attachment; spreadsheet formulas in text are neutralised",
            content: Object.fromEntries(
              Object.values(CONTENT_TYPES).map((type) => [type, { schema: z.string() }]),
            ),
          },
          400: { content: { "application/json": { schema: ErrorBody } }, description: "a bad filter" },
        },
      }),
      async (c) => {
        const { format, ...query } = c.req.valid("query");
        const p = principal(c);
        const filter = scopeToPrincipal(p, toRecordFilter(query, ctx.timeZone)) as RecordFilter;
        // Audited when it starts, like the CLI's: the data leaves as it streams.
        await ctx.store.access.audit({
          actor: p.email,
          action: "export",
          target: kind.what,
          details: { format, via: "api", filter: auditedFilter(filter) },
        });
        const body = new PassThrough();
        exportRecords(ctx.store, kind.what, format, { stream: body }, filter).then(
          () => {
            if (!body.writableEnded) body.end();
          },
          // Headers are gone: a failure can only cut the download short, which the client sees.
          (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
        );
        return new Response(Readable.toWeb(body) as ReadableStream, {
          status: 200,
          headers: {
            "content-type": CONTENT_TYPES[format],
            "content-disposition": `attachment; filename="${kind.what}.${format}"`,
          },
        });
      },
    );
  }
}
