import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  bodyDigest,
  type HookHeaders,
  header,
  TIMESTAMP_TOLERANCE_SECONDS,
  type Verified,
} from "./hook-verification.ts";
import { type Ignored, ignore } from "./ignore-reasons.ts";
import { integrationSecrets } from "./integration-secrets.ts";
import {
  encounterIdOf,
  ratingShape,
  ticketChannel,
  ticketShape,
  type ZendeskMapping,
  type ZendeskRating,
} from "./zendesk-records.ts";

/**
 * Zendesk as an integration: its settings and secret, the webhook's signature, and what a
 * delivery asks for. Pure; the pull is zendesk-pull.ts, the records zendesk-records.ts.
 *
 * The one sealed secret of the integration holds both of Zendesk's secrets as JSON,
 * `{"signing_secret": "…", "api_token": "…"}` (either may be left out); a bare string is the
 * webhook's signing secret alone. The pull authenticates as `{email}/token:{api_token}`.
 */

export const zendeskSettings = z
  .object({
    /** `acme` for https://acme.zendesk.com. */
    subdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, "the account's subdomain, e.g. acme for acme.zendesk.com")
      .optional(),
    /** The API's origin instead of a subdomain (a host mapping or a test server). */
    base_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** The agent or admin the API token belongs to. */
    email: z.email("must be an e-mail address").optional(),
    /** Pace of the incremental export: Zendesk allows 10 requests a minute (the default). */
    requests_per_minute: z.number().int().min(1).max(6000).optional(),
    /** Tickets per incremental export page (Zendesk: up to 1000; default 100). */
    page_size: z.number().int().min(1).max(1000).optional(),
    /** Where the first pull starts (ISO time); default: the beginning of the account. */
    start_time: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((s) => !(s.subdomain && s.base_url), {
    message: "give subdomain or base_url, not both",
    path: ["base_url"],
  });
export type ZendeskSettings = z.infer<typeof zendeskSettings>;

/** Zendesk's two secrets in the one sealed field (integration-secrets.ts). */
export const zendeskSecrets = integrationSecrets;

/**
 * `X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(signing secret, timestamp + body))` with
 * `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601, as Zendesk sends it) within 5 minutes.
 * `X-Zendesk-Webhook-Invocation-Id` (the same on every retry of one invocation) is the dedupe key;
 * without it the event's own id, else the body's digest.
 */
export function verifyZendesk(
  secret: string | null,
  body: string,
  headers: HookHeaders,
  nowMs: number,
): Verified {
  const secrets = zendeskSecrets(secret);
  if ("problem" in secrets) return { ok: false, reason: `the integration's secret ${secrets.problem}` };
  if (!secrets.signingSecret) return { ok: false, reason: "the integration has no signing secret" };
  const signature = header(headers, "x-zendesk-webhook-signature");
  const timestamp = header(headers, "x-zendesk-webhook-signature-timestamp");
  if (!signature) return { ok: false, reason: "missing X-Zendesk-Webhook-Signature" };
  const at = timestamp ? instantMs(timestamp) : null;
  if (at === null) return { ok: false, reason: "missing or malformed X-Zendesk-Webhook-Signature-Timestamp" };
  const skew = Math.abs(nowMs - at) / 1000;
  if (skew > TIMESTAMP_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: `X-Zendesk-Webhook-Signature-Timestamp is ${Math.round(skew)} s away from now (over ${TIMESTAMP_TOLERANCE_SECONDS} s)`,
    };
  }
  const actual = createHmac("sha256", secrets.signingSecret).update(`${timestamp}${body}`).digest();
  const expected = Buffer.from(signature, "base64");
  if (expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "X-Zendesk-Webhook-Signature does not match the body" };
  }
  const eventId = (() => {
    try {
      const id = (JSON.parse(body) as { id?: unknown } | null)?.id;
      return typeof id === "string" && id !== "" ? `event-${id.slice(0, 200)}` : undefined;
    } catch {
      return undefined;
    }
  })();
  return {
    ok: true,
    deliveryId: header(headers, "x-zendesk-webhook-invocation-id") ?? eventId ?? `body-${bodyDigest(body)}`,
  };
}

function instantMs(value: string): number | null {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** What one webhook delivery asks for. */
export type ZendeskAction =
  | { type: "ticket"; encounterId: string; item: Record<string, unknown> }
  | { type: "rating"; rating: ZendeskRating }
  | ({ type: "ignore" } & Ignored);

const ticketCreated = z.object({
  type: z.literal("zen:event-type:ticket.created"),
  detail: ticketShape.extend({ description: z.string().nullish() }),
});

/**
 * A delivery → an action. Two shapes are taken in:
 * - the `zen:event-type:ticket.created` event (a webhook subscribed to ticket events): a new
 *   ticket, stored as an encounter whose first turn is the requester's description; its later
 *   comments come with the pull;
 * - `{"satisfaction_rating": {…}}`, the body of the triggers on "Satisfaction is Good / Bad"
 *   (README), shaped as the Satisfaction Ratings API's object.
 */
export function zendeskAction(payload: unknown, mapping: ZendeskMapping): ZendeskAction {
  const body = payload as { type?: unknown; satisfaction_rating?: unknown } | null;
  if (body && typeof body === "object" && "satisfaction_rating" in body) {
    const r = ratingShape.safeParse(body.satisfaction_rating);
    if (!r.success)
      return ignore("payload.unexpected", `unexpected satisfaction_rating: ${firstIssue(r.error)}`, {
        event: "satisfaction_rating",
      });
    return { type: "rating", rating: r.data };
  }
  if (body?.type !== "zen:event-type:ticket.created") {
    const type = typeof body?.type === "string" ? body.type.slice(0, 100) : "(none)";
    return ignore("event.not_used", `event ${type} is not used (comments come with the pull)`, {
      event: type,
    });
  }
  const t = ticketCreated.safeParse(payload);
  if (!t.success)
    return ignore("payload.unexpected", `unexpected ticket.created: ${firstIssue(t.error)}`, {
      event: "ticket.created",
    });
  const ticket = t.data.detail;
  const text = ticket.description?.trim() ?? "";
  if (!text)
    return ignore("ticket.no_description", "ticket without a description (its comments come with the pull)");
  const encounterId = encounterIdOf(mapping, ticket.id);
  const channel = ticketChannel(mapping, ticket.via?.channel);
  return {
    type: "ticket",
    encounterId,
    item: {
      id: encounterId,
      channel,
      started_at: new Date(Date.parse(ticket.created_at)).toISOString(),
      ...(mapping.team ? { team: mapping.team } : {}),
      ...(ticket.requester_id ? { customer_id: `zendesk-user-${ticket.requester_id}` } : {}),
      turns: [{ speaker: "customer", text, at: 0 }],
    },
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(body)"}: ${issue.message}` : "invalid";
}
