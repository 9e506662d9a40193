import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ACCESS, allowed, seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { KohtaamoError } from "../domain/index.ts";
import { TABLE_CONTENT_TYPES, type TableRow, tableDownload } from "../exports/report-table-export.ts";
import {
  type Initiative,
  type InitiativeInput,
  InitiativeRepository,
} from "../store/initiative-repository.ts";
import { type BusinessCase, businessCaseHtml, businessCasePdf } from "../workflows/business-case.ts";
import {
  type PointPrice,
  pointPrice,
  portfolio,
  type Ranked,
  rank,
  type ThemeImpact,
} from "../workflows/initiatives.ts";
import { reportFilter } from "../workflows/report-params.ts";
import { isThemeId } from "../workflows/theme-names.ts";
import { type ThemesReport, themesReport } from "../workflows/themes-report.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import {
  BusinessCaseQuery,
  ExportQuery,
  ImpactQuery,
  InitiativeCreate,
  InitiativeList,
  InitiativePatch,
  InitiativeView,
  PortfolioQuery,
  PortfolioResult,
  SettingsBody,
  SettingsView,
} from "./initiative-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such initiative"),
};

/** What every answer about expected gains says alongside it. */
export const INITIATIVE_CAVEATS = [
  {
    id: "initiatives.gain.observational",
    text: {
      en: "Expected gains come from how NPS differs with and without each theme: an association in past answers, not a proven cause. Where several linked themes are mentioned in the same answers, their gains overlap and the sum overstates.",
      fi: "Odotetut hyödyt perustuvat siihen, miten NPS eroaa vastauksissa teeman kanssa ja ilman: se on aiempien vastausten yhteys, ei todistettu syy. Jos samat vastaukset mainitsevat useita liitettyjä teemoja, hyödyt menevät päällekkäin ja summa yliarvioi.",
    },
  },
  {
    id: "initiatives.value.assumptions",
    text: {
      en: "A point of NPS is priced as customers × yearly value × the churn gap between detractors and promoters, over 200 points. Set the figures for your own business in the settings; defaults are placeholders.",
      fi: "NPS-pisteen arvo on asiakkaat × vuosiarvo × arvostelijoiden ja suosittelijoiden poistuman ero, jaettuna 200 pisteellä. Aseta omat lukunne asetuksissa; oletukset ovat vain lähtöarvoja.",
    },
  },
];

const EXPORT_COLUMNS = [
  "id",
  "title",
  "status",
  "goal",
  "cost",
  "themes",
  "expected_share_removed",
  "gain_source",
  "gain",
  "gain_low",
  "gain_high",
  "value_eur",
  "no_measurable_effect",
  "owner",
  "done_on",
] as const;

/** Theme → its NPS impact with interval, leaving out themes with fewer answers than the floor. */
function impactMap(report: ThemesReport, floor: number): Map<string, ThemeImpact> {
  return new Map(
    report.themes
      .filter((t) => t.npsImpact.n >= floor)
      .map((t) => [
        t.theme,
        {
          value: t.npsImpact.value ?? 0,
          low: t.npsImpact.low ?? 0,
          high: t.npsImpact.high ?? 0,
          significant: t.npsImpact.significant,
        },
      ]),
  );
}

function shown(r: Ranked) {
  return { ...r.initiative, gain: r.gain, valueEur: r.valueEur };
}

function badField(field: string, reason: string): never {
  throw new KohtaamoError("bad_request", `invalid request: ${field}: ${reason}`, {
    problems: [{ field, reason }],
  });
}

/** Theme ids must be known; done needs its day. Checked against the initiative as it will be. */
function checkInitiative(next: Pick<Initiative, "themeIds" | "status" | "doneOn">): void {
  next.themeIds.forEach((id, k) => {
    if (!isThemeId(id)) badField(`themeIds.${k}`, `no theme has the id ${id}`);
  });
  if (next.status === "done" && !next.doneOn)
    badField("doneOn", "an initiative marked done needs the day it was done");
}

/**
 * `/initiatives` (issue 13): development initiatives ranked by their expected effect on customers,
 * the optimal portfolio under a budget, and the settings that price a point of NPS.
 */
export function initiativeRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const now = () => new Date().toISOString();
  const repo = new InitiativeRepository(ctx.store.db);

  /** The floor below which a theme's impact is hidden from this reader (small groups). */
  const floorFor = (p: ReturnType<typeof principal>) =>
    seesSmallGroups(p) ? 0 : (ctx.minGroup ?? config().minGroup);
  /** The measured NPS impact of every theme, over the asked period; small groups hidden from those who may not see them. */
  const impacts = async (
    p: ReturnType<typeof principal>,
    q: { from?: string | undefined; to?: string | undefined },
  ): Promise<Map<string, ThemeImpact>> =>
    impactMap(await themesReport(ctx.store, reportFilter(q, ctx.timeZone)), floorFor(p));
  const price = async (): Promise<PointPrice> =>
    pointPrice(await repo.settings(), await repo.customerFacts());

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives",
      tags: ["initiatives"],
      summary: "Initiatives ranked by expected NPS gain (with its interval) and its value in euros a year",
      request: { query: ImpactQuery },
      responses: { 200: json(InitiativeList, "the ranked initiatives"), 400: errors[400] },
    }),
    async (c) => {
      const [found, price_] = await Promise.all([impacts(principal(c), c.req.valid("query")), price()]);
      const ranked = rank(await repo.list(), found, price_);
      return c.json(
        { items: ranked.map(shown), pointPrice: price_, caveats: INITIATIVE_CAVEATS } as never,
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/initiatives",
      tags: ["initiatives"],
      summary: "Add an initiative",
      request: { body: { content: { "application/json": { schema: InitiativeCreate } }, required: true } },
      responses: { 201: json(InitiativeView, "the initiative with its expected gain"), 400: errors[400] },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const p = principal(c);
      const input: InitiativeInput = {
        title: b.title,
        description: b.description ?? null,
        cost: b.cost,
        goal: b.goal,
        themeIds: [...new Set(b.themeIds ?? [])],
        expectedShareRemoved: b.expectedShareRemoved ?? 0.5,
        expectedNpsGain: b.expectedNpsGain ?? null,
        owner: b.owner ?? null,
        status: b.status ?? "idea",
        doneOn: b.doneOn ?? null,
      };
      checkInitiative(input);
      const created = await repo.create(input, p.email, now());
      await ctx.store.access.audit({
        actor: p.email,
        action: "initiative.create",
        target: created.id,
        details: { cost: created.cost, goal: created.goal, themes: created.themeIds },
      });
      const [ranked] = rank([created], await impacts(p, {}), await price());
      return c.json(shown(ranked as Ranked) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/portfolio",
      tags: ["initiatives"],
      summary:
        "The optimal set of open initiatives under a budget (exact 0/1 optimisation), how it changes at ±10% and ±20% budget, what was left out and why, and the balance check",
      request: { query: PortfolioQuery },
      responses: { 200: json(PortfolioResult, "the portfolio"), 400: errors[400] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const [found, price_] = await Promise.all([impacts(principal(c), q), price()]);
      const answer = portfolio(await repo.list(), found, price_, q.budget, q.goal);
      return c.json({ ...answer, caveats: INITIATIVE_CAVEATS } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/settings",
      tags: ["initiatives"],
      summary: "The figures that price a point of NPS, and the price they give",
      responses: { 200: json(SettingsView, "the settings") },
    }),
    async (c) => {
      const s = await repo.settings();
      return c.json({ ...s, pointPrice: pointPrice(s, await repo.customerFacts()) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/initiatives/settings",
      tags: ["initiatives"],
      summary: "Set the customers, yearly value and churn gap (null: from the data or the default)",
      request: { body: { content: { "application/json": { schema: SettingsBody } }, required: true } },
      responses: { 200: json(SettingsView, "the settings after the change"), 400: errors[400] },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const p = principal(c);
      const s = await repo.saveSettings(b, p.email, now());
      await ctx.store.access.audit({ actor: p.email, action: "initiative.settings", details: b });
      return c.json({ ...s, pointPrice: pointPrice(s, await repo.customerFacts()) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/export",
      tags: ["initiatives"],
      summary: "The ranked initiatives as CSV or XLSX",
      request: { query: ExportQuery },
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
      const q = c.req.valid("query");
      const p = principal(c);
      const ranked = rank(await repo.list(), await impacts(p, q), await price());
      const rows: TableRow[] = ranked.map((r) => ({
        id: r.initiative.id,
        title: r.initiative.title,
        status: r.initiative.status,
        goal: r.initiative.goal,
        cost: r.initiative.cost,
        themes: r.initiative.themeIds.join(" "),
        expected_share_removed: r.initiative.expectedShareRemoved,
        gain_source: r.gain.source,
        gain: r.gain.value,
        gain_low: r.gain.low,
        gain_high: r.gain.high,
        value_eur: r.valueEur,
        no_measurable_effect: r.gain.noMeasurableEffect,
        owner: r.initiative.owner,
        done_on: r.initiative.doneOn,
      }));
      const format = q.format ?? "csv";
      await ctx.store.access.audit({
        actor: p.email,
        action: "export",
        target: "initiatives",
        details: { format, via: "api", rows: rows.length },
      });
      return tableDownload({ columns: EXPORT_COLUMNS, rows }, format, "initiatives", { bom: true });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/business-case",
      tags: ["initiatives"],
      summary:
        "A one-page business case for management (HTML, or PDF with format=pdf) in Finnish or English: the problem in customers' words, the optimal portfolio under the budget with its expected effect and value, what was left out and why",
      request: { query: BusinessCaseQuery },
      responses: {
        200: {
          description: "the document",
          content: {
            "text/html": { schema: z.string() },
            "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        400: errors[400],
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const p = principal(c);
      const filter = reportFilter(q, ctx.timeZone);
      const [report, price_] = await Promise.all([themesReport(ctx.store, filter), price()]);
      const floor = floorFor(p);
      const found = impactMap(report, floor);
      const all = await repo.list();
      const answer = portfolio(all, found, price_, q.budget, q.goal);
      // Quotes are customer text: only for those who may read it (a viewer gets the figures).
      const quotes = allowed(p, ACCESS.readCustomerText);
      const harmful = report.themes
        .filter((t) => t.npsImpact.significant && (t.npsImpact.value ?? 0) < 0 && t.npsImpact.n >= floor)
        .slice(0, 3);
      const problems = await Promise.all(
        harmful.map(async (t) => ({
          theme: t.theme,
          impact: { value: t.npsImpact.value ?? 0, low: t.npsImpact.low ?? 0, high: t.npsImpact.high ?? 0 },
          share: t.share,
          quotes: quotes ? await exampleComments(t.theme, filter) : [],
        })),
      );
      const lang = q.lang ?? "en";
      const bc: BusinessCase = {
        lang,
        createdAt: now(),
        budget: q.budget,
        problems,
        quotesHidden: !quotes,
        ranked: rank(all, found, price_),
        portfolio: answer,
        caveats: INITIATIVE_CAVEATS,
      };
      const format = q.format ?? "html";
      await ctx.store.access.audit({
        actor: p.email,
        action: "export",
        target: "business-case",
        details: {
          format,
          lang,
          budget: q.budget,
          quotes: problems.reduce((n, pr) => n + pr.quotes.length, 0),
        },
      });
      if (format === "pdf")
        return c.body(new Uint8Array(await businessCasePdf(bc)), 200, {
          "content-type": "application/pdf",
          "content-disposition": `inline; filename="business-case-${lang}.pdf"`,
        });
      return c.body(businessCaseHtml(bc), 200, { "content-type": "text/html; charset=utf-8" });
    },
  );

  /** Up to two different short detractor comments that name the theme in a negative tone (stored redacted). */
  const exampleComments = async (
    theme: string,
    filter: ReturnType<typeof reportFilter>,
  ): Promise<string[]> => {
    const page = await ctx.store.responses.list({
      ...filter,
      kind: "nps",
      theme,
      polarity: "negative",
      scoreBand: "detractor",
      limit: 40,
    });
    const texts = page.items
      .map((r) => r.comment?.trim() ?? "")
      .filter((text) => text.length >= 20 && text.length <= 220);
    return [...new Set(texts)].slice(0, 2);
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/{id}",
      tags: ["initiatives"],
      summary: "One initiative with its expected gain",
      request: { params: IdParam, query: ImpactQuery },
      responses: { 200: json(InitiativeView, "the initiative"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await repo.get(id);
      if (!found) throw new KohtaamoError("not_found", `initiative ${id} not found`);
      const [ranked] = rank([found], await impacts(principal(c), c.req.valid("query")), await price());
      return c.json(shown(ranked as Ranked) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/initiatives/{id}",
      tags: ["initiatives"],
      summary: "Change an initiative (audited)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: InitiativePatch } }, required: true },
      },
      responses: { 200: json(InitiativeView, "the initiative after the change"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      const p = principal(c);
      const found = await repo.get(id);
      if (!found) throw new KohtaamoError("not_found", `initiative ${id} not found`);
      const patch: Partial<InitiativeInput> = {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.cost !== undefined ? { cost: b.cost } : {}),
        ...(b.goal !== undefined ? { goal: b.goal } : {}),
        ...(b.themeIds !== undefined ? { themeIds: [...new Set(b.themeIds)] } : {}),
        ...(b.expectedShareRemoved !== undefined ? { expectedShareRemoved: b.expectedShareRemoved } : {}),
        ...(b.expectedNpsGain !== undefined ? { expectedNpsGain: b.expectedNpsGain } : {}),
        ...(b.owner !== undefined ? { owner: b.owner } : {}),
        ...(b.status !== undefined ? { status: b.status } : {}),
        ...(b.doneOn !== undefined ? { doneOn: b.doneOn } : {}),
      };
      checkInitiative({ ...found, ...patch });
      const after = (await repo.patch(id, patch, now())) as Initiative;
      await ctx.store.access.audit({
        actor: p.email,
        action: "initiative.update",
        target: id,
        details: { fields: Object.keys(patch).sort(), ...(patch.status ? { status: patch.status } : {}) },
      });
      const [ranked] = rank([after], await impacts(p, {}), await price());
      return c.json(shown(ranked as Ranked) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/initiatives/{id}",
      tags: ["initiatives"],
      summary: "Remove an initiative (audited)",
      request: { params: IdParam },
      responses: { 204: { description: "removed" }, 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const p = principal(c);
      if (!(await repo.remove(id))) throw new KohtaamoError("not_found", `initiative ${id} not found`);
      await ctx.store.access.audit({ actor: p.email, action: "initiative.delete", target: id });
      return c.body(null, 204);
    },
  );
  return app;
}
