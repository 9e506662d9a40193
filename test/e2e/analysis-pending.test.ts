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
    const notice = page.getByTestId("analysis-pending");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toMatch(
      /^[\d\s\u00a0]+ tietuetta odottaa analyysiä: teemat ja sävy eivät vielä sisällä niitä\./,
    );
    expect(text).toContain("Yksikään analyysiprosessi (kohtaamo worker) ei ole käynnissä.");
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
    const notice = page.getByTestId("analysis-pending");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toMatch(/^[\d,]+ records await analysis: themes and tone do not count them yet\./);
    expect(Number(text.split(" records")[0]?.replace(/\D/g, ""))).toBe(pending);
    expect(text).toContain("No analysis worker (kohtaamo worker) is running.");
    expect(errors).toEqual([]);
    await context.close();
  });
});
