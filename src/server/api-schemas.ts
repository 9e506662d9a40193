import { z } from "@hono/zod-openapi";
import { PROBLEM_CODES, SURVEY_KINDS } from "../domain/index.ts";
import { EFFORT_SIGNALS, TONE_LABELS, TRAJECTORIES } from "../store/record-filter.ts";
import { RecordFilterFields } from "./list-filter.ts";

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

/** Encounter lists: the common filters and the analysis filters (list-filter.ts). */
export const EncounterListQuery = ListQuery.extend(RecordFilterFields.shape);
/** Survey answer lists: as encounters, plus the survey kind. */
export const ResponseListQuery = SurveyListQuery.extend(RecordFilterFields.shape);

const ExportFormat = z.enum(["csv", "xlsx", "jsonl"]).default("csv").openapi({
  description: "csv (one row per turn for encounters), xlsx or jsonl; the import format's columns",
});
/** Exports take the list's filters (no paging: every matching record) and a format. */
export const EncounterExportQuery = EncounterListQuery.omit({ cursor: true, limit: true }).extend({
  format: ExportFormat,
});
export const ResponseExportQuery = ResponseListQuery.omit({ cursor: true, limit: true }).extend({
  format: ExportFormat,
});

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

const Tone = z.object({ label: z.enum(TONE_LABELS), score: z.number() }).openapi("Tone");
const ThemeHit = z
  .object({
    id: z.string(),
    polarity: z.enum(TONE_LABELS),
    name: z.object({ fi: z.string(), en: z.string() }),
  })
  .openapi("ThemeHit");
const Emotion = z.object({ id: z.string(), score: z.number(), present: z.boolean() }).openapi("Emotion");
const Effort = z
  .object({
    signals: z.array(z.enum(EFFORT_SIGNALS)),
    stated_wait_seconds: nullable(z.number()),
  })
  .openapi("Effort");

const SentenceReading = z
  .object({
    start: z.number().int(),
    end: z.number().int(),
    tone: Tone,
    themes: z.array(ThemeHit),
  })
  .openapi("SentenceReading", {
    description:
      "one sentence of a long text as the analysis read it: the range [start, end) of the text, in UTF-16 code units as JavaScript indexes strings (an emoji counts 2), with the sentence's own tone and themes",
  });

/** What the analysis found in one text: an answer's comment or one turn. */
export const TextAnalysis = z
  .object({
    tone: Tone,
    emotions: z.array(Emotion),
    themes: z.array(ThemeHit),
    effort: Effort,
    sentences: z.array(SentenceReading).openapi({
      description:
        "a text of more than 40 words is read sentence by sentence and its tone and themes rolled up from them: its sentences in order (a quoted earlier message and a signature are not among them); empty for a text read as one piece",
    }),
    unread_language: nullable(z.string()).openapi({
      description:
        'the text\'s language when the analysis does not read it: "sv" (Swedish) or "other" (Estonian, or a language in a non-Latin script). Its tone is then no reading (neutral, 0), it has no themes, emotions or effort signals, and reports leave it out. Null when the text was read',
    }),
  })
  .openapi("TextAnalysis");

export const TurnAnalysis = TextAnalysis.extend({
  behaviours: z.array(z.string()).openapi({ description: "agent turns: QA behaviours found" }),
}).openapi("TurnAnalysis");

const ArcPoint = z
  .object({
    turn: z.number().int().openapi({ description: "index into turns" }),
    seq: z.number().int(),
    score: z.number(),
  })
  .openapi("ArcPoint");

export const EncounterAnalysis = z
  .object({
    analyzer_version: z.string(),
    lang: z.string(),
    tone: nullable(Tone).openapi({ description: "the customer's mean tone (neutral within ±0.2)" }),
    arc: z.object({
      start: nullable(ArcPoint),
      end: nullable(ArcPoint),
      low: nullable(ArcPoint),
      high: nullable(ArcPoint),
      trajectory: z.enum(TRAJECTORIES),
    }),
    moments: z.array(ArcPoint.extend({ kind: z.enum(["peak", "end"]) })).openapi({
      description: "peak–end: the customer's most intense turn and last turn",
    }),
    themes: z.array(ThemeHit),
    emotions: z.array(Emotion),
    behaviours: z.array(z.string()),
    effort: Effort,
  })
  .openapi("EncounterAnalysis");

/** What a list shows of each record's analysis: the facts its filters read. */
export const ListFacts = z
  .object({
    tone: nullable(Tone),
    themes: z.array(ThemeHit),
    trajectory: nullable(z.enum(TRAJECTORIES)).openapi({ description: "encounters; null for answers" }),
    effort: z.array(z.enum(EFFORT_SIGNALS)),
    unread_language: nullable(z.string()).openapi({
      description:
        'the record\'s language when the analysis left it unread ("sv", "other"; see TextAnalysis): `tone` is then null; null when read or not analysed',
    }),
  })
  .openapi("ListFacts");

export const EncounterListItem = EncounterSummary.extend({ facts: ListFacts }).openapi("EncounterListItem");

export const AnswerAnalysis = TextAnalysis.extend({
  analyzer_version: z.string(),
  lang: z.string(),
}).openapi("AnswerAnalysis");

export const LinkedAnswer = z
  .object({ id: z.string(), kind: z.string(), score: z.number(), answered_at: z.string() })
  .openapi("LinkedAnswer");

export const EncounterDetail = EncounterSummary.extend({
  turns: z.array(Turn.extend({ analysis: nullable(TurnAnalysis) })),
  analysis: nullable(EncounterAnalysis).openapi({ description: "null until the encounter is analysed" }),
  survey_responses: z.array(LinkedAnswer).openapi({ description: "survey answers that name this encounter" }),
}).openapi("Encounter");

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

export const TextSpan = z
  .object({ start: z.number().int(), end: z.number().int() })
  .openapi("TextSpan", { description: "a character range [start, end) of the comment" });

export const ResponseListItem = ResponseRecord.extend({
  facts: ListFacts,
  highlights: z.array(TextSpan).optional().openapi({
    description:
      "with a theme filter: the comment's sentences in which the analysis finds that theme on their own (none when only the whole comment carries it)",
  }),
}).openapi("SurveyResponseListItem");

export const ResponseDetail = ResponseRecord.extend({
  analysis: nullable(AnswerAnalysis).openapi({ description: "null for an answer without a comment" }),
}).openapi("SurveyResponseDetail");

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

/** What is wrong with one field of an item or row (domain FieldProblem), as the API and the import pages show it. */
export const FieldProblemBody = z
  .object({
    field: z.string().describe("the field as the input named it, or where in a file (line 5)"),
    reason: z.string().describe("why, in English"),
    code: z
      .enum(PROBLEM_CODES)
      .optional()
      .describe("the reason's stable code (domain/problem-codes.ts), for wording it in another language"),
    params: z.record(z.string(), z.string()).optional().describe("the values the reason quotes, by name"),
  })
  .openapi("FieldProblem");

export const BatchResult = z
  .object({
    accepted: z.array(z.string()),
    errors: z.array(
      z.object({
        index: z.number(),
        id: z.string().optional(),
        problems: z.array(FieldProblemBody),
      }),
    ),
    imported: z.number(),
    updated: z.number(),
    unchanged: z.number(),
  })
  .openapi("BatchResult");

/** Types of the wire shapes, for clients in TypeScript (web/): what the routes answer, as zod infers it. */
export type EncounterDetailBody = z.infer<typeof EncounterDetail>;
export type EncounterAnalysisBody = z.infer<typeof EncounterAnalysis>;
export type ResponseDetailBody = z.infer<typeof ResponseDetail>;
export type EncounterSummaryBody = z.infer<typeof EncounterSummary>;
export type EncounterListItemBody = z.infer<typeof EncounterListItem>;
export type ResponseRecordBody = z.infer<typeof ResponseRecord>;
export type ResponseListItemBody = z.infer<typeof ResponseListItem>;
export type ListFactsBody = z.infer<typeof ListFacts>;
export type EncounterListQueryValues = z.infer<typeof EncounterListQuery>;
export type ResponseListQueryValues = z.infer<typeof ResponseListQuery>;
