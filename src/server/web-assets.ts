import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { KohtaamoError } from "../domain/index.ts";

const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/** Served when web/dist was not built: what to do, and where the API is meanwhile. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kohtaamo</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Kohtaamo</h1>
<p>The web app is not built yet. Run <code>npm install</code> (or <code>npm run build:web</code>) and start again;
the server's log says why the build did not run.</p>
<p>The API answers meanwhile: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>`;

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
 * Serves the web app: the Vite build in web/dist (built by `npm install` or `npm start`), or a page
 * saying how to build it. Paths are resolved inside that folder only; unknown non-API paths get
 * index.html so the app's own router can handle deep links, except under /assets/, where a missing
 * file is a 404. Hashed assets may be cached for good.
 */
export function mountWebAssets(app: OpenAPIHono, root: string = DIST_DIR): void {
  app.get("*", (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path === "/health" || c.req.path === "/health/ready")
      return next();
    if (!fs.existsSync(path.join(root, "index.html"))) {
      decodedPath(c.req.url);
      return c.html(NOT_BUILT_PAGE, 200);
    }
    const wanted = path.normalize(path.join(root, decodedPath(c.req.url)));
    const found = wanted.startsWith(root + path.sep) && fs.existsSync(wanted) && fs.statSync(wanted).isFile();
    // A build file that is not there (a page's chunk of the build before a redeploy, asked for by a
    // page loaded before it) is a 404, not the app's index.html: a script or stylesheet request
    // answered with HTML fails obscurely, a 404 plainly (web/src/components/lazy-page.tsx).
    if (!found && wanted.startsWith(path.join(root, "assets") + path.sep))
      throw new KohtaamoError("not_found", `no such file in the web app's build: ${c.req.path}`);
    const file = found ? wanted : path.join(root, "index.html");
    const body = fs.readFileSync(file);
    const immutable = file.startsWith(path.join(root, "assets") + path.sep);
    return c.body(body, 200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
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
