import type { ChildProcess } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  screenshot,
  seriousViolations,
  settled,
  signInAsDemo,
  startDemoServer,
} from "../support/browser.ts";
import { startCli } from "../support/cli.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * Bootstrap intervals still being computed, in a real browser: `kohtaamo start` with
 * KOHTAAMO_WORKER=off runs no jobs, so the themes and drivers reports come with `intervals:
 * "pending"` and null interval ends. The overview, themes (list and a theme's detail), drivers and
 * management report pages say in words (fi, en) that the interval is being computed, instead of
 * "– … –"; then a `kohtaamo worker`
 * on the same database computes them and the open overview, which asks again while they are pending,
 * shows the numbers without a reload. SQLite pass only, like the other browser tests.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "intervals being computed, in the browser"
  : "intervals being computed: skipped, it runs in the SQLite pass only";

/** The report's pending flag as the API gives it to the same session. */
async function intervalsOf(page: Page, report: "themes" | "drivers"): Promise<unknown> {
  const res = await page.context().request.get(new URL(`/api/v1/reports/${report}`, page.url()).href);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { intervals?: unknown }).intervals;
}

/** The texts of the page's interval cells, and how many say they are being computed. */
async function intervalCells(page: Page): Promise<{ texts: string[]; pending: number }> {
  const cells = page.locator("[data-interval]");
  return {
    texts: (await cells.allTextContents()).map((s) => s.trim()),
    pending: await page.getByTestId("interval-pending").count(),
  };
}

describe.runIf(onSqlite)(title, { timeout: 240_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let worker: ChildProcess | null = null;

  beforeAll(async () => {
    server = await startDemoServer({ KOHTAAMO_WORKER: "off" });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const w = worker;
      w.kill("SIGTERM");
      await new Promise((r) => w.once("exit", r));
    }
    await browser?.close();
    await server?.stop();
  });

  it("says in Finnish on every view of the intervals that they are being computed", async () => {
    const { page, errors, context } = await signInAsDemo(browser, server.base, "analyst", { lang: "fi" });
    await page.getByRole("heading", { level: 1, name: "Yleiskuva" }).waitFor();
    await settled(page);
    expect(await intervalsOf(page, "themes")).toBe("pending");
    expect(await intervalsOf(page, "drivers")).toBe("pending");
    for (const [path, heading, name] of [
      ["/", "Yleiskuva", "overview"],
      ["/themes", "Teemat", "themes"],
      ["/themes/billing", "Laskutus ja laskut", "theme-detail"],
      ["/drivers", "Ajurit", "drivers"],
      ["/report", null, "report"],
    ] as const) {
      if (path !== "/") {
        await page.goto(new URL(path, server.base).href);
        if (heading) await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      }
      await settled(page);
      await page.getByTestId("interval-pending").first().waitFor();
      await screenshot(page, `intervals-pending-${name}-fi`);
      const { texts, pending } = await intervalCells(page);
      // Every interval cell says so, none shows the bare dashes.
      expect(texts.length).toBeGreaterThan(0);
      expect(pending).toBe(texts.length);
      for (const text of texts) expect(text).toBe("lasketaan…95 %:n luottamusväliä lasketaan vielä");
      expect(await page.getByText("– … –").count()).toBe(0);
      // A theme no survey answer mentions has no NPS impact and no interval: it says so instead of
      // showing a measured-looking "0,0 … 0,0" (the rows match the API's `answers`).
      if (name === "themes") {
        const res = await page.context().request.get(new URL("/api/v1/reports/themes", page.url()).href);
        const rows = ((await res.json()) as { themes: { theme: string; answers: number }[] }).themes;
        for (const row of rows) {
          const tr = page.locator(`tr[data-theme="${row.theme}"]:not(.theme-row-hidden)`);
          if ((await tr.count()) === 0) continue; // hidden by the workspace's taxonomy
          expect(await tr.getByTestId("theme-no-answers").count()).toBe(row.answers === 0 ? 1 : 0);
          if (row.answers === 0)
            expect((await tr.getByTestId("theme-no-answers").textContent())?.trim()).toBe("ei vastauksia");
        }
      }
      // Significance is read from the interval: the theme's verdict waits for it.
      if (name === "theme-detail") expect(await page.locator(".theme-verdict").count()).toBe(0);
      // The quadrant chart draws no interval whiskers yet, so its legend does not list them.
      if (name === "drivers")
        expect(await page.locator(".driver-quadrant-chart svg").textContent()).not.toContain(
          "95 %:n luottamusväli",
        );
      // Seen as a short muted label, heard (and shown on hover) as the whole sentence.
      const label = page.getByTestId("interval-pending").first();
      expect(await label.getAttribute("title")).toBe("95 %:n luottamusväliä lasketaan vielä");
      expect(await label.locator('[aria-hidden="true"]').textContent()).toBe("lasketaan…");
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says the same in English", async () => {
    const { page, errors, context } = await signInAsDemo(browser, server.base, "analyst", { lang: "en" });
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await settled(page);
    await page.getByTestId("interval-pending").first().waitFor();
    const { texts, pending } = await intervalCells(page);
    expect(pending).toBe(texts.length);
    for (const text of texts) expect(text).toBe("computing…95% interval still being computed");
    await screenshot(page, "intervals-pending-overview-en");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the intervals on the open overview once a worker has computed them", async () => {
    const { page, errors, context } = await signInAsDemo(browser, server.base, "analyst", { lang: "fi" });
    await page.getByRole("heading", { level: 1, name: "Yleiskuva" }).waitFor();
    await settled(page);
    await page.getByTestId("interval-pending").first().waitFor();
    worker = startCli(["worker"], server.env);
    let log = "";
    worker.stderr?.on("data", (d) => (log += d));
    // The page asks again every 1.5 s while the report says pending; no reload here.
    await page
      .getByTestId("interval-pending")
      .first()
      .waitFor({ state: "detached", timeout: 120_000 })
      .catch((e: unknown) => {
        throw new Error(`intervals still pending: ${(e as Error).message}\nworker: ${log}`);
      });
    const { texts, pending } = await intervalCells(page);
    expect(pending).toBe(0);
    expect(texts.length).toBeGreaterThan(0);
    // "−12,3 … −4,5" for themes, "12 … 30 %" for drivers: numbers with the Finnish decimal comma.
    for (const text of texts) expect(text).toMatch(/^[−+]?\d+(,\d)? … [−+]?\d+(,\d)?( %)?$/);
    await screenshot(page, "intervals-ready-overview-fi");
    expect(await seriousViolations(page)).toEqual([]);
    // Computed, the drivers' quadrant chart draws the intervals and its legend names them.
    await page.goto(new URL("/drivers", server.base).href);
    await page.getByRole("heading", { level: 1, name: "Ajurit" }).waitFor();
    await settled(page);
    expect(await page.locator(".driver-quadrant-chart svg").textContent()).toContain("95 %:n luottamusväli");
    expect(errors).toEqual([]);
    await context.close();
  });
});
