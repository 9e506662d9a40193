import { z } from "zod";
import { nameSchema } from "./display-names.ts";
import { because, type Reason, rulesByMessage } from "./problem-codes.ts";

/**
 * The records Kohtaamo stores, as validated domain values (camelCase, typed).
 * File and API inputs use snake_case field names; `src/ingest/record-normalizer.ts`
 * coerces those raw values (Finnish dates, decimal commas, "kyllä") into these shapes.
 */

/**
 * The channels Kohtaamo knows by name (their Finnish and English aliases map to these ids). A
 * record's channel may also be any other name an organisation uses ("Kauppa Oulu").
 */
export const CHANNELS = ["phone", "chat", "email", "bot", "self_service", "visit", "social"] as const;
export const SPEAKERS = ["customer", "agent", "bot"] as const;
export const SURVEY_KINDS = ["nps", "csat", "ces"] as const;
export const RECORD_KINDS = [
  "encounters",
  "responses",
  "invitations",
  "pulse",
  "customers",
  "agents",
] as const;

export type Channel = (typeof CHANNELS)[number];
export type Speaker = (typeof SPEAKERS)[number];
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Inclusive score range per survey kind: NPS 0–10, CSAT 1–5, CES 1–7 (Gartner CES 2.0). */
export const SCORE_RANGE: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/**
 * The rules below whose built-in zod check carries only a message, with their codes: zod keeps no
 * parameters on a built-in check, so the importer finds a rule's code by its exact message here
 * (ruleOfMessage). Custom checks carry their code in the issue's `params` instead.
 */
const RULES = {
  notEmpty: because("not_empty", "must not be empty"),
  idTooLong: because("too_long", "must be at most 200 characters", { max: 200 }),
  noSpaces: because("no_spaces", "must not contain spaces"),
  textTooLong: because("too_long", "must be at most 100,000 characters", { max: 100_000 }),
  wholeNumber: because("whole_number", "must be a whole number"),
  month: because("month_format", "must be a month as YYYY-MM"),
  pulseRange: because("range", "must be 0–10", { min: 0, max: 10 }),
} as const;
/** The code and parameters of a rule of these schemas, by its message; undefined for any other. */
export const ruleOfMessage = rulesByMessage(RULES);

/** A response's score outside its kind's range, e.g. "must be 0–10 for NPS (got 11)". */
export function scoreRangeReason(kind: SurveyKind, score: number): Reason {
  const { min, max } = SCORE_RANGE[kind];
  const label = kind.toUpperCase();
  return because("score_range", `must be ${min}–${max} for ${label} (got ${score})`, {
    min,
    max,
    kind: label,
    got: score,
  });
}

/** An encounter that ends before it starts. */
export const BEFORE_START = because("before_start", "must not be before started_at");

/**
 * A source-system identifier: what the customer's own system calls the record (`id`,
 * `customer_id`, `encounter_id`). Strict, unlike names (display-names.ts): ids are keys that
 * other systems match byte for byte.
 */
export const sourceId = z
  .string()
  .trim()
  .min(1, RULES.notEmpty.reason)
  .max(200, RULES.idTooLong.reason)
  .regex(/^[^\s]+$/, RULES.noSpaces.reason);

/** An instant as an ISO 8601 UTC string (normalised by the importer). */
export const instant = z.iso.datetime({ offset: true });

const optionalRef = sourceId.optional();
const optionalName = nameSchema.optional();

export const turnSchema = z.object({
  seq: z.number().int().min(0),
  speaker: z.enum(SPEAKERS),
  text: z.string().max(100_000, RULES.textTooLong.reason),
  /** Seconds from the start of the encounter, when the source knows it. */
  offsetSeconds: z.number().min(0).optional(),
});

export const encounterSchema = z
  .object({
    id: sourceId,
    channel: nameSchema,
    touchpoint: optionalName,
    startedAt: instant,
    endedAt: instant.optional(),
    team: optionalName,
    agent: optionalName,
    customerId: optionalRef,
    waitSeconds: z
      .number()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
    transfers: z.number().int().min(0).max(1000).optional(),
    resolved: z.boolean().optional(),
    turns: z.array(turnSchema).max(10_000),
  })
  .refine((e) => !e.endedAt || e.endedAt >= e.startedAt, {
    message: BEFORE_START.reason,
    path: ["endedAt"],
    params: { code: BEFORE_START.code, params: BEFORE_START.params },
  });

export const responseSchema = z
  .object({
    id: sourceId,
    kind: z.enum(SURVEY_KINDS),
    score: z.number().int(RULES.wholeNumber.reason),
    comment: z.string().max(20_000).optional(),
    answeredAt: instant,
    channel: optionalName,
    touchpoint: optionalName,
    team: optionalName,
    agent: optionalName,
    customerId: optionalRef,
    encounterId: optionalRef,
  })
  .superRefine((r, ctx) => {
    const range = SCORE_RANGE[r.kind];
    if (r.score < range.min || r.score > range.max) {
      const { reason, code, params } = scoreRangeReason(r.kind, r.score);
      ctx.addIssue({ code: "custom", path: ["score"], message: reason, params: { code, params } });
    }
  });

export const invitationSchema = z.object({
  id: sourceId,
  sentAt: instant,
  channel: nameSchema,
  kind: z.enum(SURVEY_KINDS).optional(),
  customerId: optionalRef,
  encounterId: optionalRef,
});

export const pulseSchema = z.object({
  id: sourceId,
  team: nameSchema,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, RULES.month.reason),
  score: z
    .number()
    .int(RULES.wholeNumber.reason)
    .min(0, RULES.pulseRange.reason)
    .max(10, RULES.pulseRange.reason),
  comment: z.string().max(20_000).optional(),
});

export const customerSchema = z.object({
  id: sourceId,
  segment: optionalName,
  yearlyValueEur: z.number().min(0).max(1e12).optional(),
});

/** An agent's `id` is what encounters and answers carry in `agent`, so it is a name too. */
export const agentSchema = z.object({
  id: nameSchema,
  name: z.string().trim().max(200).optional(),
  team: optionalName,
});

export type Turn = z.infer<typeof turnSchema>;
export type Encounter = z.infer<typeof encounterSchema>;
export type SurveyResponse = z.infer<typeof responseSchema>;
export type SurveyInvitation = z.infer<typeof invitationSchema>;
export type PulseAnswer = z.infer<typeof pulseSchema>;
export type Customer = z.infer<typeof customerSchema>;
export type Agent = z.infer<typeof agentSchema>;

export interface RecordOfKind {
  encounters: Encounter;
  responses: SurveyResponse;
  invitations: SurveyInvitation;
  pulse: PulseAnswer;
  customers: Customer;
  agents: Agent;
}

export const SCHEMA_OF_KIND = {
  encounters: encounterSchema,
  responses: responseSchema,
  invitations: invitationSchema,
  pulse: pulseSchema,
  customers: customerSchema,
  agents: agentSchema,
} as const satisfies Record<RecordKind, z.ZodType>;
