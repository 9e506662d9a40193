import { z } from "zod";
import { CASE_RULE_IDS, CASE_STATUSES } from "./case-rules.ts";

/**
 * Events that notifications carry (webhooks, e-mail). Written to the outbox by the store in the
 * transaction that makes them true; a generic envelope (type + JSON payload): a new kind of event
 * is a type and its payload schema here. Case events come from the case store, record events
 * (record.stored, record.analysed) from Store.writeBatch and the analysis writes, written only while
 * a webhook wants them (store/record-events.ts), alerts from the alerts.evaluate job.
 *
 * A payload holds ids, names of teams and rules, dates and statuses: never customer message text
 * (comments, turns, a case's outcome) nor personal data (customer ids, e-mail addresses), because
 * it leaves the system and is kept in delivery logs.
 */
export const NOTIFICATION_EVENT_TYPES = [
  "case.opened",
  "case.updated",
  "record.stored",
  "record.analysed",
  "alert.theme_emerging",
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export function isNotificationEventType(value: string): value is NotificationEventType {
  return (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(value);
}

const CasePayloadBase = z.object({
  case_id: z.string(),
  rule: z.enum(CASE_RULE_IDS),
  source: z.object({ kind: z.enum(["response", "encounter"]), id: z.string() }),
  team: z.string().nullable(),
  /** The owner's user id (not their e-mail): receivers that need a person look it up. */
  owner_id: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  due_at: z.string(),
  /** The case in the dashboard, relative to the server's public URL. */
  path: z.string(),
});

export const CaseOpenedPayload = CasePayloadBase;
export const CaseUpdatedPayload = CasePayloadBase.extend({
  /** Which fields a person changed (status, owner, outcome, root_cause_theme) — names only. */
  changed: z.array(z.string()),
  previous_status: z.enum(CASE_STATUSES),
  /** Who changed it: "user:<id>". */
  actor: z.string(),
});

/** An encounter or survey answer created or changed by an import, the batch API or an integration. */
export const RecordStoredPayload = z.object({
  kind: z.enum(["encounter", "response"]),
  id: z.string(),
  change: z.enum(["created", "updated"]),
  team: z.string().nullable(),
  channel: z.string().nullable(),
  touchpoint: z.string().nullable(),
  /** Answers only: the survey's kind and the score given (no comment). */
  survey: z.object({ kind: z.string(), score: z.number() }).nullable(),
  /** The record in the dashboard (an answer: its encounter's page; null without one). */
  path: z.string().nullable(),
  /** The record in the API, for receivers that fetch it with a token. */
  api_path: z.string(),
});

/** A record's analysis was stored (at import, by a worker job or by a reanalysis). */
export const RecordAnalysedPayload = z.object({
  kind: z.enum(["encounter", "response"]),
  id: z.string(),
  analyzer_version: z.string(),
  /** −1..1; an encounter's is the mean tone of the customer's turns. */
  tone: z.object({ label: z.string().nullable(), score: z.number().nullable() }),
  themes: z.array(z.object({ id: z.string(), polarity: z.enum(["negative", "neutral", "positive"]) })),
  path: z.string().nullable(),
  api_path: z.string(),
});

const Interval = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

/**
 * A theme newly emerging (workflows/theme-alerts.ts): its share of the period's analysed encounters
 * is significantly above its own baseline (the themes report's `emerging`). Sent once per theme and
 * period.
 */
export const ThemeEmergingPayload = z.object({
  theme: z.object({ id: z.string(), name: z.object({ fi: z.string(), en: z.string() }) }),
  /** The month (YYYY-MM, the workspace's time zone) whose volume grew. */
  period: z.string(),
  growth: z.object({
    /** % of the period's analysed encounters that mention the theme, Wilson 95% interval. */
    share: Interval.extend({ n: z.number().int() }),
    /** % in the baseline months before it. */
    baseline_share: z.number(),
    /** share ÷ baseline share; its interval is the share's over the baseline (taken as known). */
    ratio: Interval,
    /** Holm-adjusted over every theme and month tested. */
    p_value: z.number(),
    baseline_months: z.number().int(),
  }),
  path: z.string(),
});

export const NOTIFICATION_PAYLOADS = {
  "case.opened": CaseOpenedPayload,
  "case.updated": CaseUpdatedPayload,
  "record.stored": RecordStoredPayload,
  "record.analysed": RecordAnalysedPayload,
  "alert.theme_emerging": ThemeEmergingPayload,
} as const satisfies Record<NotificationEventType, z.ZodType>;

export type NotificationPayload<T extends NotificationEventType> = z.infer<(typeof NOTIFICATION_PAYLOADS)[T]>;

/** One event as written to the outbox. */
export type NotificationEvent = {
  [T in NotificationEventType]: { type: T; payload: NotificationPayload<T> };
}[NotificationEventType];

/** The dashboard's path of a case (the Cases page opens it from `?case=`). */
export function casePath(caseId: string): string {
  return `/cases?case=${encodeURIComponent(caseId)}`;
}

/** The dashboard's page of an encounter (an answer is shown on its encounter's page). */
export function encounterPath(encounterId: string): string {
  return `/encounters/${encodeURIComponent(encounterId)}`;
}
