import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { canRunCoachingSession, canViewCoachingSession } from "../auth/coaching-access.ts";
import { KohtaamoError } from "../domain/index.ts";
import { parseInstant } from "../ingest/field-values.ts";
import type { CoachingSessionFilter } from "../store/coaching-repository.ts";
import { CoachingSessions } from "../workflows/coaching-sessions.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import {
  CoachingCreateBody,
  CoachingListQuery,
  CoachingPatchBody,
  CoachingSessionDetail,
  CoachingSessionPage,
} from "./coaching-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request is malformed"),
  404: json(ErrorBody, "no such session, or not one the caller may see"),
};

function instant(field: "from" | "to", text: string, timeZone: string): string {
  const parsed = parseInstant(text, timeZone);
  if (!parsed.ok) {
    throw new KohtaamoError("bad_request", `invalid request: ${field}: ${parsed.reason}`, {
      problems: [{ field, reason: parsed.reason }],
    });
  }
  return parsed.value;
}

/**
 * `/coaching-sessions`: sessions built from a team's real encounters (workflows/coaching-sessions.ts).
 * Managers run their teams' sessions, admins and analysts all; an agent reads the sessions about
 * them. Another team's session answers 404, like a missing one.
 */
export function coachingRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const sessions = new CoachingSessions(ctx.store);
  const now = () => new Date().toISOString();

  app.openapi(
    createRoute({
      method: "post",
      path: "/coaching-sessions",
      tags: ["coaching"],
      summary:
        "Create a coaching session: 4–6 encounters of the team (and agent) in the period worth reviewing together, each with its reason and turn, suggested questions, and the previous session's agreements",
      request: { body: { content: { "application/json": { schema: CoachingCreateBody } }, required: true } },
      responses: {
        201: json(CoachingSessionDetail, "the new session"),
        400: errors[400],
        403: json(ErrorBody, "a manager asked for a team they do not lead"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const p = principal(c);
      const from = instant("from", body.from, ctx.timeZone);
      const to = instant("to", body.to, ctx.timeZone);
      const team = await sessions.resolveName("team", body.team);
      if (!canRunCoachingSession(p, { team })) {
        throw new KohtaamoError("forbidden", `team: you do not lead ${team}`, {
          problems: [{ field: "team", reason: `you do not lead ${team}` }],
        });
      }
      const agent = body.agent ? await sessions.resolveName("agent", body.agent) : null;
      const created = await sessions.create({ team, agent, from, to, createdBy: p.email }, now());
      return c.json(created as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/coaching-sessions",
      tags: ["coaching"],
      summary: "List coaching sessions, newest first: a manager's teams', an agent's own",
      request: { query: CoachingListQuery },
      responses: { 200: json(CoachingSessionPage, "a page of sessions"), 400: errors[400] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const p = principal(c);
      const filter: CoachingSessionFilter = {
        ...(q.team ? { team: q.team } : {}),
        ...(q.agent ? { agent: q.agent } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(p.role === "manager" ? { teamIn: p.teams } : {}),
        // An agent without an agent id is about nobody: an empty scope.
        ...(p.role === "agent" ? (p.agentId ? { agentIs: p.agentId } : { teamIn: [] }) : {}),
      };
      const page = await sessions.list(filter);
      return c.json({ items: page.items.map(item), next_cursor: page.nextCursor } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/coaching-sessions/{id}",
      tags: ["coaching"],
      summary: "One coaching session with its picks, questions and the previous session's agreements",
      request: { params: IdParam },
      responses: { 200: json(CoachingSessionDetail, "the session"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await sessions.get(id);
      if (!found || !canViewCoachingSession(principal(c), found)) {
        throw new KohtaamoError("not_found", `coaching session ${id} not found`);
      }
      return c.json(found as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/coaching-sessions/{id}",
      tags: ["coaching"],
      summary: "Change a session's notes, agreements, follow-up date or status; audited (field names only)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: CoachingPatchBody } }, required: true },
      },
      responses: { 200: json(CoachingSessionDetail, "the session after the change"), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const p = principal(c);
      const found = await sessions.get(id);
      if (!found || !canRunCoachingSession(p, found)) {
        throw new KohtaamoError("not_found", `coaching session ${id} not found`);
      }
      const after = await sessions.update(
        id,
        {
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.notes !== undefined ? { notes: body.notes } : {}),
          ...(body.agreements !== undefined ? { agreements: body.agreements } : {}),
          ...(body.follow_up_date !== undefined ? { followUpDate: body.follow_up_date } : {}),
        },
        p.email,
        now(),
      );
      return c.json(after as never, 200);
    },
  );
  return app;
}

/** A list item: the session without its questions and shortfalls. */
function item(s: Awaited<ReturnType<CoachingSessions["list"]>>["items"][number]) {
  const { questions: _q, shortfalls: _s, ...rest } = s;
  return rest;
}
