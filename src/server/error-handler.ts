import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_CODES, KohtaamoError } from "../domain/index.ts";

/** Where unexpected failures are written: one line each, by default to stderr. */
export type ErrorLog = (line: string) => void;

const writeToStderr: ErrorLog = (line) => process.stderr.write(`${line}\n`);

/** The id hono's `requestId` middleware gave this request ("-" before it ran). */
export function requestIdOf(c: Context): string {
  return (c.get("requestId" as never) as string | undefined) ?? "-";
}

/**
 * The one place where errors become HTTP answers. Mistakes the caller can fix keep their code and
 * message (400/422 with the field); anything else is a generic 500 with no internal message — the
 * caller gets the request id, the server log gets the same id with what went wrong (never the
 * request body or query, which may hold customer text).
 */
export function errorHandler(log: ErrorLog = writeToStderr): ErrorHandler {
  return (err, c) => {
    const requestId = requestIdOf(c);
    if (err instanceof KohtaamoError && err.code !== "internal") {
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.details ? { details: err.details } : {}),
            requestId,
          },
        },
        ERROR_CODES[err.code] as ContentfulStatusCode,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? "payload_too_large" : status === 404 ? "not_found" : "bad_request";
      return c.json({ error: { code, message: err.message || "request not accepted", requestId } }, status);
    }
    const busy = busyDatabaseCode(err);
    if (busy !== null) {
      log(`[busy] request ${requestId} ${c.req.method} ${c.req.path}: database busy (${busy}), answered 503`);
      c.header("Retry-After", String(BUSY_RETRY_AFTER_S));
      return c.json({ error: { code: "unavailable", message: BUSY_MESSAGE, requestId } }, 503);
    }
    log(`[error] request ${requestId} ${c.req.method} ${c.req.path}: ${describe(err)}`);
    return c.json({ error: { code: "internal", message: "internal error", requestId } }, 500);
  };
}

/** What a caller is told when the database was too busy for its request. */
export const BUSY_MESSAGE =
  "the database is busy (another write held it longer than this request could wait); this request was not completed, try again in a moment";
/** Seconds a client is asked to wait before trying a busy request again. */
export const BUSY_RETRY_AFTER_S = 2;

/**
 * Driver error codes of a database that is busy, not broken: the request's transaction was rolled
 * back and the same request can succeed a moment later. SQLite: the write lock was held past the
 * busy timeout (10 s) by another process, e.g. a `kohtaamo worker` importing. PostgreSQL: a lock
 * not granted within lock_timeout, a serialization failure, a deadlock, no connection slot free.
 */
const BUSY_CODES: ReadonlySet<string> = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_TIMEOUT",
  "55P03", // lock_not_available
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "53300", // too_many_connections
  "57P03", // cannot_connect_now
]);

/** The busy code of `err` or of an error it wraps (`cause`), or null when it is anything else. */
export function busyDatabaseCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && BUSY_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Name, first line of the message and where it was thrown: enough to find the cause, on one line. */
function describe(err: Error): string {
  const message = (err.message ?? "").split("\n", 1)[0]?.slice(0, 300);
  const code = (err as { code?: unknown }).code;
  const at = err.stack
    ?.split("\n")
    .find((l) => l.trimStart().startsWith("at "))
    ?.trim();
  return `${err.name}${typeof code === "string" ? ` [${code}]` : ""}: ${message}${at ? ` (${at})` : ""}`;
}

export function notFound(c: Context): Response {
  return c.json(
    {
      error: {
        code: "not_found",
        message: `no route ${c.req.method} ${c.req.path}`,
        requestId: requestIdOf(c),
      },
    },
    404,
  );
}

/**
 * Refuses a URL whose path or query has a broken percent-escape (`/%A4`, `?q=%E0%A4`) with 400,
 * before any route decodes it: decoding it later would throw and end as a 500.
 */
export function wellFormedUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("://") + 3);
    const pathAndQuery = start === -1 ? "" : url.slice(start);
    try {
      decodeURIComponent(pathAndQuery);
    } catch {
      throw new KohtaamoError(
        "bad_request",
        "malformed URL: a percent sign must be followed by a valid UTF-8 escape (%XX)",
      );
    }
    await next();
  };
}
