import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** What the inbound hook adapters share: header lookup, the verdict, and the replay window. */

export type HookHeaders = Readonly<Record<string, string | undefined>>;

/** A verified delivery and its dedupe key, or why it was refused (answered with 401). */
export type Verified = { ok: true; deliveryId: string } | { ok: false; reason: string };

/** Deliveries signed longer ago (or further ahead) than this are refused as possible replays. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export function header(headers: HookHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return value === undefined || value === "" ? undefined : value;
}

export function bodyDigest(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

/** Hex HMAC-SHA256 of `message` compared in constant time with `expectedHex`. */
export function hmacHexMatches(secret: string, message: string, expectedHex: string): boolean {
  const actual = createHmac("sha256", secret).update(message).digest();
  const expected = Buffer.from(expectedHex, "hex");
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** Whether a Unix-seconds timestamp header is within the replay window of `nowMs`. */
export function timestampProblem(value: string | undefined, nowMs: number): string | null {
  if (!value || !/^\d+$/.test(value)) return "missing or malformed timestamp header";
  const skew = Math.abs(nowMs / 1000 - Number(value));
  return skew > TIMESTAMP_TOLERANCE_SECONDS
    ? `timestamp is ${Math.round(skew)} s away from now (over ${TIMESTAMP_TOLERANCE_SECONDS} s)`
    : null;
}

/**
 * Standard Webhooks (standardwebhooks' Webhook.verify): webhook-id, webhook-timestamp (refused when
 * over 5 minutes away) and webhook-signature `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
 * with the whsec_ secret. The webhook-id is the dedupe key.
 */
export function verifyStandardWebhook(secret: string | null, body: string, headers: HookHeaders): Verified {
  if (!secret) return { ok: false, reason: "the integration has no secret to verify with" };
  const id = header(headers, "webhook-id");
  try {
    new Webhook(secret).verify(body, {
      "webhook-id": id ?? "",
      "webhook-timestamp": header(headers, "webhook-timestamp") ?? "",
      "webhook-signature": header(headers, "webhook-signature") ?? "",
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, deliveryId: id ?? "" };
}
