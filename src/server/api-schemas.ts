import { z } from "@hono/zod-openapi";
import { SURVEY_KINDS } from "../domain/index.ts";

/** Wire schemas of the HTTP API: the import format's snake_case names, so what you POST is what you GET. */

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().openapi({ description: "also in the X-Request-Id header and the server log" }),
    }),
  })
  .openapi("Error");

export const ListQuery = z.object({
  from: z
    .string()
    .optional()
    .openapi({ description: "first instant included (ISO 8601 or d.m.yyyy)", example: "2026-01-01" }),
  to: z.string().optional().openapi({ description: "first instant excluded (ISO 8601 or d.m.yyyy)" }),
  team: z.string().optional(),
  agent: z.string().optional(),
  channel: z.string().optional().openapi({
    description:
      "a channel id (phone, chat, email, …), a Finnish or English alias, or the organisation's own channel name",
  }),
  customer_id: z.string().optional(),
  cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "page size, 1–500 (default 50)" }),
});

export const SurveyListQuery = ListQuery.extend({ kind: z.enum(SURVEY_KINDS).optional() });

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const Turn = z
  .object({ seq: z.number(), speaker: z.string(), at: nullable(z.number()), text: z.string() })
  .openapi("Turn");

export const EncounterSummary = z
  .object({
    id: z.string(),
    channel: z.string(),
    touchpoint: nullable(z.string()),
    started_at: z.string(),
    ended_at: nullable(z.string()),
    team: nullable(z.string()),
    agent: nullable(z.string()),
    customer_id: nullable(z.string()),
    wait_seconds: nullable(z.number()),
    transfers: nullable(z.number()),
    resolved: nullable(z.boolean()),
    turn_count: z.number(),
  })
  .openapi("EncounterSummary");

export const EncounterDetail = EncounterSummary.extend({ turns: z.array(Turn) }).openapi("Encounter");

export const ResponseRecord = z
  .object({
    id: z.string(),
    kind: z.string(),
    score: z.number(),
    comment: nullable(z.string()),
    answered_at: z.string(),
    channel: nullable(z.string()),
    touchpoint: nullable(z.string()),
    team: nullable(z.string()),
    agent: nullable(z.string()),
    customer_id: nullable(z.string()),
    encounter_id: nullable(z.string()),
  })
  .openapi("SurveyResponse");

export const InvitationRecord = z
  .object({
    id: z.string(),
    sent_at: z.string(),
    channel: z.string(),
    kind: nullable(z.string()),
    customer_id: nullable(z.string()),
    encounter_id: nullable(z.string()),
  })
  .openapi("SurveyInvitation");

export const PulseRecord = z
  .object({
    id: z.string(),
    team: z.string(),
    period: z.string(),
    score: z.number(),
    comment: nullable(z.string()),
  })
  .openapi("PulseAnswer");

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), next_cursor: nullable(z.string()) }).openapi(name);

export const MAX_BATCH = 1000;

export const BatchBody = z
  .array(z.record(z.string(), z.unknown()))
  .openapi({ description: `records in the import format (snake_case fields), at most ${MAX_BATCH}` });

export const BatchResult = z
  .object({
    accepted: z.array(z.string()),
    errors: z.array(
      z.object({
        index: z.number(),
        id: z.string().optional(),
        problems: z.array(z.object({ field: z.string(), reason: z.string() })),
      }),
    ),
    imported: z.number(),
    updated: z.number(),
    unchanged: z.number(),
  })
  .openapi("BatchResult");
