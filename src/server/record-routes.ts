import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import { type TextSpan, themeEvidence } from "../analysis/theme-evidence.ts";
import { canViewEncounterText, isOtherTeamRead, type Owned, scopeToPrincipal } from "../auth/access-rules.ts";
import { KohtaamoError, type RecordKind } from "../domain/index.ts";
import { acceptBatch } from "../ingest/batch-intake.ts";
import { workspaceAnalyzer } from "../ingest/workspace-taxonomy.ts";
import type { RecordFilter } from "../store/record-filter.ts";
import { answerAnalysis, encounterAnalysis, listFactsView } from "./analysis-view.ts";
import {
  BatchBody,
  BatchResult,
  EncounterDetail,
  EncounterListItem,
  EncounterListQuery,
  ErrorBody,
  IdParam,
  InvitationRecord,
  ListQuery,
  MAX_BATCH,
  PulseRecord,
  pageOf,
  ResponseDetail,
  ResponseListItem,
  ResponseListQuery,
  SurveyListQuery,
} from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { toListFilter, toRecordFilter } from "./list-filter.ts";
import { registerExportRoutes } from "./record-export-routes.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such record"),
};

/**
 * For a list filtered by a theme: the sentences of each comment that carry it (analysis/theme-evidence.ts),
 * found by the workspace's analyzer as it stands, so the dashboard can mark them.
 */
async function themeHighlighter(ctx: ServerContext, theme: string): Promise<(text: string) => TextSpan[]> {
  const analyzer = await workspaceAnalyzer(ctx.store, ctx.pipeline.analyzer as TextAnalyzer);
  return (text) => themeEvidence(analyzer, text, theme);
}

/** Read routes (list and get) and batch write routes for every imported record kind. */
export function recordRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();

  // Before the /{id} routes: "export" is not an id.
  registerExportRoutes(app, ctx);

  // Encounters and answers carry customers' text: their lists are scoped to the caller and audited.
  const textLists = [
    {
      path: "encounters",
      query: EncounterListQuery,
      page: pageOf(EncounterListItem, "EncounterPage"),
      list: (f: RecordFilter) => ctx.store.encounters.list(f),
      what: "encounters",
    },
    {
      path: "responses",
      query: ResponseListQuery,
      page: pageOf(ResponseListItem, "SurveyResponsePage"),
      list: (f: RecordFilter) => ctx.store.responses.list(f),
      what: "survey answers",
    },
  ] as const;
  for (const kind of textLists) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/${kind.path}`,
        tags: [kind.path],
        summary: `List ${kind.what}, newest first, filtered by their facts and analysis`,
        request: { query: kind.query },
        responses: { 200: json(kind.page, `a page of ${kind.what}`), 400: errors[400] },
      }),
      async (c) => {
        const filter = scoped(c, toRecordFilter(c.req.valid("query"), ctx.timeZone));
        const page = await kind.list(filter);
        await auditTextRead(ctx, c, kind.path, page.items);
        const query = c.req.valid("query") as { theme?: string };
        const highlight =
          kind.path === "responses" && query.theme && ctx.pipeline.analyzer
            ? await themeHighlighter(ctx, query.theme)
            : null;
        const items = page.items.map((item) => ({
          ...item,
          facts: listFactsView(item.facts ?? NO_FACTS),
          ...(highlight && "comment" in item && item.comment ? { highlights: highlight(item.comment) } : {}),
        }));
        // The two kinds' page types differ; the route's own schema describes each (checked in tests).
        return c.json({ items, next_cursor: page.nextCursor } as never, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}",
      tags: ["encounters"],
      summary: "One encounter with its turns, their analysis, the arc and moments, by its source id",
      request: { params: IdParam },
      responses: { 200: json(EncounterDetail, "the encounter"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const encounter = await ctx.store.encounters.get(id);
      // Someone else's encounter looks the same as a missing one: its existence is not disclosed.
      if (!encounter || !canViewEncounterText(principal(c), encounter)) {
        throw new KohtaamoError("not_found", `encounter ${id} not found`);
      }
      await auditTextRead(ctx, c, "encounter", [encounter]);
      const [stored, answers] = await Promise.all([
        ctx.store.analysis.latest("encounter", id),
        ctx.store.encounters.linkedAnswers(id),
      ]);
      const analysed = encounterAnalysis(stored, encounter.turns);
      return c.json(
        {
          ...encounter,
          turns: encounter.turns.map((t, i) => ({ ...t, analysis: analysed?.turns[i] ?? null })),
          analysis: analysed?.analysis ?? null,
          survey_responses: answers,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/responses/{id}",
      tags: ["responses"],
      summary: "One survey answer with the analysis of its comment, by its source id",
      request: { params: IdParam },
      responses: { 200: json(ResponseDetail, "the survey answer"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const record = await ctx.store.responses.get(id);
      if (!record || !canViewEncounterText(principal(c), record)) {
        throw new KohtaamoError("not_found", `survey answer ${id} not found`);
      }
      await auditTextRead(ctx, c, "response", [record]);
      const analysis = answerAnalysis(await ctx.store.analysis.latest("response", id), record.comment);
      return c.json({ ...record, analysis }, 200);
    },
  );

  // Invitations and pulse are organisation-wide: their route rule admits only roles that see everything.
  const flat = [
    {
      path: "invitations",
      repo: ctx.store.invitations,
      schema: InvitationRecord,
      query: SurveyListQuery,
      what: "survey invitation",
    },
    {
      path: "pulse",
      repo: ctx.store.pulse,
      schema: PulseRecord,
      query: ListQuery,
      what: "employee pulse answer",
    },
  ] as const;
  for (const kind of flat) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/${kind.path}`,
        tags: [kind.path],
        summary: `List ${kind.what}s, newest first`,
        request: { query: kind.query },
        responses: {
          200: json(
            pageOf(kind.schema, `${kind.schema.description ?? kind.path}Page`),
            `a page of ${kind.what}s`,
          ),
          400: errors[400],
        },
      }),
      async (c) => {
        const q = c.req.valid("query") as z.infer<typeof SurveyListQuery>;
        const page = await kind.repo.list({
          ...toListFilter(q, ctx.timeZone),
          ...(q.kind ? { kind: q.kind } : {}),
        });
        return c.json({ items: page.items, next_cursor: page.nextCursor }, 200);
      },
    );
    app.openapi(
      createRoute({
        method: "get",
        path: `/${kind.path}/{id}`,
        tags: [kind.path],
        summary: `One ${kind.what}, by its source id`,
        request: { params: IdParam },
        responses: { 200: json(kind.schema, `the ${kind.what}`), ...errors },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const record = await kind.repo.get(id);
        if (!record) throw new KohtaamoError("not_found", `${kind.what} ${id} not found`);
        return c.json(record, 200);
      },
    );
  }

  const writable: { path: string; kind: RecordKind }[] = [
    { path: "encounters", kind: "encounters" },
    { path: "responses", kind: "responses" },
    { path: "invitations", kind: "invitations" },
    { path: "pulse", kind: "pulse" },
    { path: "customers", kind: "customers" },
    { path: "agents", kind: "agents" },
  ];
  for (const w of writable) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/${w.path}`,
        tags: [w.path],
        summary: `Add or update ${w.path} (at most ${MAX_BATCH} per request), validated like an import`,
        request: { body: { content: { "application/json": { schema: BatchBody } }, required: true } },
        responses: {
          200: json(BatchResult, "valid items were stored; invalid ones are listed with their reasons"),
          422: json(BatchResult, "no item was valid"),
          400: errors[400],
          413: json(ErrorBody, `more than ${MAX_BATCH} items`),
        },
      }),
      async (c) => {
        const items = c.req.valid("json");
        if (items.length > MAX_BATCH) {
          throw new KohtaamoError(
            "payload_too_large",
            `at most ${MAX_BATCH.toLocaleString("en")} items per request (got ${items.length.toLocaleString("en")})`,
          );
        }
        const result = await acceptBatch(ctx.store, w.kind, items, {
          timeZone: ctx.timeZone,
          pipeline: ctx.pipeline,
        });
        return c.json(result, result.accepted.length === 0 && result.errors.length > 0 ? 422 : 200);
      },
    );
  }
  return app;
}

const NO_FACTS = {
  tone_label: null,
  tone_score: null,
  theme_codes: null,
  trajectory: null,
  effort_codes: null,
  unread_lang: null,
};

/** A record filter narrowed to what the caller may see (scopeToPrincipal keeps every other field). */
function scoped(c: Context, filter: RecordFilter): RecordFilter {
  return scopeToPrincipal(principal(c), filter) as RecordFilter;
}

/**
 * Reads of customer text outside the reader's own teams are audited (one entry per request,
 * naming how many records and, for single reads, which one). Never the text itself.
 */
async function auditTextRead(
  ctx: ServerContext,
  c: Context,
  what: string,
  records: readonly (Owned & { id?: string })[],
): Promise<void> {
  const p = principal(c);
  const others = records.filter((r) => isOtherTeamRead(p, r));
  if (others.length === 0) return;
  await ctx.store.access.audit({
    actor: p.email,
    action: "text.read",
    target: others.length === 1 && others[0]?.id ? `${what}:${others[0].id}` : what,
    details: { records: others.length, teams: [...new Set(others.map((r) => r.team))] },
  });
}
