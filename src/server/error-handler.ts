import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_CODES, KohtaamoError } from "../domain/index.ts";

/**
 * The one place where errors become HTTP answers. Known errors keep their message; anything
 * else is logged server-side (without request bodies, which may hold customer text) and the
 * client gets a generic 500 — never a stack trace.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof KohtaamoError) {
    return c.json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
      ERROR_CODES[err.code] as ContentfulStatusCode,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "payload_too_large" : status === 404 ? "not_found" : "bad_request";
    return c.json({ error: { code, message: err.message || "request not accepted" } }, status);
  }
  process.stderr.write(`[error] ${c.req.method} ${c.req.path}: ${err.name}: ${err.message}\n`);
  return c.json({ error: { code: "internal", message: "internal error" } }, 500);
}

export function notFound(c: Context): Response {
  return c.json({ error: { code: "not_found", message: `no route ${c.req.method} ${c.req.path}` } }, 404);
}
