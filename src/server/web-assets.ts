import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { KohtaamoError } from "../domain/index.ts";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

/**
 * Serves the web app: the Vite build in web/dist when present, otherwise the shell page in web/.
 * Paths are resolved inside that folder only; unknown non-API paths get index.html so the app's
 * own router can handle deep links.
 */
export function mountWebAssets(app: OpenAPIHono): void {
  const root = fs.existsSync(path.join(WEB_DIR, "dist", "index.html")) ? path.join(WEB_DIR, "dist") : WEB_DIR;
  app.get("*", (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path === "/health") return next();
    const wanted = path.normalize(path.join(root, decodedPath(c.req.url)));
    const file =
      wanted.startsWith(root + path.sep) && fs.existsSync(wanted) && fs.statSync(wanted).isFile()
        ? wanted
        : path.join(root, "index.html");
    const body = fs.readFileSync(file);
    return c.body(body, 200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  });
}

/**
 * The request path decoded exactly once, from the raw URL (c.req.path is already decoded by hono;
 * decoding that again turned `%2541` into `A` and threw on `%A4`). A broken escape or a NUL is 400.
 */
function decodedPath(url: string): string {
  const raw = new URL(url).pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new KohtaamoError("bad_request", "malformed URL: bad percent-escape in the path");
  }
  if (decoded.includes("\0")) throw new KohtaamoError("bad_request", "malformed URL: NUL in the path");
  return decoded;
}
