import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { loadDefaultAnalyzer } from "../analysis/default-analyzer.ts";
import { KohtaamoError } from "../domain/index.ts";
import { reanalysisStatus, startReanalysis } from "../ingest/reanalyzer.ts";
import {
  loadWorkspaceTaxonomy,
  saveWorkspaceTaxonomy,
  shippedTaxonomy,
  type WorkspaceTaxonomy,
} from "../ingest/workspace-taxonomy.ts";
import { reanalysisKind } from "../jobs/reanalysis-job.ts";
import type { Store } from "../store/index.ts";
import { setWorkspaceThemeNames } from "../workflows/theme-names.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";
import { ReanalysisBody, TaxonomyBody, TaxonomyUpdate } from "./taxonomy-schemas.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

function taxonomyBody(w: WorkspaceTaxonomy): TaxonomyBody {
  return {
    source: w.source,
    version: w.taxonomy.version,
    updatedAt: w.updatedAt,
    updatedBy: w.updatedBy,
    groups: w.taxonomy.groups,
    themes: w.taxonomy.themes.map((t) => ({
      id: t.id,
      group: t.group,
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      patterns: { fi: t.patterns?.fi ?? [], en: t.patterns?.en ?? [] },
      examples: { fi: t.examples?.fi ?? [], en: t.examples?.en ?? [] },
    })),
  };
}

let namesOf: string | null = null;

/**
 * Before each API request: the theme names reports and details show follow the workspace's saved
 * taxonomy (one small query for its digest; the names are reloaded only when it changed), so an
 * edit made through any app process shows in every one.
 */
export function followWorkspaceThemeNames(store: Store): MiddlewareHandler {
  return async (_c, next) => {
    const digest = await store.taxonomy.digest();
    if (digest !== namesOf) {
      const current = digest === null ? null : await loadWorkspaceTaxonomy(store);
      setWorkspaceThemeNames(current?.source === "workspace" ? current.taxonomy.themes : null);
      namesOf = digest;
    }
    await next();
  };
}

/**
 * The workspace's theme taxonomy (names, word patterns, examples) and the reanalysis that applies
 * it to stored data. Admins and analysts (route-rules.ts); saves and starts are audited.
 */
export function taxonomyRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/taxonomy",
      tags: ["taxonomy"],
      summary: "The theme taxonomy analysis uses: the workspace's saved one, else the shipped default",
      responses: { 200: json(TaxonomyBody, "the taxonomy") },
    }),
    async (c) => c.json(taxonomyBody(await loadWorkspaceTaxonomy(ctx.store)), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/taxonomy",
      tags: ["taxonomy"],
      summary:
        "Save the workspace's taxonomy (every theme: names, patterns, examples). Imports use it at once; stored data after a reanalysis",
      request: { body: { content: { "application/json": { schema: TaxonomyUpdate } }, required: true } },
      responses: {
        200: json(TaxonomyBody, "saved"),
        400: json(ErrorBody, "a bad pattern or theme: details.problems names each theme and pattern"),
      },
    }),
    async (c) => {
      const { themes } = c.req.valid("json");
      const groups = new Map(shippedTaxonomy().themes.map((t) => [t.id, t.group]));
      const who = principal(c).email;
      const saved = await saveWorkspaceTaxonomy(
        ctx.store,
        themes.map((t) => ({ ...t, group: groups.get(t.id) ?? "other" })),
        who,
      );
      await ctx.store.access.audit({
        actor: who,
        action: "taxonomy.update",
        target: saved.taxonomy.version,
        details: { themes: themes.length },
      });
      return c.json(taxonomyBody(saved), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/reanalysis",
      tags: ["taxonomy"],
      summary: "Progress of the reanalysis of stored data (the latest run)",
      responses: { 200: json(ReanalysisBody, "progress") },
    }),
    async (c) => c.json(await reanalysisStatus(ctx.store), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/reanalysis",
      tags: ["taxonomy"],
      summary:
        "Start analysing every stored encounter and comment again with the workspace's taxonomy, in the background (one run at a time; an interrupted run resumes)",
      responses: {
        202: json(ReanalysisBody, "started; poll GET /reanalysis"),
        409: json(ErrorBody, "a reanalysis is already running"),
      },
    }),
    async (c) => {
      const who = principal(c).email;
      const base = ctx.pipeline.analyzer ?? loadDefaultAnalyzer();
      // With a job queue (kohtaamo start) the claimed run is a job, so a killed worker's run resumes.
      const started = await startReanalysis(ctx.store, base, who, undefined, { deferred: Boolean(ctx.jobs) });
      if (!started) throw new KohtaamoError("conflict", "a reanalysis is already running");
      if (ctx.jobs) await ctx.jobs.add(reanalysisKind, { runId: started.runId });
      // Failures are kept in the progress row (GET /reanalysis shows them), so nothing is lost here.
      else started.run.catch(() => undefined);
      await ctx.store.access.audit({
        actor: who,
        action: "reanalysis.start",
        target: started.status.analyzerVersion,
        details: { total: started.status.total, resumedAt: started.status.done },
      });
      return c.json(started.status, 202);
    },
  );
  return app;
}
