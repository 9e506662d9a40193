import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { canHandleCase } from "../auth/access-rules.ts";
import { KohtaamoError } from "../domain/index.ts";
import { TABLE_CONTENT_TYPES, type TableRow, tableDownload } from "../exports/report-table-export.ts";
import type { CaseFilter, CaseView } from "../store/case-repository.ts";
import { isThemeId } from "../workflows/theme-names.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { CaseDetail, CaseExportQuery, CaseListQuery, CasePage, CasePatchBody } from "./case-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such case, or not one of the caller's teams"),
};

/** Most cases an export holds: a queue, not a data dump. */
const MAX_EXPORT = 50_000;

type ListQuery = z.infer<typeof CaseExportQuery>;

/** The query as a store filter, narrowed to a manager's teams (what they asked for is kept, never widened). */
function caseFilter(c: Context, q: ListQuery): CaseFilter {
  const p = principal(c);
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.team ? { team: q.team } : {}),
    ...(q.owner ? { owner: q.owner } : {}),
    ...(q.overdue ? { overdue: q.overdue === "true" } : {}),
    ...(p.role === "manager" ? { teamIn: p.teams } : {}),
  };
}

const CSV_COLUMNS = [
  "id",
  "rule",
  "status",
  "source_kind",
  "source_id",
  "encounter_id",
  "customer_id",
  "team",
  "owner",
  "due_at",
  "overdue",
  "outcome",
  "root_cause_theme",
  "contacted_at",
  "closed_at",
  "created_at",
  "updated_at",
] as const;

/** A case as an export row: one cell per CSV_COLUMNS entry, null where the case has nothing. */
function exportRow(v: CaseView): TableRow {
  const flat: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    ...v,
    source_kind: v.source.kind,
    source_id: v.source.id,
  };
  return Object.fromEntries(
    CSV_COLUMNS.map((k) => {
      const value = flat[k];
      return [
        k,
        value === null || value === undefined ? null : typeof value === "boolean" ? value : String(value),
      ];
    }),
  );
}

/** `/cases`: the follow-up queue that the case rules fill (store/case-opener.ts), and its changes. */
export function caseRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const now = () => new Date().toISOString();

  app.openapi(
    createRoute({
      method: "get",
      path: "/cases",
      tags: ["cases"],
      summary: "List follow-up cases, the earliest due first; a manager sees their teams' cases",
      request: { query: CaseListQuery },
      responses: { 200: json(CasePage, "a page of cases"), 400: errors[400] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const filter: CaseFilter = {
        ...caseFilter(c, q),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      };
      const page = await ctx.store.cases.list(filter, now());
      return c.json({ items: page.items, next_cursor: page.nextCursor } as never, 200);
    },
  );

  // Before /cases/{id}: "export" is not an id.
  app.openapi(
    createRoute({
      method: "get",
      path: "/cases/export",
      tags: ["cases"],
      summary: "The cases the list with these filters shows, as CSV or XLSX (at most 50,000)",
      request: { query: CaseExportQuery },
      responses: {
        200: {
          description: "CSV or an XLSX workbook; spreadsheet formulas in text are neutralised",
          content: {
            "text/csv": { schema: z.string() },
            [TABLE_CONTENT_TYPES.xlsx]: { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        400: errors[400],
      },
    }),
    async (c) => {
      const p = principal(c);
      const query = c.req.valid("query");
      const format = query.format ?? "csv";
      const filter = caseFilter(c, query);
      const rows: TableRow[] = [];
      let cursor: string | null = null;
      do {
        const page = await ctx.store.cases.list(
          { ...filter, limit: 500, ...(cursor ? { cursor } : {}) },
          now(),
        );
        rows.push(...page.items.map(exportRow));
        cursor = page.nextCursor;
      } while (cursor && rows.length < MAX_EXPORT);
      await ctx.store.access.audit({
        actor: p.email,
        action: "export",
        target: "cases",
        details: { format, via: "api", rows: Math.min(rows.length, MAX_EXPORT), filter: { ...filter } },
      });
      const table = { columns: CSV_COLUMNS, rows: rows.slice(0, MAX_EXPORT) };
      return tableDownload(table, format, "cases", { bom: true });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/cases/{id}",
      tags: ["cases"],
      summary: "One case with its history of changes",
      request: { params: IdParam },
      responses: { 200: json(CaseDetail, "the case"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await ctx.store.cases.get(id, now());
      // Another team's case looks the same as a missing one.
      if (!found || !canHandleCase(principal(c), found))
        throw new KohtaamoError("not_found", `case ${id} not found`);
      return c.json({ ...found, history: await ctx.store.cases.history(id) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/cases/{id}",
      tags: ["cases"],
      summary:
        "Change a case's status, owner, outcome or root-cause theme; every change is kept in its history and audited",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: CasePatchBody } }, required: true },
      },
      responses: {
        200: json(CaseDetail, "the case after the change"),
        ...errors,
        409: json(ErrorBody, "the case changed meanwhile"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const p = principal(c);
      const found = await ctx.store.cases.get(id, now());
      if (!found || !canHandleCase(p, found)) throw new KohtaamoError("not_found", `case ${id} not found`);
      if (body.root_cause_theme && !isThemeId(body.root_cause_theme)) {
        throw new KohtaamoError(
          "bad_request",
          `invalid request: root_cause_theme: no theme has the id ${body.root_cause_theme}`,
          {
            problems: [{ field: "root_cause_theme", reason: `no theme has the id ${body.root_cause_theme}` }],
          },
        );
      }
      await ctx.store.cases.update(
        id,
        {
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.owner !== undefined ? { owner: body.owner } : {}),
          ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
          ...(body.root_cause_theme !== undefined ? { rootCauseTheme: body.root_cause_theme } : {}),
        },
        p.email,
        now(),
      );
      const after = await ctx.store.cases.get(id, now());
      return c.json({ ...after, history: await ctx.store.cases.history(id) } as never, 200);
    },
  );
  return app;
}
