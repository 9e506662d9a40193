import type { ColumnType, Generated } from "kysely";

/** Tables of migration 0011 (notifications). Timestamps are ISO text and booleans 0/1, as elsewhere. */

/** Something that happened, written in the transaction that made it true (the outbox). */
export interface OutboxEventTable {
  /** A UUID; webhooks send it as `webhook-id` (msg_<id>), so receivers can drop duplicates. */
  id: string;
  /** `case.opened`, `case.updated`, … (domain/notification-events.ts). */
  type: string;
  /** JSON of ids, names and dates — never customer text or personal data. */
  payload: string;
  created_at: string;
  /** When the dispatcher made its deliveries; null while it has not. */
  fanned_out_at: string | null;
}

/** An outgoing webhook endpoint; `secret` (whsec_…) signs its deliveries and is shown once. */
export interface WebhookTable {
  id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  enabled: number;
  description: string | null;
  secret: string;
  /** Why the dispatcher switched it off (e.g. the receiver answered 410 Gone). */
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** One event to one target (a webhook's id, or a user's id for e-mail), with its retry state. */
export interface NotificationDeliveryTable {
  id: Generated<number>;
  event_id: string;
  channel: string;
  target: string;
  /** pending → delivered | failed | cancelled. */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

/** One try of a delivery: what the receiver said, how long it took, when the next try is. */
export interface NotificationAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: string;
  status_code: ColumnType<number | null, number | null | undefined, number | null>;
  duration_ms: number;
  error: string | null;
  next_attempt_at: string | null;
}

/** A user's choices for notifications: the language of their e-mails. */
export interface NotificationPreferenceTable {
  user_id: string;
  language: string;
  updated_at: string;
}
