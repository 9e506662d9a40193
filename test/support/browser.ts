import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import axe from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT, startCli } from "./cli.ts";
import { freshCliEnv } from "./databases.ts";

/** Debian's chromium (apt-get install chromium; .ci/run installs it): no browser is downloaded. */
export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.join(ROOT, "test-results");

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps trying to reach
 * Google's hosts. Playwright gives every launch a new, empty profile (its own --user-data-dir).
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * `kohtaamo start` on a fresh SQLite data dir and an ephemeral port, as a user starts it; waits until
 * healthy. `env` is the CLI environment of its data dir, for other commands on the same database.
 */
export async function startDemoServer(
  env: Record<string, string> = {},
): Promise<{ base: string; env: Record<string, string>; stop: () => Promise<void> }> {
  const cli = await freshCliEnv("sqlite");
  const server: ChildProcess = startCli(["start", "--port", "0"], { ...cli.env, ...env });
  let log = "";
  server.stderr?.on("data", (d) => (log += d));
  let base = "";
  for (let i = 0; i < 1200 && !base; i++) {
    const m = /listening on (http:\/\/[^\s]+)/.exec(log);
    if (m?.[1]) base = m[1];
    else await sleep(100);
  }
  if (!base) throw new Error(`server did not start: ${log}`);
  let status = 0;
  for (let i = 0; i < 1200 && status !== 200; i++) {
    // A connection reset while the demo loads (a kept-alive socket closed under load) is "not yet".
    status = await fetch(`${base}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200) await sleep(100);
  }
  if (status !== 200) throw new Error(`server did not become healthy: ${log}`);
  return {
    base,
    env: cli.env,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode === null ? server.once("exit", r) : r(null)));
      await cli.dispose();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core run in the page: the serious and critical violations (WCAG 2.1 AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  // A string, evaluated in the page: the test code itself has no DOM types.
  const result = await page.evaluate<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  }>(`axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })`);
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
}

/** A full-page screenshot under test-results/, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Collects what the page reports as errors: console errors and uncaught exceptions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  return errors;
}

/**
 * A new browser context on the demo server, signed in with the sign-in page's one-click button for
 * `role`, in the UI language `lang` (the address's `?lang=`), collecting the page's errors.
 */
export async function signInAsDemo(
  browser: Browser,
  base: string,
  role: string,
  options: { lang?: "fi" | "en"; locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const lang = options.lang ?? "fi";
  const context = await browser.newContext({
    locale: options.locale ?? (lang === "fi" ? "fi-FI" : "en-GB"),
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${base}/?lang=${lang}`);
  await page.locator(`.demo-button[data-role="${role}"]`).click();
  return { context, page, errors };
}

/** Waits until the page shows no loading indicator (every pending API call has answered). */
export async function settled(page: Page): Promise<void> {
  await page.locator(".status-loading").first().waitFor({ state: "detached", timeout: 30_000 });
}
