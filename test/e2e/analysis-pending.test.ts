import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  screenshot,
  seriousViolations,
  settled,
  signInAsDemo,
  startDemoServer,
} from "../support/browser.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * The overview's notice of records awaiting analysis, in a real browser: `kohtaamo start` with
 * KOHTAAMO_ANALYSIS=queue stores the demo workspace without analysing it and, with no
 * `kohtaamo worker` running, the overview says how many records wait and that no worker runs, in
 * Finnish and in English; axe finds no serious violation. SQLite pass only.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "records awaiting analysis on the overview, in the browser"
  : "records awaiting analysis on the overview: skipped, it runs in the SQLite pass only";

describe.runIf(onSqlite)(title, { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let pending = 0;

  beforeAll(async () => {
    server = await startDemoServer({ KOHTAAMO_ANALYSIS: "queue" });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("says in Finnish how many records await analysis and that no worker runs", async () => {
    const { page, errors, context } = await signInAsDemo(browser, server.base, "analyst", { lang: "fi" });
    await page.getByRole("heading", { level: 1, name: "Yleiskuva" }).waitFor();
    // No worker runs: an alert box (read out at once), titled, with the count and what to do.
    const notice = page.getByRole("alert").filter({ has: page.getByTestId("analysis-pending-count") });
    await notice.waitFor();
    expect(await notice.getAttribute("data-testid")).toBe("analysis-pending");
    expect(await notice.getAttribute("data-warning")).toBe("noWorker");
    const text = (await page.getByTestId("analysis-pending-count").textContent()) ?? "";
    expect(text).toMatch(
      /^[\d\s\u00a0]+ tietuetta odottaa analyysiä: teemat ja sävy eivät vielä sisällä niitä\. Vanhin on odottanut \d{1,2}\.\d{1,2}\.\d{4} lähtien\.$/,
    );
    const all = (await notice.textContent()) ?? "";
    expect(all).toContain("Analyysi on pysähtynyt: yksikään analyysiprosessi ei ole käynnissä");
    expect(all).toContain("Mitä tehdä: käynnistä vähintään yksi analyysiprosessi (komento kohtaamo worker)");
    const link = notice.getByRole("link", { name: "Analyysin tila tarkemmin (JSON)" });
    expect(await link.getAttribute("href")).toBe("/api/v1/analysis/status");
    // A box, not small grey text: its own background and a left border in the warning colour.
    // Evaluated in the page: the test code itself has no DOM types.
    type Styles = { getComputedStyle(el: unknown): { backgroundColor: string; borderLeftWidth: string } };
    const box = await notice.evaluate((el) => {
      const style = (globalThis as unknown as Styles).getComputedStyle(el);
      return { background: style.backgroundColor, border: style.borderLeftWidth };
    });
    expect(box.background).not.toBe("rgba(0, 0, 0, 0)");
    expect(box.border).toBe("6px");
    // "1 234 tietuetta…": the count with the Finnish (no-break) space between thousands.
    pending = Number(text.split(" tietuetta")[0]?.replace(/\D/g, ""));
    expect(pending).toBeGreaterThan(100);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "analysis-pending-fi");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says the same in English", async () => {
    const { page, errors, context } = await signInAsDemo(browser, server.base, "analyst", { lang: "en" });
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    const notice = page.getByRole("alert").filter({ has: page.getByTestId("analysis-pending-count") });
    await notice.waitFor();
    const text = (await page.getByTestId("analysis-pending-count").textContent()) ?? "";
    expect(text).toMatch(/^[\d,]+ records await analysis: themes and tone do not count them yet\./);
    expect(Number(text.split(" records")[0]?.replace(/\D/g, ""))).toBe(pending);
    const all = (await notice.textContent()) ?? "";
    expect(all).toContain("Analysis has stopped: no worker is running");
    expect(all).toContain("What to do: start at least one analysis worker (the command kohtaamo worker)");
    await notice.getByRole("link", { name: "Analysis status in detail (JSON)" }).waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "analysis-pending-en");
    expect(errors).toEqual([]);
    await context.close();
  });
});
