import { z } from "zod";
import { CASE_RULE_IDS, CASE_STATUSES } from "./case-rules.ts";

/**
 * Events that notifications carry (webhooks, e-mail). Written to the outbox by the store in the
 * transaction that makes them true; a generic envelope (type + JSON payload), so record and alert
 * events can join later by adding a type and its payload schema here.
 *
 * A payload holds ids, names of teams and rules, dates and statuses: never customer message text
 * (comments, turns, a case's outcome) nor personal data (customer ids, e-mail addresses), because
 * it leaves the system and is kept in delivery logs.
 */
export const NOTIFICATION_EVENT_TYPES = ["case.opened", "case.updated"] as const;
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

export const NOTIFICATION_PAYLOADS = {
  "case.opened": CaseOpenedPayload,
  "case.updated": CaseUpdatedPayload,
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
