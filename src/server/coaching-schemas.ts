import { z } from "@hono/zod-openapi";
import { PICK_KINDS } from "../workflows/coaching-picks.ts";
import { QUESTION_IDS } from "../workflows/coaching-questions.ts";
import { COACHING_STATUSES } from "../workflows/coaching-sessions.ts";

/** Wire schemas of the coaching sessions (issue 12). */

const Name = z.string().trim().min(1).max(200);

export const CoachingCreateBody = z
  .object({
    team: Name.openapi({ example: "Asiakaspalvelu Tampere" }),
    from: z.string().min(1).openapi({
      description: "first day included (YYYY-MM-DD in the workspace zone, or ISO 8601)",
      example: "2026-03-01",
    }),
    to: z.string().min(1).openapi({ description: "first day excluded", example: "2026-04-01" }),
    agent: Name.nullable()
      .optional()
      .openapi({ description: "only this agent's encounters: a session with one agent" }),
  })
  .strict()
  .openapi("CoachingSessionCreate");

export const CoachingListQuery = z.object({
  team: Name.optional().openapi({ example: "Asiakaspalvelu Tampere" }),
  agent: Name.optional(),
  cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "page size, 1–500 (default 50)" }),
});

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, "not a calendar date");

export const CoachingPatchBody = z
  .object({
    status: z.enum(COACHING_STATUSES).optional().openapi({ description: "planned, held or closed" }),
    notes: z
      .string()
      .max(20_000)
      .nullable()
      .optional()
      .openapi({ description: "the team lead's notes; null clears" }),
    agreements: z
      .array(z.string().trim().min(1, "an agreement is not empty").max(500))
      .max(30)
      .optional()
      .openapi({ description: "what was agreed, one line each; the next session shows them" }),
    follow_up_date: Day.nullable().optional().openapi({ description: "YYYY-MM-DD; null clears" }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: "say what to change: status, notes, agreements or follow_up_date",
  })
  .openapi("CoachingSessionPatch");

export type CoachingPatchBody = z.infer<typeof CoachingPatchBody>;

const Question = z
  .object({
    id: z.enum(QUESTION_IDS),
    pick: z.number().int().openapi({ description: "1-based position of the pick it is about" }),
    encounter_id: z.string(),
    turn: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "0-based turn index, null: the whole encounter" }),
    text: z.object({ fi: z.string(), en: z.string() }),
  })
  .openapi("CoachingQuestion");

const Shortfall = z
  .object({
    code: z.enum(["too_few_encounters", "no_candidate"]),
    kind: z.enum(PICK_KINDS).optional(),
    count: z.number().int().optional(),
    needed: z.number().int().optional(),
  })
  .openapi("CoachingShortfall");

export const CoachingSessionItem = z
  .object({
    id: z.string(),
    team: z.string(),
    agent: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    created_by: z.string(),
    status: z.enum(COACHING_STATUSES),
    notes: z.string().nullable(),
    agreements: z.array(z.string()),
    follow_up_date: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("CoachingSession");

export const CoachingPick = z
  .object({
    position: z.number().int(),
    encounter_id: z.string(),
    kind: z.enum(PICK_KINDS).openapi({ description: "why it was picked" }),
    data: z
      .record(z.string(), z.unknown())
      .openapi({ description: "the reason's figures (tones, effort signals, turns)" }),
    turn: z.number().int().nullable().openapi({ description: "0-based index of the turn that matters" }),
    link: z
      .string()
      .openapi({ description: "the encounter view at that turn", example: "/encounters/enc-1#turn-4" }),
    encounter: z
      .object({ started_at: z.string(), channel: z.string(), agent: z.string().nullable() })
      .nullable()
      .openapi({ description: "null once the encounter has been erased" }),
  })
  .openapi("CoachingPick");

export const CoachingSessionDetail = CoachingSessionItem.extend({
  picks: z.array(CoachingPick),
  questions: z.array(Question),
  shortfalls: z.array(Shortfall),
  previous: z
    .object({
      id: z.string(),
      created_at: z.string(),
      from: z.string(),
      to: z.string(),
      status: z.string(),
      agreements: z.array(z.string()),
      follow_up_date: z.string().nullable(),
    })
    .nullable()
    .openapi({ description: "the previous session of the same team and agent, with its agreements" }),
}).openapi("CoachingSessionDetail");

export const CoachingSessionPage = z
  .object({ items: z.array(CoachingSessionItem), next_cursor: z.string().nullable() })
  .openapi("CoachingSessionPage");
