import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web");
const DIST = path.join(WEB_DIR, "dist");
const BUILT = path.join(DIST, "index.html");
/** What the build reads: a change to any of these makes web/dist stale. */
const SOURCES = ["index.html", "vite.config.ts", "src", "public"];

function newestChange(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** True when `<web>/dist` is missing or older than a source of the web app. */
export function webBuildIsStale(webDir: string = WEB_DIR): boolean {
  const built = path.join(webDir, "dist", "index.html");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((s) => newestChange(path.join(webDir, s)) > builtAt);
}

export type WebBuildResult = "fresh" | "built" | "no-tools" | "failed";

/**
 * Builds web/dist with Vite when it is missing or stale (`npm install` and `npm start` call this, so
 * the README's two lines stay the whole set-up). Never throws: without Vite (an install that left out
 * the dev dependencies) or on a failed build, it says why and the server serves a page that says so.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<WebBuildResult> {
  if (!webBuildIsStale()) return "fresh";
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    log("The web app is not built and Vite is not installed: run `npm install` (with dev dependencies).");
    return "no-tools";
  }
  log("Building the web app (web/dist)…");
  // Built aside and moved into place, so a server (or a second build started at the same time, as
  // parallel tests do) never sees a half-written web/dist.
  const aside = path.join(WEB_DIR, `.dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({
      configFile: path.join(WEB_DIR, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: aside, emptyOutDir: true },
    });
    fs.rmSync(DIST, { recursive: true, force: true });
    fs.renameSync(aside, DIST);
    return "built";
  } catch (err) {
    if (fs.existsSync(BUILT) && !webBuildIsStale()) return "fresh"; // another process won the race
    log(`The web app did not build: ${err instanceof Error ? err.message : String(err)}`);
    return "failed";
  } finally {
    fs.rmSync(aside, { recursive: true, force: true });
  }
}
