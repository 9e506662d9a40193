import { Webhook } from "standardwebhooks";

/** What one attempt to deliver a webhook came to. */
export interface SendOutcome {
  /** delivered: 2xx; gone: 410, the endpoint asks to be switched off; retry: anything else. */
  result: "delivered" | "gone" | "retry";
  statusCode: number | null;
  durationMs: number;
  /** Short, about the transport only (never the receiver's response body). */
  error: string | null;
}

export interface WebhookMessage {
  /** `webhook-id`: the same for every attempt of one event, so receivers can drop duplicates. */
  id: string;
  /** The JSON body, exactly the bytes signed. */
  body: string;
}

/** How long a receiver may take to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The headers of a Standard Webhooks request, signed with the endpoint's whsec_ secret. */
export function signedHeaders(secret: string, message: WebhookMessage, at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Kohtaamo-Webhooks/1",
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    // v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"> (standardwebhooks computes it).
    "webhook-signature": new Webhook(secret).sign(message.id, at, message.body),
  };
}

/**
 * POSTs one signed message. Redirects are not followed (a 3xx is a failure to retry): the
 * endpoint is the URL an admin registered, not wherever it points. The timestamp is the real
 * clock's at sending, because receivers compare it with theirs to refuse replays.
 */
export async function sendWebhook(
  endpoint: { url: string; secret: string },
  message: WebhookMessage,
  options: { timeoutMs?: number; at?: Date } = {},
): Promise<SendOutcome> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: signedHeaders(endpoint.secret, message, options.at ?? new Date()),
      body: message.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read (and drop) the answer so the connection is released; its content is never kept.
    await response.arrayBuffer().catch(() => undefined);
    const durationMs = performance.now() - started;
    const status = response.status;
    if (status >= 200 && status < 300)
      return { result: "delivered", statusCode: status, durationMs, error: null };
    if (status === 410) return { result: "gone", statusCode: status, durationMs, error: "410 Gone" };
    const error = status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
    return { result: "retry", statusCode: status, durationMs, error };
  } catch (cause) {
    const durationMs = performance.now() - started;
    return { result: "retry", statusCode: null, durationMs, error: transportError(cause, timeoutMs) };
  }
}

function transportError(cause: unknown, timeoutMs: number): string {
  const e = cause as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const code = e.cause?.code;
  return (code ? `${code}: ` : "") + (e.cause?.message ?? e.message ?? String(cause)).slice(0, 300);
}
