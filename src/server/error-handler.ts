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
    log(`[error] request ${requestId} ${c.req.method} ${c.req.path}: ${describe(err)}`);
    return c.json({ error: { code: "internal", message: "internal error", requestId } }, 500);
  };
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
