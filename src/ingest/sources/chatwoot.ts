import { z } from "zod";
import {
  bodyDigest,
  type HookHeaders,
  header,
  hmacHexMatches,
  timestampProblem,
  type Verified,
} from "./hook-verification.ts";
import { type Ignored, ignore } from "./ignore-reasons.ts";
import { integrationSecrets } from "./integration-secrets.ts";

/**
 * Chatwoot conversations → encounters, turn by turn, and CSAT survey answers. Pure: a delivery's
 * JSON becomes one action; the hook route applies it to the stored encounter.
 *
 * Shapes from Chatwoot's docs ("Webhook events"): `message_created` / `message_updated` carry the
 * message (`id`, `content`, `created_at`, `message_type` incoming | outgoing | activity | template,
 * `private`, `content_type`, `content_attributes`, `sender` {id, name, type}) with its
 * `conversation` and `inbox`; `conversation_status_changed` carries the conversation itself
 * (`id`, `status`, `meta` {sender, assignee, team}, `timestamp`). A CSAT answer arrives as
 * `message_updated` of the `input_csat` message, whose content_attributes hold
 * `submitted_values.csat_survey_response` {rating 1–5, feedback_message}.
 */

export const chatwootMapping = z
  .object({
    /** Prefix of encounter ids (`chatwoot-<conversation id>`); distinct per Chatwoot account. */
    id_prefix: z
      .string()
      .regex(/^[^\s]{1,40}$/, "1–40 characters without spaces")
      .optional(),
    /** A fixed team for every conversation; by default the conversation's Chatwoot team, else its inbox. */
    team: z.string().min(1).max(200).optional(),
    /** The channel of the encounters (default "chat"). */
    channel: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ChatwootMapping = z.infer<typeof chatwootMapping>;

/**
 * What the pull (chatwoot-pull.ts) needs besides the secret's api_token: where the Chatwoot is,
 * which account, and how fast to ask. The webhook needs none of it.
 */
export const chatwootSettings = z
  .object({
    /** The Chatwoot's origin, e.g. https://app.chatwoot.com or a self-hosted https://chat.acme.fi. */
    base_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** The numeric account id of the application API (/api/v1/accounts/{account_id}/…). */
    account_id: z.number().int().positive().optional(),
    /** Pace of every request of the pull (default 60 a minute). */
    requests_per_minute: z.number().int().min(1).max(6000).optional(),
  })
  .strict();
export type ChatwootSettings = z.infer<typeof chatwootSettings>;

/**
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">` with the webhook's
 * secret (the whole secret, or its signing_secret when it is JSON with the pull's api_token),
 * `X-Chatwoot-Timestamp` within 5 minutes, `X-Chatwoot-Delivery` as the dedupe key.
 */
export function verifyChatwoot(
  secret: string | null,
  body: string,
  headers: HookHeaders,
  nowMs: number,
): Verified {
  const secrets = integrationSecrets(secret);
  if ("problem" in secrets) return { ok: false, reason: `the integration's secret ${secrets.problem}` };
  if (!secrets.signingSecret) return { ok: false, reason: "the integration has no secret to verify with" };
  const signature = header(headers, "x-chatwoot-signature");
  const timestamp = header(headers, "x-chatwoot-timestamp");
  if (!signature?.startsWith("sha256="))
    return { ok: false, reason: "missing or malformed X-Chatwoot-Signature" };
  const stale = timestampProblem(timestamp, nowMs);
  if (stale) return { ok: false, reason: `X-Chatwoot-Timestamp: ${stale}` };
  if (!hmacHexMatches(secrets.signingSecret, `${timestamp}.${body}`, signature.slice(7))) {
    return { ok: false, reason: "X-Chatwoot-Signature does not match the body" };
  }
  return { ok: true, deliveryId: header(headers, "x-chatwoot-delivery") ?? `body-${bodyDigest(body)}` };
}

export type Speaker = "customer" | "agent" | "bot";

/** What one delivery asks for. */
export type ChatwootAction =
  | {
      type: "turn";
      encounterId: string;
      messageId: string;
      speaker: Speaker;
      text: string;
      at: string;
      conversationStartedAt: string | null;
      fields: ConversationFields;
    }
  | { type: "resolve"; encounterId: string; at: string; fields: ConversationFields }
  | {
      type: "csat";
      encounterId: string;
      answerId: string;
      rating: unknown;
      feedback: string | null;
      at: string;
      fields: ConversationFields;
    }
  | ({ type: "ignore" } & Ignored);

/** What the conversation says about itself; absent values leave the stored ones alone. */
export interface ConversationFields {
  team?: string;
  channel: string;
  agent?: string;
  customerId?: string;
}

const named = z
  .object({ id: z.union([z.number(), z.string()]).optional(), name: z.string().nullish() })
  .passthrough();
const conversationShape = z
  .object({
    id: z.union([z.number(), z.string()]),
    status: z.string().optional(),
    created_at: z.union([z.number(), z.string()]).optional(),
    timestamp: z.union([z.number(), z.string()]).optional(),
    contact_inbox: z
      .object({ contact_id: z.union([z.number(), z.string()]).optional() })
      .passthrough()
      .nullish(),
    meta: z
      .object({ sender: named.nullish(), assignee: named.nullish(), team: named.nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
const messageShape = z
  .object({
    event: z.string(),
    id: z.union([z.number(), z.string()]),
    content: z.string().nullish(),
    created_at: z.union([z.number(), z.string()]),
    message_type: z.union([z.string(), z.number()]),
    content_type: z.string().nullish(),
    private: z.boolean().optional(),
    content_attributes: z.record(z.string(), z.unknown()).nullish(),
    sender: named.extend({ type: z.string().nullish() }).nullish(),
    inbox: named.nullish(),
    conversation: conversationShape,
  })
  .passthrough();
const statusShape = conversationShape.extend({ event: z.string(), status: z.string() });

/** Chatwoot's numeric message types (older payloads and nested messages). */
const MESSAGE_TYPES = ["incoming", "outgoing", "activity", "template"];

export function chatwootAction(payload: unknown, mapping: ChatwootMapping, nowIso: string): ChatwootAction {
  const event = (payload as { event?: unknown } | null)?.event;
  const prefix = mapping.id_prefix ?? "chatwoot-";
  const channel = mapping.channel ?? "chat";
  if (event === "message_created" || event === "message_updated") {
    const m = messageShape.safeParse(payload);
    if (!m.success)
      return ignore("payload.unexpected", `unexpected ${event} payload: ${firstIssue(m.error)}`, { event });
    const msg = m.data;
    const encounterId = `${prefix}${msg.conversation.id}`;
    const fields = conversationFields(msg.conversation, mapping, channel, msg.inbox?.name ?? undefined);
    if (event === "message_updated") {
      const submitted = (msg.content_attributes?.submitted_values as Record<string, unknown> | undefined)
        ?.csat_survey_response as { rating?: unknown; feedback_message?: unknown } | undefined;
      if (msg.content_type !== "input_csat" || !submitted || submitted.rating === undefined) {
        return ignore("message.update_without_csat", "message_updated without a CSAT answer");
      }
      return {
        type: "csat",
        encounterId,
        answerId: `${encounterId}-csat`,
        rating: submitted.rating,
        feedback: typeof submitted.feedback_message === "string" ? submitted.feedback_message : null,
        at: instant(msg.created_at) ?? nowIso,
        fields,
      };
    }
    // A private note is for the team only: it is never stored, not even as an empty turn.
    if (msg.private) return ignore("message.private_note", "private note (never stored)");
    const type = typeof msg.message_type === "number" ? MESSAGE_TYPES[msg.message_type] : msg.message_type;
    if (type !== "incoming" && type !== "outgoing" && type !== "template") {
      return ignore("message.not_a_turn", `${type ?? "unknown"} message (not a turn)`, {
        type: type ?? "unknown",
      });
    }
    const text = msg.content?.trim() ?? "";
    if (!text) return ignore("message.no_text", "message without text (attachment only)");
    const at = instant(msg.created_at);
    if (!at) return ignore("message.bad_time", "message created_at is not a time");
    return {
      type: "turn",
      encounterId,
      messageId: String(msg.id),
      speaker: speakerOf(type, msg.sender?.type ?? null),
      text,
      at,
      conversationStartedAt: instant(msg.conversation.created_at),
      fields,
    };
  }
  if (event === "conversation_status_changed" || event === "conversation_resolved") {
    const c = statusShape.safeParse(payload);
    if (!c.success)
      return ignore("payload.unexpected", `unexpected ${event} payload: ${firstIssue(c.error)}`, { event });
    if (c.data.status !== "resolved")
      return ignore("conversation.not_resolved", `status ${c.data.status}`, { status: c.data.status });
    return {
      type: "resolve",
      encounterId: `${prefix}${c.data.id}`,
      at: instant(c.data.timestamp) ?? nowIso,
      fields: conversationFields(c.data, mapping, channel, undefined),
    };
  }
  const name = typeof event === "string" ? event : "(none)";
  return ignore("event.not_used", `event ${name} is not used`, { event: name });
}

function speakerOf(type: string, senderType: string | null): Speaker {
  if (type === "incoming") return "customer";
  if (type === "template") return "bot";
  // Outgoing: a person (type "user") is the agent; bots and Captain, or no sender at all, are automation.
  return senderType?.toLowerCase() === "user" ? "agent" : "bot";
}

function conversationFields(
  c: z.infer<typeof conversationShape>,
  mapping: ChatwootMapping,
  channel: string,
  inboxName: string | undefined,
): ConversationFields {
  const team = mapping.team ?? c.meta?.team?.name ?? inboxName ?? undefined;
  const agent = c.meta?.assignee?.name ?? undefined;
  const contact = c.meta?.sender?.id ?? c.contact_inbox?.contact_id;
  return {
    channel,
    ...(team ? { team } : {}),
    ...(agent ? { agent } : {}),
    ...(contact !== undefined ? { customerId: `chatwoot-contact-${contact}` } : {}),
  };
}

/** Chatwoot times: Unix seconds, ISO strings, or "2020-03-03 13:05:57 UTC". */
function instant(value: unknown): string | null {
  if (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value))) {
    return new Date(Number(value) * 1000).toISOString();
  }
  if (typeof value !== "string") return null;
  const ms = Date.parse(value.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/, "$1T$2Z"));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(body)"}: ${issue.message}` : "invalid";
}
