/**
 * The closed list of reasons a verified delivery is taken in but stores nothing ("ignored"), as
 * stable codes for a UI to word in its language (POST /hooks/{id} and the integration's deliveries
 * `code`, its parameters in `params`); `detail` / `outcome` keep the English text for logs and API
 * clients. Parameters name an event, a vendor status, message type or rating word, never payload text.
 * - event.not_used {event}; payload.unexpected {event}
 * - chatwoot: message.update_without_csat; message.private_note; message.not_a_turn {type};
 *   message.no_text; message.bad_time; conversation.not_resolved {status}; conversation.nothing_stored
 * - zendesk: ticket.no_description; ticket.stored_before; rating.not_an_answer {score}
 * - formbricks: response.no_score_yet
 */
export const IGNORE_CODES = [
  "event.not_used",
  "payload.unexpected",
  "message.update_without_csat",
  "message.private_note",
  "message.not_a_turn",
  "message.no_text",
  "message.bad_time",
  "conversation.not_resolved",
  "conversation.nothing_stored",
  "ticket.no_description",
  "ticket.stored_before",
  "rating.not_an_answer",
  "response.no_score_yet",
] as const;
export type IgnoreCode = (typeof IGNORE_CODES)[number];

/** Why a delivery stored nothing: its code and parameters, and the English text the API keeps. */
export interface Ignored {
  code: IgnoreCode;
  params: Record<string, string>;
  reason: string;
}

/** An ignore reason; parameters are cut to 100 characters (they come from the vendor's payload). */
export function ignored(code: IgnoreCode, reason: string, params: Record<string, string> = {}): Ignored {
  return {
    code,
    reason,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.slice(0, 100)])),
  };
}

/** A vendor adapter's action for a delivery that stores nothing. */
export function ignore(
  code: IgnoreCode,
  reason: string,
  params?: Record<string, string>,
): { type: "ignore" } & Ignored {
  return { type: "ignore", ...ignored(code, reason, params) };
}

/** A stored code as the API shows it: one of the list, or null (none, or one this version does not know). */
export function knownIgnoreCode(code: string | null): IgnoreCode | null {
  return (IGNORE_CODES as readonly (string | null)[]).includes(code) ? (code as IgnoreCode) : null;
}
