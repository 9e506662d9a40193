import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectErrors,
  launchChromium,
  screenshot,
  seriousViolations,
  startDemoServer,
} from "../support/browser.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * The taxonomy editor in a real browser (Debian's chromium) against `kohtaamo start` with the demo
 * workspace: an analyst renames a theme, meets the message for a bad pattern, saves, and
 * reanalyses every stored record with the progress shown. SQLite pass only.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "taxonomy editor in the browser, on the demo workspace"
  : "taxonomy editor in the browser: skipped, it runs in the SQLite pass only";

describe.runIf(onSqlite)(title, { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);
    await page.goto(server.base);
    await page.getByRole("button", { name: /Sign in as Analyst/ }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists the themes with their names and patterns; a theme opens from the keyboard", async () => {
    await page.goto(`${server.base}/taxonomy`);
    await page.getByRole("heading", { level: 1, name: "Theme taxonomy" }).waitFor();
    expect(await page.title()).toContain("Kohtaamo");
    await page.getByText("No reanalysis has been run yet.").waitFor();
    // The demo was analysed by this version: nothing for a reanalysis to bring up to date.
    await page
      .getByText("Every stored encounter and comment has been read by the current version of the analysis.")
      .waitFor();
    expect(await page.locator("details.taxonomy-theme").count()).toBe(29);
    const waiting = page.locator("#theme-waiting");
    await waiting.locator("summary").focus();
    await page.keyboard.press("Enter");
    const nameEn = page.getByLabel("Name in English").first();
    await nameEn.waitFor();
    expect(await nameEn.inputValue()).toBe("Waiting and queues");
    expect(await waiting.getByLabel("Finnish patterns").inputValue()).toContain("jono*");
  });

  it("names the theme and the pattern that cannot be saved, then saves a new name", async () => {
    const waiting = page.locator("#theme-waiting");
    await waiting.getByLabel("Name in English").fill("Waiting and queue times");
    const patterns = waiting.getByLabel("Finnish patterns");
    const before = await patterns.inputValue();
    await patterns.fill(`${before}\njo*no`);
    await page.getByRole("button", { name: "Save taxonomy" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Not saved" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Waiting and queue times, Finnish pattern “jo*no”");
    expect(await patterns.getAttribute("aria-invalid")).toBe("true");
    // The reanalysis waits for the changes to be saved.
    expect(await page.getByRole("button", { name: "Reanalyse all" }).isDisabled()).toBe(true);

    await patterns.fill(before);
    await page.getByRole("button", { name: "Save taxonomy" }).click();
    await page.getByText(/^Saved\./).waitFor();
    expect(await page.getByText(/In use: the edited taxonomy, saved by analyst/).count()).toBe(1);
    // Saved: every stored analysis is now the earlier version's, and the card says how many.
    const card = page.getByTestId("reanalysis-outdated");
    await expect.poll(() => card.textContent()).toMatch(/^Read by an earlier version of the analysis/);
    const status = (await (await context.request.get(`${server.base}/api/v1/analysis/status`)).json()) as {
      outdated: { total: number };
    };
    expect(status.outdated.total).toBeGreaterThan(0);
    expect(
      Number(
        /: ([\d,]+) encounters and comments/.exec((await card.textContent()) ?? "")?.[1]?.replace(/,/g, ""),
      ),
    ).toBe(status.outdated.total);
    const api = await context.request.get(`${server.base}/api/v1/taxonomy`);
    const body = (await api.json()) as { source: string; themes: { id: string; name: { en: string } }[] };
    expect(body.source).toBe("workspace");
    expect(body.themes.find((t) => t.id === "waiting")?.name.en).toBe("Waiting and queue times");
  });

  it("reanalyses every stored record with a progress bar and shows the result", async () => {
    await page.getByRole("button", { name: "Reanalyse all" }).click();
    await page.getByRole("progressbar", { name: "Reanalysis progress" }).waitFor();
    const done = page.getByText(/^Done .*encounters and comments analysed again\./);
    await done.waitFor({ timeout: 150_000 });
    const progress = (await (await context.request.get(`${server.base}/api/v1/reanalysis`)).json()) as {
      state: string;
      done: number;
      total: number;
    };
    expect(progress.state).toBe("done");
    expect(progress.total).toBeGreaterThan(0);
    expect(progress.done).toBe(progress.total);
    expect(await page.getByRole("progressbar").getAttribute("value")).toBe(String(progress.total));
    expect(await page.getByRole("button", { name: "Reanalyse all" }).isEnabled()).toBe(true);
    await page
      .getByText("Every stored encounter and comment has been read by the current version of the analysis.")
      .waitFor();
    // Reports name the theme as edited.
    const themes = (await (await context.request.get(`${server.base}/api/v1/reports/themes`)).json()) as {
      themes: { theme: string; name: { en: string } }[];
    };
    expect(themes.themes.find((t) => t.theme === "waiting")?.name.en).toBe("Waiting and queue times");
    await screenshot(page, "taxonomy");
    expect(await seriousViolations(page)).toEqual([]);
    // The only console error is the browser's note of the refused save (HTTP 400) above.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });

  it("reads well at tablet width, in Finnish", async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${server.base}/taxonomy?lang=fi`);
    await page.getByRole("heading", { level: 1, name: "Teemaluokittelu" }).waitFor();
    await page.getByRole("button", { name: "Analysoi kaikki uudelleen" }).waitFor();
    await page.locator("#theme-billing summary").click();
    await page.getByLabel("Suomenkieliset kuviot").first().waitFor();
    await screenshot(page, "taxonomy-tablet-fi");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("is not offered to a viewer", async () => {
    const viewer = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    const p = await viewer.newPage();
    await p.goto(server.base);
    await p.getByRole("button", { name: /Sign in as Viewer/ }).click();
    await p.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await p.goto(`${server.base}/taxonomy`);
    await p.getByText("Only admins and analysts may edit the taxonomy.").waitFor();
    expect((await p.request.get(`${server.base}/api/v1/taxonomy`)).status()).toBe(403);
    await viewer.close();
  });
});
