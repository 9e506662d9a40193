import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { KohtaamoError, sameName } from "../domain/index.ts";
import { checkScore, QaCriteria, scorecardTotal } from "../domain/qa-scorecard.ts";
import type { ReviewScore, ReviewView } from "../store/qa-repository.ts";
import { reportFilter } from "../workflows/report-params.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { canSeeRoundReview } from "./qa-calibration-routes.ts";
import { checkScope, prefillFor, qaStores, readableEncounter } from "./qa-encounter.ts";
import {
  Prefill,
  PrefillQuery,
  Review,
  ReviewBody,
  ReviewListQuery,
  ReviewPage,
  Scorecard,
  ScorecardBody,
  ScorecardList,
  ScorecardPatch,
  ScorecardQuery,
} from "./qa-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such scorecard, review or encounter, or not the caller's to see"),
};

function bad(field: string, reason: string): KohtaamoError {
  return new KohtaamoError("bad_request", `invalid request: ${field}: ${reason}`, {
    problems: [{ field, reason }],
  });
}

/** `/qa/…`: scorecards (admins and analysts edit), AutoQA prefill and reviews (issue 12). */
export function qaRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const now = () => new Date().toISOString();
  const { qa, calibration } = qaStores(ctx);

  const scorecardOr404 = async (id: string, version?: number) => {
    const card = await qa.getScorecard(id, version);
    if (!card) throw new KohtaamoError("not_found", `scorecard ${id} not found`);
    return card;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/qa/scorecards",
      tags: ["qa"],
      summary: "Create a scorecard: criteria with weights, critical items, scales and AutoQA behaviours",
      request: { body: { content: { "application/json": { schema: ScorecardBody } }, required: true } },
      responses: { 201: json(Scorecard, "the scorecard, version 1"), 400: errors[400] },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const criteria = QaCriteria.safeParse(body.criteria);
      if (!criteria.success) throw bad("criteria", criteria.error.issues[0]?.message ?? "invalid");
      const id = await qa.createScorecard({ ...body, criteria: criteria.data }, principal(c).email, now());
      return c.json((await qa.getScorecard(id)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/scorecards",
      tags: ["qa"],
      summary: "The scorecards in use, by name",
      responses: { 200: json(ScorecardList, "the scorecards") },
    }),
    async (c) => c.json({ items: await qa.listScorecards() } as never, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/scorecards/{id}",
      tags: ["qa"],
      summary: "One scorecard with its current criteria, or those of an earlier version",
      request: { params: IdParam, query: ScorecardQuery },
      responses: { 200: json(Scorecard, "the scorecard"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      return c.json((await scorecardOr404(id, version)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/qa/scorecards/{id}",
      tags: ["qa"],
      summary:
        "Change a scorecard; new criteria or a new name make a new version, and reviews keep the version they were scored on",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: ScorecardPatch } }, required: true },
      },
      responses: {
        200: json(Scorecard, "the scorecard after the change"),
        ...errors,
        409: json(ErrorBody, "changed meanwhile"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      let criteria: z.infer<typeof QaCriteria> | undefined;
      if (body.criteria) {
        const parsed = QaCriteria.safeParse(body.criteria);
        if (!parsed.success) throw bad("criteria", parsed.error.issues[0]?.message ?? "invalid");
        criteria = parsed.data;
      }
      const after = await qa.updateScorecard(
        id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.team !== undefined ? { team: body.team } : {}),
          ...(body.channel !== undefined ? { channel: body.channel } : {}),
          ...(criteria ? { criteria } : {}),
        },
        principal(c).email,
        now(),
      );
      if (!after) throw new KohtaamoError("not_found", `scorecard ${id} not found`);
      return c.json(after as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/qa/scorecards/{id}",
      tags: ["qa"],
      summary: "Retire a scorecard: no new reviews on it; its reviews and versions stay",
      request: { params: IdParam },
      responses: { 204: { description: "retired" }, ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await qa.deleteScorecard(id, principal(c).email, now()))) {
        throw new KohtaamoError("not_found", `scorecard ${id} not found`);
      }
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/encounters/{id}/prefill",
      tags: ["qa"],
      summary:
        "AutoQA: each criterion linked to an agent behaviour pre-scored from the encounter's analysis, with the evidence turn",
      request: { params: IdParam, query: PrefillQuery },
      responses: { 200: json(Prefill, "the criteria with their automatic scores"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const card = await scorecardOr404(c.req.valid("query").scorecard);
      if (card.deleted) throw bad("scorecard", "this scorecard is retired");
      const encounter = await readableEncounter(ctx, c, id);
      checkScope(card, encounter);
      const { analysed, prefill } = await prefillFor(ctx, card, encounter);
      return c.json(
        {
          encounter: {
            id: encounter.id,
            started_at: encounter.started_at,
            team: encounter.team,
            channel: encounter.channel,
            agent: encounter.agent,
          },
          scorecard: { id: card.id, version: card.version, name: card.name },
          analysed,
          criteria: card.criteria.map((criterion, i) => {
            const { criterion: _id, ...auto } = prefill[i] as NonNullable<(typeof prefill)[number]>;
            return { ...criterion, ...auto };
          }),
        } as never,
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/qa/reviews",
      tags: ["qa"],
      summary:
        "Store a review: the reviewer's confirmed or overridden scores; AutoQA's scores are recomputed here and every change of one is kept as an override",
      request: { body: { content: { "application/json": { schema: ReviewBody } }, required: true } },
      responses: {
        201: json(Review, "the review with its total"),
        ...errors,
        403: json(ErrorBody, "not a reviewer of this calibration round"),
        409: json(ErrorBody, "already scored this round, or the round is closed"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const p = principal(c);
      const round = body.round_id ? await calibration.checkCanSubmit(body.round_id, p.email) : null;
      if (round && round.encounter_id !== body.encounter_id) {
        throw bad("encounter_id", `calibration round ${round.id} scores encounter ${round.encounter_id}`);
      }
      if (round && round.scorecard_id !== body.scorecard_id) {
        throw bad("scorecard_id", `calibration round ${round.id} uses scorecard ${round.scorecard_id}`);
      }
      // A round is scored on the version it was opened with, even if the scorecard changed since.
      const card = await scorecardOr404(body.scorecard_id, round?.scorecard_version);
      if (card.deleted && !round) throw bad("scorecard_id", "this scorecard is retired");
      const encounter = await readableEncounter(ctx, c, body.encounter_id);
      if (!round) checkScope(card, encounter);
      const { prefill } = await prefillFor(ctx, card, encounter);
      const given = new Map(body.scores.map((s) => [s.criterion, s]));
      for (const s of body.scores) {
        if (!card.criteria.some((k) => k.id === s.criterion)) {
          throw bad("scores", `the scorecard has no criterion ${s.criterion}`);
        }
      }
      const seqs = new Set(encounter.turns.map((t) => t.seq));
      const scores: ReviewScore[] = card.criteria.map((criterion, i) => {
        const s = given.get(criterion.id);
        if (!s) throw bad("scores", `score criterion ${criterion.id} (null when it does not apply)`);
        const problem = checkScore(criterion, s.score);
        if (problem) throw bad(`scores.${criterion.id}`, problem);
        const auto = prefill[i];
        const evidence = s.evidence_seq === undefined ? (auto?.evidence?.seq ?? null) : s.evidence_seq;
        if (evidence !== null && !seqs.has(evidence)) {
          throw bad(`scores.${criterion.id}.evidence_seq`, `the encounter has no turn ${evidence}`);
        }
        const autoScore = auto?.auto_score ?? null;
        return {
          criterion: criterion.id,
          score: s.score,
          auto_score: autoScore,
          overridden: autoScore !== null && s.score !== autoScore,
          evidence_seq: evidence,
          comment: s.comment?.trim() || null,
        };
      });
      const { total, criticalFailed } = scorecardTotal(
        card.criteria,
        new Map(scores.map((s) => [s.criterion, s.score])),
      );
      const id = await qa.addReview(
        {
          scorecardId: card.id,
          scorecardVersion: card.version,
          encounter,
          reviewer: p.email,
          roundId: round?.id ?? null,
          total,
          criticalFailed,
          comment: body.comment?.trim() || null,
          scores,
        },
        now(),
      );
      return c.json((await qa.getReview(id)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/reviews",
      tags: ["qa"],
      summary:
        "Reviews, the newest encounter first (not calibration rounds); an agent sees their own, a manager their teams'",
      request: { query: ReviewListQuery },
      responses: { 200: json(ReviewPage, "a page of reviews"), 400: errors[400] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const p = principal(c);
      const dates = reportFilter(
        { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
        ctx.timeZone,
      );
      if (p.role === "agent" && (!p.agentId || (q.agent && !sameName(q.agent, p.agentId)))) {
        return c.json({ items: [], next_cursor: null } as never, 200);
      }
      const page = await qa.listReviews({
        ...(q.encounter ? { encounterId: q.encounter } : {}),
        ...(q.scorecard ? { scorecardId: q.scorecard } : {}),
        ...(q.team ? { team: q.team } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...dates,
        ...(p.role === "agent" && p.agentId ? { agent: p.agentId } : q.agent ? { agent: q.agent } : {}),
        ...(p.role === "manager" ? { teamIn: p.teams } : {}),
      });
      return c.json({ items: page.items, next_cursor: page.nextCursor } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/qa/reviews/{id}",
      tags: ["qa"],
      summary:
        "One review; in a calibration round, others' reviews only after one's own or when the round is closed",
      request: { params: IdParam },
      responses: { 200: json(Review, "the review"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const review = await qa.getReview(id);
      if (!review || !(await canSeeReview(review, principal(c)))) {
        throw new KohtaamoError("not_found", `review ${id} not found`);
      }
      return c.json(review as never, 200);
    },
  );

  async function canSeeReview(review: ReviewView, p: ReturnType<typeof principal>): Promise<boolean> {
    if (review.reviewer === p.email) return true;
    if (review.round_id) {
      const round = await calibration.getRound(review.round_id);
      return round !== undefined && canSeeRoundReview(p, round);
    }
    if (p.role === "admin" || p.role === "analyst") return true;
    if (p.role === "manager") return p.teams.some((t) => sameName(t, review.team));
    return p.role === "agent" && sameName(review.agent, p.agentId);
  }

  return app;
}
