import { z } from "@hono/zod-openapi";
import type { ListFilter } from "../store/index.ts";
import {
  EFFORT_SIGNALS,
  type RecordFilter,
  SCORE_BANDS,
  TONE_LABELS,
  TRAJECTORIES,
  UNREAD_FILTERS,
} from "../store/record-filter.ts";
import { reportFilter } from "../workflows/report-params.ts";
import { isThemeId } from "../workflows/theme-names.ts";

interface ListQueryValues {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  agent?: string | undefined;
  channel?: string | undefined;
  customer_id?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Query-string filters → store filter, dates and channels accepted in the same forms as imports
 * ("puhelin" is phone). Team, agent and channel names are matched by key in the store
 * (store/name-filter.ts), so `?team=laskutus` finds "Laskutus".
 */
export function toListFilter(q: ListQueryValues, timeZone: string): ListFilter {
  // Period, team, agent and channel are parsed exactly as the reports parse them (one place).
  const filter: ListFilter = reportFilter(q, timeZone);
  if (q.customer_id) filter.customerId = q.customer_id;
  if (q.cursor) filter.cursor = q.cursor;
  if (q.limit) filter.limit = q.limit;
  return filter;
}

/**
 * The analysis filters of encounter and answer lists and exports, one schema for the query string
 * and the CLI's options (export-command.ts), so both accept and refuse the same values.
 */
export const RecordFilterFields = z.object({
  touchpoint: z.string().min(1).optional(),
  theme: z
    .string()
    .refine(isThemeId, { message: "not a theme id of the taxonomy (e.g. billing, waiting)" })
    .optional()
    .openapi({
      description: "a theme id of the taxonomy; records where the analysis found it",
      example: "billing",
    }),
  polarity: z.enum(TONE_LABELS).optional().openapi({
    description: "with theme: only where that theme is spoken of in this tone; alone: any theme in this tone",
  }),
  tone: z.enum(TONE_LABELS).optional().openapi({
    description: "the text's tone; for an encounter, its customer's mean tone (neutral within ±0.2)",
  }),
  trajectory: z.enum(TRAJECTORIES).optional().openapi({
    description: "the encounter's tone arc; for answers, the arc of their linked encounter",
  }),
  effort: z.enum(EFFORT_SIGNALS).optional().openapi({ description: "an effort signal the customer states" }),
  score_band: z.enum(SCORE_BANDS).optional().openapi({
    description:
      "NPS band (0–6, 7–8, 9–10): NPS answers in it; for encounters, those with a linked NPS answer in it",
  }),
  unread: z.enum(UNREAD_FILTERS).optional().openapi({
    description:
      'records the analysis left unread for their language (it reads Finnish and English): "sv" Swedish, "other" another language (Estonian, a non-Latin script), "any" either',
  }),
  q: z.string().min(1).max(200).optional().openapi({
    description:
      "case-insensitive substring of the (redacted) text: an encounter's turns, an answer's comment",
  }),
});

export type RecordFilterValues = z.infer<typeof RecordFilterFields>;

/** Common list filters plus the analysis filters → the store's RecordFilter. */
export function toRecordFilter(
  q: ListQueryValues & RecordFilterValues & { kind?: string | undefined },
  timeZone: string,
): RecordFilter {
  const filter: RecordFilter = toListFilter(q, timeZone);
  if (q.touchpoint) filter.touchpoint = q.touchpoint;
  if (q.theme) filter.theme = q.theme;
  if (q.polarity) filter.polarity = q.polarity;
  if (q.tone) filter.tone = q.tone;
  if (q.trajectory) filter.trajectory = q.trajectory;
  if (q.effort) filter.effort = q.effort;
  if (q.score_band) filter.scoreBand = q.score_band;
  if (q.unread) filter.unread = q.unread;
  if (q.q) filter.text = q.q;
  if (q.kind) filter.kind = q.kind;
  return filter;
}
