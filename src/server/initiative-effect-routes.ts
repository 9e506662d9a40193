import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { seesSmallGroups } from "../auth/access-rules.ts";
import { config } from "../config.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { NpsEstimate } from "../stats/nps-estimate.ts";
import { InitiativeRepository } from "../store/initiative-repository.ts";
import { EFFECT_WINDOW, initiativeEffect } from "../workflows/initiative-effect.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

const Local = z.object({ fi: z.string(), en: z.string() });
const Cell = z.object({
  nps: z
    .number()
    .nullable()
    .openapi({ description: "null without answers, or hidden below the privacy floor" }),
  low: z.number().nullable(),
  high: z.number().nullable(),
  n: z.number().int(),
});
const GroupChange = z.object({
  before: Cell,
  after: Cell,
  change: z.number().nullable().openapi({ description: "after − before, NPS points" }),
});
const Share = z.object({
  before: z.object({ value: z.number().nullable(), low: z.number(), high: z.number(), n: z.number().int() }),
  after: z.object({ value: z.number().nullable(), low: z.number(), high: z.number(), n: z.number().int() }),
  mentions: z.object({ before: z.number().int(), after: z.number().int() }),
  change: z.object({
    estimate: z.number().nullable().openapi({ description: "after − before, percentage points" }),
    low: z.number().nullable(),
    high: z.number().nullable(),
    pValue: z.number().nullable(),
  }),
  significant: z.boolean(),
});
const Verdict = z.enum(["improved", "worsened", "no measurable change", "not enough data"]);

export const EffectQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(7)
    .max(730)
    .optional()
    .openapi({ description: `days compared on each side of the done date (default ${EFFECT_WINDOW.days})` }),
  gap: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .optional()
    .openapi({
      description: `days right after the done date left out while the change settles (default ${EFFECT_WINDOW.gapDays})`,
    }),
});

export const EffectResult = z
  .object({
    initiative: z.object({
      id: z.string(),
      title: z.string(),
      themeIds: z.array(z.string()),
      themes: z.array(z.object({ id: z.string(), name: Local })),
    }),
    doneOn: z.string(),
    window: z.object({
      days: z.number().int(),
      gapDays: z.number().int(),
      timeZone: z.string(),
      before: z.object({ from: z.string(), to: z.string() }),
      after: z.object({ from: z.string(), to: z.string() }),
      afterIncomplete: z.boolean(),
    }),
    treated: GroupChange.openapi({
      description: "NPS answers that mention a linked theme (comment or encounter)",
    }),
    comparison: GroupChange.openapi({ description: "the other NPS answers" }),
    effect: z
      .object({
        estimate: z.number().nullable(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        se: z.number().nullable().openapi({ description: "the larger of the two below" }),
        seAnswers: z
          .number()
          .nullable()
          .optional()
          .openapi({ description: "standard error with every answer independent" }),
        seCustomers: z
          .number()
          .nullable()
          .optional()
          .openapi({ description: "cluster-robust standard error, each customer's answers one cluster" }),
      })
      .extend({
        strata: z.number().int().openapi({ description: "teams with answers in all four cells" }),
        strataLeftOut: z.number().int(),
        treatedLeftOut: z
          .number()
          .int()
          .openapi({ description: "treated answers of the teams left out (no within-team contrast)" }),
      })
      .openapi({
        description:
          "difference in differences of NPS within teams (averaged with the teams' treated answers as weights), points, with its 95% interval",
      }),
    pooledEffect: z
      .object({
        estimate: z.number().nullable(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        se: z.number().nullable(),
      })
      .openapi({ description: "the same over all answers pooled, not within teams" }),
    preTrend: z
      .object({
        estimate: z.number().nullable(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        verdict: Verdict,
      })
      .openapi({
        description:
          "placebo: the same DiD between the halves of the before window; near 0 when trends are parallel",
      }),
    themeShare: Share.openapi({ description: "share of NPS answers mentioning a linked theme, percent" }),
    encounterShare: Share.openapi({
      description: "share of analysed encounters mentioning a linked theme, percent",
    }),
    verdict: Verdict,
    shortCells: z.array(
      z.object({
        group: z.enum(["treated", "comparison"]),
        period: z.enum(["before", "after"]),
        n: z.number().int(),
        needed: z.number().int(),
      }),
    ),
    minPerCell: z.number().int(),
    method: z.string(),
    text: Local,
    caveats: z.array(z.object({ id: z.string(), text: Local })),
  })
  .openapi("InitiativeEffect");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const METHOD =
  "Difference in differences of NPS (treated: answers mentioning a linked theme; comparison: the rest), before vs after the done date, within teams and averaged with the teams' treated answers as weights, with a Wald 95% interval from the four cells' multinomial variances, or the cluster-robust one by customer when larger (Angrist & Pischke 2009; Wing, Simon & Bello-Gomez 2018; Bertrand, Duflo & Mullainathan 2004); theme shares compared with Newcombe's hybrid score interval";

/**
 * `GET /initiatives/{id}/effect` (issue 13, follow-through): the measured effect of a done initiative.
 * Registered before initiativeRoutes; its path has one segment more than `/initiatives/{id}`, so the
 * two never match the same request whatever the order.
 */
export function initiativeEffectRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const repo = new InitiativeRepository(ctx.store.db);

  app.openapi(
    createRoute({
      method: "get",
      path: "/initiatives/{id}/effect",
      tags: ["initiatives"],
      summary:
        "The measured effect of a done initiative: NPS before vs after its done date among answers mentioning its themes against the other answers (difference in differences), the themes' share, a verdict and its caveats",
      request: { params: IdParam, query: EffectQuery },
      responses: {
        200: json(EffectResult, "the effect"),
        400: json(ErrorBody, "the request is malformed, or the initiative has no linked themes"),
        404: json(ErrorBody, "no such initiative"),
        409: json(ErrorBody, "the initiative is not done"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const p = principal(c);
      const found = await repo.get(id);
      if (!found) throw new KohtaamoError("not_found", `initiative ${id} not found`);
      const r = await initiativeEffect(ctx.store, found, {
        timeZone: ctx.timeZone,
        ...(q.days !== undefined ? { days: q.days } : {}),
        ...(q.gap !== undefined ? { gapDays: q.gap } : {}),
      });
      // The four cells are workspace-wide, but a cell of a rare theme can be a handful of answers:
      // below the privacy floor its NPS is hidden from those who may not see small groups.
      const floor = seesSmallGroups(p) ? 0 : (ctx.minGroup ?? config().minGroup);
      const cell = (e: NpsEstimate) =>
        e.n === 0 || e.n < floor
          ? { nps: null, low: null, high: null, n: e.n }
          : { nps: e.value, low: e.low, high: e.high, n: e.n };
      const group = (g: typeof r.did.treated) => ({
        before: cell(g.before),
        after: cell(g.after),
        change: g.before.n < floor || g.after.n < floor ? null : g.change,
      });
      const share = (s: typeof r.answerShare) => ({
        before: { ...s.before, value: Number.isNaN(s.before.value) ? null : s.before.value },
        after: { ...s.after, value: Number.isNaN(s.after.value) ? null : s.after.value },
        mentions: s.mentions,
        change: s.change,
        significant: s.significant,
      });
      const body: z.infer<typeof EffectResult> = {
        initiative: r.initiative,
        doneOn: r.doneOn,
        window: r.window,
        treated: group(r.did.treated),
        comparison: group(r.did.comparison),
        effect: r.did.effect,
        pooledEffect: {
          estimate: r.did.pooledEffect.estimate,
          low: r.did.pooledEffect.low,
          high: r.did.pooledEffect.high,
          se: r.did.pooledEffect.se,
        },
        preTrend: {
          estimate: r.preTrend.effect.estimate,
          low: r.preTrend.effect.low,
          high: r.preTrend.effect.high,
          verdict: r.preTrend.verdict,
        },
        themeShare: share(r.answerShare),
        encounterShare: share(r.encounterShare),
        verdict: r.verdict,
        shortCells: r.did.shortCells,
        minPerCell: r.did.minPerCell,
        method: METHOD,
        text: r.text,
        caveats: r.caveats,
      };
      return c.json(body, 200);
    },
  );
  return app;
}
