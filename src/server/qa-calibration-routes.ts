import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { canViewEncounterText, type Principal, principalOf } from "../auth/access-rules.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { RoundView } from "../store/qa-calibration-repository.ts";
import { calibrationAgreement } from "../workflows/qa-calibration.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { checkScope, coordinates, qaStores, readableEncounter } from "./qa-encounter.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such round, or not the caller's"),
};

const REVIEWER_ROLES = new Set(["admin", "analyst", "manager"]);

const RoundBody = z
  .object({
    encounter_id: z.string().min(1).max(200),
    scorecard_id: z.string().min(1).max(200),
    reviewers: z
      .array(z.email().max(320))
      .min(2)
      .max(20)
      .openapi({ description: "the accounts that score the encounter blind (admins, analysts or managers)" }),
  })
  .strict()
  .openapi("QaCalibrationCreate");

const RoundItem = z
  .object({
    id: z.string(),
    scorecard_id: z.string(),
    scorecard_version: z.number().int(),
    encounter_id: z.string(),
    team: z.string().nullable(),
    status: z.enum(["open", "closed"]),
    created_by: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable(),
    reviewers: z.array(z.object({ email: z.string(), submitted: z.boolean() })),
  })
  .openapi("QaCalibrationRound");

const AlphaBody = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  n: z.number(),
  units: z.number().int(),
  level: z.enum(["nominal", "ordinal", "interval", "ratio"]),
});
const SpreadBody = z.object({
  n: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  range: z.number().nullable(),
  sd: z.number().nullable(),
  modal_share: z.number().nullable(),
});

const RoundReport = RoundItem.extend({
  scorecard_name: z.string(),
  you: z.object({ reviewer: z.boolean(), submitted: z.boolean() }),
  blind: z.boolean().openapi({
    description: "true: scores stay hidden until you have submitted yours or the round is closed",
  }),
  agreement: z
    .object({
      criteria: z.array(
        z.object({
          criterion: z.string(),
          name: z.string(),
          scale: z.string(),
          scores: z.array(z.object({ reviewer: z.string(), score: z.number().nullable() })),
          spread: SpreadBody,
          alpha: AlphaBody.openapi({
            description: "Krippendorff's alpha over this scorecard's calibration rounds (units: rounds)",
          }),
        }),
      ),
      overall: z.object({
        alpha: AlphaBody.openapi({
          description: "Krippendorff's alpha over this round's criteria (units: criteria)",
        }),
        totals: SpreadBody,
      }),
      reviews: z.array(
        z.object({ reviewer: z.string(), total: z.number().nullable(), review_id: z.string() }),
      ),
    })
    .nullable(),
}).openapi("QaCalibrationReport");

/**
 * Whether this caller may read the other reviewers' scores of a round: after submitting their own
 * or once the round is closed. Coordinators who do not score it (admins, analysts, the team's
 * managers) see them at any time.
 */
export function canSeeRoundReview(p: Principal, round: RoundView): boolean {
  const mine = round.reviewers.find((r) => r.email === p.email);
  if (mine) return mine.submitted || round.status === "closed";
  return coordinates(p, round.team);
}

function canSeeRound(p: Principal, round: RoundView): boolean {
  return round.reviewers.some((r) => r.email === p.email) || coordinates(p, round.team);
}

/** `/qa/calibration`: rounds in which several reviewers score one encounter blind, and their agreement. */
export function qaCalibrationRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const now = () => new Date().toISOString();
  const { qa, calibration } = qaStores(ctx);

  const roundOr404 = async (id: string, p: Principal) => {
    const round = await calibration.getRound(id);
    if (!round || !canSeeRound(p, round))
      throw new KohtaamoError("not_found", `calibration round ${id} not found`);
    return round;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/qa/calibration",
      tags: ["qa"],
      summary: "Open a calibration round: several reviewers score one encounter blind on one scorecard",
      request: { body: { content: { "application/json": { schema: RoundBody } }, required: true } },
      responses: { 201: json(RoundItem, "the round"), ...errors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const p = principal(c);
      const card = await qa.getScorecard(body.scorecard_id);
      if (!card || card.deleted)
        throw new KohtaamoError("not_found", `scorecard ${body.scorecard_id} not found`);
      const encounter = await readableEncounter(ctx, c, body.encounter_id);
      checkScope(card, encounter);
      if (!coordinates(p, encounter.team)) {
        throw new KohtaamoError("not_found", `encounter ${body.encounter_id} not found`);
      }
      for (const email of new Set(body.reviewers)) {
        const user = await ctx.store.access.userByEmail(email);
        const reviewer = user ? principalOf(user, "token") : null;
        if (!reviewer || !REVIEWER_ROLES.has(reviewer.role) || !canViewEncounterText(reviewer, encounter)) {
          throw new KohtaamoError(
            "bad_request",
            `invalid request: reviewers: ${email} is not an account that may review this encounter`,
            { problems: [{ field: "reviewers", reason: `${email} may not review this encounter` }] },
          );
        }
      }
      const id = await calibration.createRound(
        {
          scorecardId: card.id,
          scorecardVersion: card.version,
          encounterId: encounter.id,
          team: encounter.team,
          reviewers: body.reviewers,
        },
        p.email,
        now(),
      );
      return c.json((await calibration.getRound(id)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/calibration",
      tags: ["qa"],
      summary: "Calibration rounds, newest first: your own, and those you coordinate",
      responses: { 200: json(z.object({ items: z.array(RoundItem) }), "the rounds") },
    }),
    async (c) => {
      const p = principal(c);
      const items = await calibration.listRounds({
        participant: p.email,
        ...(p.role === "admin" || p.role === "analyst" ? { all: true } : {}),
        ...(p.role === "manager" ? { teamIn: p.teams } : {}),
      });
      return c.json({ items } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/calibration/{id}",
      tags: ["qa"],
      summary:
        "A round's agreement: per criterion the scores, their spread and Krippendorff's alpha (nominal for pass/fail, ordinal for 1–3 and 1–5, interval for 0–10); blind until you have scored",
      request: { params: IdParam },
      responses: { 200: json(RoundReport, "the round"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const p = principal(c);
      const round = await roundOr404(id, p);
      const card = await qa.getScorecard(round.scorecard_id, round.scorecard_version);
      if (!card) throw new KohtaamoError("not_found", `calibration round ${id} not found`);
      const mine = round.reviewers.find((r) => r.email === p.email);
      const blind = !canSeeRoundReview(p, round);
      const base = {
        ...round,
        scorecard_name: card.name,
        you: { reviewer: mine !== undefined, submitted: mine?.submitted ?? false },
        blind,
      };
      if (blind) return c.json({ ...base, agreement: null } as never, 200);
      const reviews = (await qa.listReviews({ roundId: id, limit: 500 })).items.sort((a, b) =>
        a.reviewer.localeCompare(b.reviewer),
      );
      const pooled = new Map<string, Map<string, (number | null)[]>>();
      for (const s of await calibration.scorecardRoundScores(round.scorecard_id, round.id)) {
        const byRound = pooled.get(s.criterion_id) ?? new Map<string, (number | null)[]>();
        byRound.set(s.round_id, [...(byRound.get(s.round_id) ?? []), s.score]);
        pooled.set(s.criterion_id, byRound);
      }
      const agreement = calibrationAgreement(
        card.criteria,
        reviews.map((r) => ({
          reviewer: r.reviewer,
          total: r.total,
          scores: new Map(r.scores.map((s) => [s.criterion, s.score])),
        })),
        pooled,
      );
      return c.json(
        {
          ...base,
          agreement: {
            ...agreement,
            reviews: reviews.map((r) => ({ reviewer: r.reviewer, total: r.total, review_id: r.id })),
          },
        } as never,
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/qa/calibration/{id}/close",
      tags: ["qa"],
      summary: "Close a round (its creator or a coordinator): every reviewer then sees everyone's scores",
      request: { params: IdParam },
      responses: {
        200: json(RoundItem, "the closed round"),
        ...errors,
        409: json(ErrorBody, "already closed"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const p = principal(c);
      const round = await roundOr404(id, p);
      if (round.created_by !== p.email && !coordinates(p, round.team)) {
        throw new KohtaamoError(
          "forbidden",
          "only the round's creator or a coordinator of its team closes it",
        );
      }
      if (!(await calibration.closeRound(id, p.email, now()))) {
        throw new KohtaamoError("conflict", `calibration round ${id} is already closed`);
      }
      return c.json((await calibration.getRound(id)) as never, 200);
    },
  );
  return app;
}
