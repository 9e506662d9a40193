import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectErrors,
  launchChromium,
  settled as pageSettled,
  SCREENSHOTS,
  screenshot,
  seriousViolations,
  startDemoServer,
} from "../support/browser.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against a real
 * `kohtaamo start` with the demo workspace. The browser sees the same pages on either database, so
 * these run in the SQLite pass only; the PostgreSQL pass (KOHTAAMO_TEST_DIALECTS=postgres) skips them.
 */
const onSqlite = DIALECTS.includes("sqlite");
const MIN_GROUP = 40;
const title = onSqlite
  ? "dashboard in the browser, on the demo workspace"
  : "dashboard in the browser: skipped, it runs in the SQLite pass only";
// A browser and a server share two cores with the rest of the suite: give each step room.
describe.runIf(onSqlite)(title, { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A privacy floor above the demo's smaller groups, so that a viewer meets suppressed figures.
    server = await startDemoServer({ KOHTAAMO_MIN_GROUP: String(MIN_GROUP) });
    browser = await launchChromium();
    // The browser says it prefers English: the language choice starts from there.
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Waits until no section is still loading. */
  const settled = async () => {
    await page.locator(".status-loading").first().waitFor({ state: "detached", timeout: 30_000 });
  };

  it("offers one-click demo sign-in per role, with no serious accessibility problem", async () => {
    await page.goto(server.base);
    await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    // The demo accounts are fetched after the page renders (/auth/demo-accounts): wait for them.
    await expect
      .poll(() =>
        page.locator(".demo-button").evaluateAll((els) => els.map((e) => e.getAttribute("data-role"))),
      )
      .toEqual(["admin", "analyst", "manager", "agent", "viewer"]);
    expect(await page.title()).toContain("Kohtaamo");
    await screenshot(page, "sign-in");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("signs in as the analyst and shows NPS with its interval, as the API computes it", async () => {
    await page.getByRole("button", { name: /Sign in as Analyst/ }).click();
    const value = page.getByTestId("nps-value");
    await value.waitFor();
    await settled();
    // A first visit selects the latest three months; the figure is the API's for exactly those.
    const url = new URL(page.url());
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    expect(from).toMatch(/^\d{4}-\d{2}$/);
    expect(to).toMatch(/^\d{4}-\d{2}$/);
    const [y, m] = (to as string).split("-").map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
    const api = await context.request.get(`${server.base}/api/v1/reports/nps?from=${from}-01&to=${next}`);
    expect(api.status()).toBe(200);
    const nps = (await api.json()) as { value: number; low: number; high: number; n: number };
    const en = (x: number) =>
      new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
    expect(await value.textContent()).toBe(en(nps.value));
    const interval = await page.getByTestId("nps-interval").textContent();
    expect(interval).toContain(`95% interval ${en(nps.low)} … ${en(nps.high)}`);
    expect(interval).toContain(`n = ${new Intl.NumberFormat("en-GB").format(nps.n)}`);
    // The top themes' count is the NPS answers their impact is computed from (a theme only survey
    // comments mention has answers but no encounters), as the API says for the same months.
    const themesApi = await context.request.get(
      `${server.base}/api/v1/reports/themes?from=${from}-01&to=${next}`,
    );
    const themeRows = ((await themesApi.json()) as { themes: { name: { en: string }; answers: number }[] })
      .themes;
    const shown = await page
      .locator("section[aria-labelledby=themes-title] tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => [r.querySelector("th a")?.textContent, r.lastElementChild?.textContent]),
      );
    expect(shown.length).toBeGreaterThan(0);
    for (const [name, count] of shown) {
      const row = themeRows.find((x) => x.name.en === name);
      expect(count).toBe(new Intl.NumberFormat("en-GB").format(row?.answers ?? Number.NaN));
    }
    // Every card says whether its change from the previous period is significant.
    expect(await page.locator(".metric-change .verdict").count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator(".trend-chart svg").count()).toBeGreaterThan(0);
    expect(await page.title()).toContain("Kohtaamo");
    await screenshot(page, "overview-en");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("switches to Finnish: navigation, numbers with decimal commas, and the choice is kept", async () => {
    await page.getByRole("button", { name: /Suomeksi/ }).click();
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Yleiskuva" }).waitFor();
    const labels = await nav.getByRole("link").allTextContents();
    expect(labels).toEqual([
      "Yleiskuva",
      "Kohtaamiset",
      "Teemat",
      "Ajurit",
      "Tiimit",
      "Johdonmukaisuus",
      "Tapaukset",
      "Valmennus",
      "Laadunarviointi",
      "Kehityshankkeet",
      "Tuonti",
    ]);
    expect(await page.locator("html").getAttribute("lang")).toBe("fi");
    const value = (await page.getByTestId("nps-value").textContent()) ?? "";
    expect(value).toMatch(/^[−]?\d+,\d$/);
    expect(await page.getByTestId("nps-interval").textContent()).toContain("95 %:n luottamusväli");
    await settled();
    await screenshot(page, "overview-fi");
    // Saved: a reload without ?lang= stays Finnish.
    await page.reload();
    await page.getByRole("navigation").getByRole("link", { name: "Teemat" }).waitFor();
  });

  it("prints a management report of the overview's filters: figures with intervals, top themes and drivers", async () => {
    await page.goto(`${server.base}/?lang=fi`);
    await page.getByTestId("nps-value").waitFor();
    await settled();
    const overviewSearch = new URL(page.url()).search;
    await page.getByRole("link", { name: "Tulostettava raportti" }).click();
    await page.getByRole("heading", { level: 1, name: "Johdon raportti" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/report");
    // The same filters as the overview it came from, so the report shows the same figures.
    expect(new URL(page.url()).search).toBe(overviewSearch);
    await settled();
    expect(await page.title()).toBe("Johdon raportti · Kohtaamo");
    expect(await page.getByTestId("nps-interval").textContent()).toContain("95 %:n luottamusväli");
    expect(await page.locator(".mgmt-report [data-metric]").count()).toBe(4);
    expect(await page.locator(".mgmt-section table").count()).toBe(2);
    expect(await page.getByTestId("report-scope").textContent()).toMatch(/^Aikaväli: .+ · Tiimi: kaikki/);
    // Each table downloads with the same filters: the themes table's CSV holds the report's themes.
    const themesCsv = page.locator('.mgmt-report a[data-format="csv"]').first();
    const href = (await themesCsv.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/v1\/reports\/themes\/export\?/);
    expect(new URL(href, server.base).searchParams.get("from")).toMatch(/^\d{4}-\d{2}-01$/);
    const exported = await context.request.get(`${server.base}${href}`);
    expect(exported.status()).toBe(200);
    const themeRows = parse(await exported.text(), { columns: true }) as Record<string, string>[];
    expect(themeRows.map((r) => r.name_fi)).toContain("Laskutus ja laskut");
    const print = page.getByRole("button", { name: "Tulosta" });
    expect(await print.isVisible()).toBe(true);
    await screenshot(page, "report-fi");
    expect(await seriousViolations(page)).toEqual([]);
    // On paper: no buttons, no navigation; the four figures side by side on an A4 page.
    await page.emulateMedia({ media: "print" });
    expect(await print.isVisible()).toBe(false);
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    const tops = await page
      .locator(".mgmt-report [data-metric]")
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, "report-print-a4");
    // Printed to PDF by the browser itself: the whole report on one A4 sheet.
    const pdf = (await page.pdf({ format: "A4", path: `${SCREENSHOTS}/report.pdf` })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("goes from Themes to billing, to its encounters and one of them, and exports that list as CSV", async () => {
    await page.goto(`${server.base}/?lang=fi`);
    await page.getByTestId("nps-value").waitFor();
    await settled();
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Teemat" }).click();
    await page.getByRole("heading", { level: 1, name: "Teemat" }).waitFor();
    await settled();
    await screenshot(page, "must-show-themes-fi");
    // The billing theme's row links to its page.
    const billing = page.locator('a[href^="/themes/billing"]').first();
    expect(await billing.textContent()).toContain("Laskutus");
    await billing.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/themes/billing");
    await page.getByRole("heading", { level: 1, name: /Laskutus/ }).waitFor();
    await settled();
    await screenshot(page, "must-show-theme-billing-fi");
    await page.getByRole("link", { name: "Näytä sen kohtaamiset" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/encounters");
    expect(new URL(page.url()).searchParams.get("theme")).toBe("billing");
    await page.getByRole("heading", { level: 1, name: "Kohtaamiset" }).waitFor();
    await settled();
    const rows = page.locator(".enc-row");
    await rows.first().waitFor();
    const rowThemes = await rows.evaluateAll((els) =>
      els.map((row) => [...row.querySelectorAll(".theme-chip")].map((c) => c.textContent ?? "").join("|")),
    );
    for (const themes of rowThemes) expect(themes).toContain("Laskutus ja laskut");
    // Channels by their Finnish names, never as raw ids.
    const channels = await rows.evaluateAll((els) => els.map((row) => row.children[1]?.textContent ?? ""));
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) expect(c).not.toMatch(/^(phone|chat|email|bot|self_service|visit|social)$/);
    await screenshot(page, "must-show-billing-encounters-fi");
    expect(await seriousViolations(page)).toEqual([]);

    // One of them: its tone arc with the peak and end moments marked.
    await rows.first().getByRole("link").click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/encounters\/.+/);
    await settled();
    await expect.poll(() => page.locator(".arc-chart svg").count()).toBeGreaterThan(0);
    expect(await page.locator(".moment-badge").count()).toBeGreaterThan(0);
    await screenshot(page, "must-show-encounter-fi");
    expect(await seriousViolations(page)).toEqual([]);

    // Back to the list, and its CSV: every encounter in the file is one the billing list shows.
    await page
      .getByRole("link", { name: /Takaisin/ })
      .first()
      .click();
    await rows.first().waitFor();
    const csvLink = page.locator('.list-foot a[data-format="csv"]');
    const href = new URL((await csvLink.getAttribute("href")) ?? "", server.base);
    expect(href.pathname).toBe("/api/v1/encounters/export");
    expect(href.searchParams.get("theme")).toBe("billing");
    const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
    expect(download.suggestedFilename()).toBe("encounters.csv");
    const file = await download.path();
    const records = parse(fs.readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(0);
    const exported = new Set(records.map((r) => r.encounter_id));
    // The list API with the same filters, every page: each of its encounters mentions billing.
    const listed = new Set<string>();
    const q = new URLSearchParams(href.searchParams);
    q.delete("format");
    q.set("limit", "500");
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      if (cursor) q.set("cursor", cursor);
      const res = await context.request.get(`${server.base}/api/v1/encounters?${q}`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as {
        items: { id: string; facts: { themes: { id: string }[] } }[];
        next_cursor: string | null;
      };
      for (const item of body.items) {
        expect(item.facts.themes.map((t) => t.id)).toContain("billing");
        listed.add(item.id);
      }
      cursor = body.next_cursor;
    }
    expect([...exported].sort()).toEqual([...listed].sort());
  });

  it("takes ?lang= over the saved choice, and every page keeps the filters and stays accessible", async () => {
    await page.goto(`${server.base}/?lang=en`);
    await page.getByRole("navigation").getByRole("link", { name: "Themes" }).waitFor();
    await page.goto(`${server.base}/?lang=fi`);
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Kohtaamiset" }).waitFor();
    await settled();
    const filters = (href: string) => [...new URL(href).searchParams].sort().join("&");
    const search = filters(page.url());
    for (const name of ["Kohtaamiset", "Teemat", "Ajurit", "Tiimit", "Johdonmukaisuus", "Tuonti"]) {
      await nav.getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      expect(await nav.getByRole("link", { name }).getAttribute("aria-current")).toBe("page");
      expect(await page.title()).toBe(`${name} · Kohtaamo`);
      expect(filters(page.url())).toBe(search);
      await screenshot(page, `page-${new URL(page.url()).pathname.slice(1)}`);
      expect(await seriousViolations(page), name).toEqual([]);
    }
  });

  it("loads a page's code when the page is first shown: neither the sign-in page nor the overview fetch the QA page's", async () => {
    // A first visit (an empty cache, a new context): every script file the page asks for, in order.
    const visit = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    const first = await visit.newPage();
    const logged = collectErrors(first);
    const scripts: string[] = [];
    first.on("request", (r) => {
      const file = new URL(r.url()).pathname;
      if (file.startsWith("/assets/") && file.endsWith(".js")) scripts.push(file);
    });
    await first.goto(`${server.base}/?lang=en`);
    await first.locator('.demo-button[data-role="analyst"]').waitFor();
    const signIn = [...new Set(scripts)];
    await first.locator('.demo-button[data-role="analyst"]').click();
    await first.getByTestId("nps-value").waitFor();
    await first.locator(".trend-chart svg").first().waitFor();
    await pageSettled(first);
    const overview = [...new Set(scripts)];
    // The page the app opened at is fetched while the session is checked (main.tsx: preloadPage), so the
    // sign-in page at / already fetched the overview's code, and not the QA page's.
    expect(signIn.some((file) => file.startsWith("/assets/overview-page-"))).toBe(true);
    expect(signIn.some((file) => file.startsWith("/assets/qa-page-"))).toBe(false);
    await first.getByRole("navigation").getByRole("link", { name: "QA", exact: true }).click();
    await first.getByRole("heading", { level: 1, name: "Quality reviews" }).waitFor();
    await pageSettled(first);
    // The QA page's code arrived only now: files neither earlier page loaded, the QA page's own among them.
    const qa = [...new Set(scripts)].filter((file) => !overview.includes(file));
    expect(qa.length).toBeGreaterThan(0);
    expect(qa.some((file) => file.startsWith("/assets/qa-page-"))).toBe(true);
    expect(overview.some((file) => file.startsWith("/assets/qa-page-"))).toBe(false);
    // Served as JavaScript, and cacheable for good (the file names carry their content's hash).
    const chunk = await visit.request.get(`${server.base}${qa[0]}`);
    expect(chunk.headers()["content-type"]).toMatch(/^text\/javascript/);
    expect(chunk.headers()["cache-control"]).toContain("immutable");
    expect(await seriousViolations(first)).toEqual([]);
    expect(logged).toEqual([]);
    await visit.close();
  });

  it("says so, in the UI language, when a page's code cannot be fetched, and a reload brings the page", async () => {
    const visit = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    const tab = await visit.newPage();
    // As after a redeploy: the initiatives page's file of the build this page was loaded from is gone.
    const gone = (route: import("playwright-core").Route) =>
      route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
    await tab.route("**/assets/initiatives-page-*.js", gone);
    await tab.goto(`${server.base}/?lang=en`);
    await tab.locator('.demo-button[data-role="analyst"]').click();
    await tab.getByTestId("nps-value").waitFor();
    await tab.getByRole("navigation").getByRole("link", { name: "Initiatives" }).click();
    const failed = tab.getByTestId("chunk-load-failed");
    await failed.waitFor();
    // An alert in the page area, under the navigation that still works, like the other errors.
    expect(await failed.getAttribute("role")).toBe("alert");
    expect(await tab.locator("main [data-testid=chunk-load-failed]").count()).toBe(1);
    expect(await failed.textContent()).toContain("This page could not be loaded.");
    expect(await tab.locator(".status-loading").count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);
    await screenshot(tab, "chunk-load-failed-en");
    await tab.getByRole("button", { name: /Suomeksi/ }).click();
    await failed.getByText("Tätä sivua ei voitu ladata.", { exact: false }).waitFor();
    const reload = failed.getByRole("button", { name: "Lataa sivu uudelleen" });
    // The files are back (the new build's): the reload shows the page.
    await tab.unroute("**/assets/initiatives-page-*.js", gone);
    await Promise.all([tab.waitForEvent("load"), reload.click()]);
    await tab.getByRole("heading", { level: 1, name: "Kehityshankkeet" }).waitFor();
    expect(new URL(tab.url()).pathname).toBe("/initiatives");
    expect(await tab.getByTestId("chunk-load-failed").count()).toBe(0);
    await visit.close();
  });

  it("filters the encounters by theme and opens one with its tone arc and marked moments", async () => {
    await page.goto(`${server.base}/encounters?lang=en&period=all`);
    await page.getByRole("heading", { level: 1, name: "Encounters" }).waitFor();
    await settled();
    const theme = page.getByLabel("Theme", { exact: true });
    await expect.poll(() => theme.locator("option", { hasText: "Billing and invoices" }).count()).toBe(1);
    await theme.selectOption({ label: "Billing and invoices" });
    await expect.poll(() => new URL(page.url()).searchParams.get("theme")).toBe("billing");
    await settled();
    const rows = page.locator(".enc-row");
    await rows.first().waitFor();
    // Every row shown names the theme among its chips, in the UI language.
    const rowThemes = await rows.evaluateAll((els) =>
      els.map((row) => [...row.querySelectorAll(".theme-chip")].map((c) => c.textContent ?? "").join("|")),
    );
    expect(rowThemes.length).toBeGreaterThan(0);
    for (const themes of rowThemes) expect(themes).toContain("Billing and invoices");
    await screenshot(page, "encounters-billing");
    await rows.first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /Encounter of/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/encounters\/.+/);
    await settled();
    await expect.poll(() => page.locator(".arc-chart svg").count()).toBeGreaterThan(0);
    // The peak and end moments are marked on the chart and listed as buttons that go to their turn.
    expect(await page.locator(".moment-badge").count()).toBeGreaterThan(0);
    const moment = page.locator(".moment-button").first();
    await moment.click();
    await expect.poll(() => page.locator(".turn-focused").count()).toBe(1);
    expect(await page.evaluate<boolean>("document.activeElement?.classList.contains('turn') === true")).toBe(
      true,
    );
    // Each turn says its tone in words, not in colour alone.
    const tones = await page.locator(".transcript .tone-chip").allTextContents();
    expect(tones.length).toBeGreaterThan(0);
    expect(tones.every((x) => /negative|neutral|positive/.test(x))).toBe(true);
    await screenshot(page, "encounter-detail");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("marks a turn that is both the peak and the end with one pin that names both", async () => {
    // An encounter of the demo whose customer's strongest turn was also their last one.
    type Detail = { analysis: { moments: { turn: number; kind: string }[] } | null };
    const list = (await (await context.request.get(`${server.base}/api/v1/encounters?limit=100`)).json()) as {
      items: { id: string }[];
    };
    let id: string | null = null;
    for (const item of list.items) {
      const detail = (await (
        await context.request.get(`${server.base}/api/v1/encounters/${encodeURIComponent(item.id)}`)
      ).json()) as Detail;
      const moments = detail.analysis?.moments ?? [];
      if (moments.length === 2 && moments[0]?.turn === moments[1]?.turn) {
        id = item.id;
        break;
      }
    }
    if (!id) throw new Error("no encounter of the first 100 has its peak and end on one turn");
    await page.goto(`${server.base}/encounters/${encodeURIComponent(id)}?lang=en`);
    await page.getByRole("heading", { level: 1, name: /Encounter of/ }).waitFor();
    await settled();
    const chart = page.locator(".arc-chart svg");
    await expect.poll(() => chart.count()).toBeGreaterThan(0);
    // Both names are on the chart, one under the other, not drawn over each other (where one hid the other).
    const labels = await chart.locator("text").evaluateAll((els) =>
      els
        .filter((el) => /^(Peak|End)$/.test(el.textContent ?? ""))
        .map((el) => {
          const box = el.getBoundingClientRect();
          return { text: el.textContent, top: box.top, bottom: box.bottom };
        }),
    );
    expect(labels.map((l) => l.text).sort()).toEqual(["End", "Peak"]);
    const [upper, lower] = [...labels].sort((a, b) => a.top - b.top) as [
      (typeof labels)[0],
      (typeof labels)[0],
    ];
    expect(lower.top).toBeGreaterThanOrEqual(upper.bottom - 1);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "encounter-peak-is-end");
  });

  it("shows a long customer message sentence by sentence: a tone strip, and its polar sentences named", async () => {
    // A call or chat of the demo in which the customer said more than 40 words ("I've called three times
    // already and nothing happens!" opens a few of them): the API gives its sentences.
    type Sentence = { start: number; end: number; tone: { label: string } };
    type Detail = { turns: { speaker: string; text: string; analysis: { sentences: Sentence[] } | null }[] };
    const list = (await (
      await context.request.get(`${server.base}/api/v1/encounters?q=nothing%20happens&limit=100`)
    ).json()) as { items: { id: string }[] };
    let hit: { id: string; turn: number; text: string; sentences: Sentence[] } | null = null;
    for (const { id } of list.items) {
      const detail = (await (
        await context.request.get(`${server.base}/api/v1/encounters/${encodeURIComponent(id)}`)
      ).json()) as Detail;
      const turn = detail.turns.findIndex(
        (t) =>
          t.speaker === "customer" &&
          (t.analysis?.sentences.length ?? 0) > 1 &&
          t.analysis?.sentences.some((x) => x.tone.label !== "neutral"),
      );
      const at = detail.turns[turn];
      if (at?.analysis) {
        hit = { id, turn, text: at.text, sentences: at.analysis.sentences };
        break;
      }
    }
    if (!hit) throw new Error("no encounter of the demo has a long customer message with a polar sentence");
    const found = hit;
    await page.goto(`${server.base}/encounters/${encodeURIComponent(found.id)}?lang=fi`);
    await page.getByRole("heading", { level: 1, name: /Kohtaaminen/ }).waitFor();
    await settled();
    const turn = page.locator(`#turn-${found.turn + 1}`);
    // One cell per sentence, in its tone, and the counts in words.
    expect(await turn.locator(".sentence-cell").evaluateAll((els) => els.map((e) => e.className))).toEqual(
      found.sentences.map((x) => `sentence-cell sentence-cell-${x.tone.label}`),
    );
    const count = (label: string) => found.sentences.filter((x) => x.tone.label === label).length;
    expect(await turn.locator(".sentence-summary").textContent()).toBe(
      `Luettu lauseittain (${found.sentences.length}): kielteisiä ${count("negative")}, neutraaleja ${count(
        "neutral",
      )}, myönteisiä ${count("positive")}`,
    );
    // The text is all there, once, each sentence marked as it was read; the polar ones say their tone.
    const text = turn.locator(".turn-text");
    // Evaluated in the page (the test code has no DOM types): text nodes are nodeType 3.
    const shown = await text.evaluate((el) => {
      const copy = el.cloneNode(true) as typeof el;
      for (const hidden of copy.querySelectorAll(".visually-hidden")) hidden.remove();
      return copy.textContent;
    });
    expect(shown).toBe(found.text);
    const marked = await text.locator(".sentence").evaluateAll((els) =>
      els.map((el) => ({
        tone: el.className.replace("sentence sentence-", ""),
        said: el.querySelector(".visually-hidden")?.textContent ?? null,
        text: [...el.childNodes]
          .filter((n) => n.nodeType === 3)
          .map((n) => n.textContent)
          .join(""),
      })),
    );
    const said = { negative: "(kielteinen lause) ", positive: "(myönteinen lause) ", neutral: null };
    expect(marked).toEqual(
      found.sentences.map((x) => ({
        tone: x.tone.label,
        said: said[x.tone.label as keyof typeof said],
        text: found.text.slice(x.start, x.end),
      })),
    );
    await turn.scrollIntoViewIfNeeded();
    await screenshot(page, "encounter-long-message-fi");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("says which turns of a call it did not read (Swedish), and draws no tone for them", async () => {
    // A Finnish call in which the customer switches to Swedish for a turn, stored through the API.
    const me = (await (await context.request.get(`${server.base}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const stored = await context.request.post(`${server.base}/api/v1/encounters`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: [
        {
          id: "e2e-svenska",
          channel: "phone",
          started_at: new Date(Date.now() - 86_400_000).toISOString(),
          turns: [
            { speaker: "customer", text: "Laskussani on virhe, minulta on veloitettu kahteen kertaan." },
            { speaker: "agent", text: "Pahoittelen, korjaan sen heti ja palautan ylimääräisen summan." },
            {
              speaker: "customer",
              text: "Förlåt, kan vi ta det på svenska, jag förstår inte allt som sägs här.",
            },
            { speaker: "agent", text: "Selvä, palautus näkyy tilillänne parin päivän kuluessa." },
            { speaker: "customer", text: "Kiitos paljon, hienoa että asia hoitui näin nopeasti!" },
          ],
        },
      ],
    });
    expect(stored.status(), await stored.text()).toBe(200);
    await page.goto(`${server.base}/encounters/e2e-svenska?lang=fi`);
    await page.getByRole("heading", { level: 1, name: /Kohtaaminen/ }).waitFor();
    await settled();
    const swedish = page.locator("#turn-3");
    expect(await swedish.locator("[data-unread]").textContent()).toBe("Ruotsia: ei luettu");
    expect(await swedish.locator(".tone-chip").count()).toBe(0);
    expect(await swedish.locator(".turn-text").getAttribute("lang")).toBe("sv");
    expect(await page.locator("#turn-1 .tone-chip").count()).toBe(1);
    // The arc has a point for each customer turn it read: the first and the last, not the Swedish one.
    const chart = page.locator(".arc-chart svg");
    await expect.poll(() => chart.count()).toBeGreaterThan(0);
    const summary = (await page.locator(".arc-chart").getAttribute("aria-label")) ?? "";
    expect(summary).toMatch(/Vuoro 1 .*; Vuoro 5 /);
    expect(summary).not.toContain("Vuoro 3");
    await swedish.scrollIntoViewIfNeeded();
    await screenshot(page, "encounter-unread-turn-fi");
    expect(await seriousViolations(page)).toEqual([]);

    // A comment and a call all in Swedish are not read at all; the overview says how many texts it left
    // out and where they are, and its link lists the call.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const answer = await context.request.post(`${server.base}/api/v1/responses`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: [
        {
          id: "e2e-svar",
          kind: "nps",
          score: 4,
          answered_at: yesterday,
          comment: "Fakturan var fel igen och ingen har svarat på mitt mejl på två veckor.",
        },
      ],
    });
    expect(answer.status(), await answer.text()).toBe(200);
    const call = await context.request.post(`${server.base}/api/v1/encounters`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: [
        {
          id: "e2e-samtal",
          channel: "phone",
          started_at: yesterday,
          turns: [
            {
              speaker: "customer",
              text: "Min faktura är dubbelt så hög som förra månaden och jag förstår inte varför.",
            },
            { speaker: "agent", text: "Jag kollar det åt dig, ett ögonblick bara." },
            { speaker: "customer", text: "Tack!" },
          ],
        },
      ],
    });
    expect(call.status(), await call.text()).toBe(200);
    await page.goto(`${server.base}/?lang=fi`);
    const note = page.getByTestId("analysis-unread");
    await note.waitFor();
    // Everything stored so far was read by this version of the analysis: nothing to say about that.
    expect(await page.getByTestId("analysis-outdated").count()).toBe(0);
    expect(await note.textContent()).toBe(
      "Kielensä vuoksi lukematta: 2 tekstiä (ruotsi 2, muut kielet 0). Analyysi lukee suomea ja englantia, joten teemat ja sävy eivät sisällä näitä. Kohtaamiset (1) Kommentit CSV-tiedostona (1)",
    );
    const comments = await context.request.get(
      new URL(
        (await note.getByRole("link", { name: /Kommentit/ }).getAttribute("href")) as string,
        server.base,
      ).href,
    );
    expect(await comments.text()).toContain("Fakturan var fel igen");
    await screenshot(page, "overview-unread-note-fi");
    expect(await seriousViolations(page)).toEqual([]);
    await note.getByRole("link", { name: "Kohtaamiset (1)" }).click();
    await page.waitForURL(/\/encounters\?.*unread=any/);
    await settled();
    const rows = page.locator("table tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator("[data-unread]").textContent()).toBe("Ruotsia: ei luettu");
    expect(await page.getByLabel("Lukematta (kieli)").inputValue()).toBe("any");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("says when an earlier version of the analysis read the stored texts, and leads an analyst to the reanalysis", async () => {
    // Saving the themes (unchanged) makes a new analyzer version: every stored text was read by the earlier one.
    const me = (await (await context.request.get(`${server.base}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const taxonomy = (await (await context.request.get(`${server.base}/api/v1/taxonomy`)).json()) as {
      themes: ({ group?: string } & Record<string, unknown>)[];
    };
    const saved = await context.request.put(`${server.base}/api/v1/taxonomy`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: { themes: taxonomy.themes.map(({ group: _g, ...t }) => t) },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    const status = (await (await context.request.get(`${server.base}/api/v1/analysis/status`)).json()) as {
      outdated: { total: number; capped: boolean };
    };
    expect(status.outdated.total, "the demo's texts, all read by the earlier version").toBeGreaterThan(1000);
    await page.goto(`${server.base}/?lang=fi`);
    const line = page.getByTestId("analysis-outdated");
    await line.waitFor();
    const text = (await line.textContent()) ?? "";
    const shown =
      /^Analyysin aiemman version lukemia: ([\d\s\u00a0\u202f]+) tekstiä\. Mallit, säännöt tai teemat ovat muuttuneet/.exec(
        text,
      );
    expect(shown, text).not.toBeNull();
    expect(Number((shown?.[1] ?? "").replace(/\D/g, ""))).toBe(status.outdated.total);
    expect(text.endsWith("Analysoi uudelleen")).toBe(true);
    await screenshot(page, "overview-outdated-note-fi");
    expect(await seriousViolations(page)).toEqual([]);
    await line.getByRole("link", { name: "Analysoi uudelleen" }).click();
    await page.waitForURL(/\/taxonomy/);
    await page.getByRole("heading", { level: 2, name: "Uudelleenanalyysi" }).waitFor();
    // The card says what its run would bring up to date.
    const card = page.getByTestId("reanalysis-outdated");
    await card.waitFor();
    const said = (await card.textContent()) ?? "";
    expect(said).toMatch(
      /^Analyysin aiemman version lukemia .* tai analysoimatta: [\d\s\u00a0\u202f]+ kohtaamista ja kommenttia\./,
    );
    expect(Number((/: ([\d\s\u00a0\u202f]+) kohtaamista/.exec(said)?.[1] ?? "").replace(/\D/g, ""))).toBe(
      status.outdated.total,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByRole("button", { name: "Analysoi kaikki uudelleen" }).count()).toBeGreaterThan(0);
  });

  it("is keyboard-navigable with a visible focus, and reads on a tablet", async () => {
    await page.goto(`${server.base}/?lang=fi`);
    await page.getByTestId("nps-value").waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Siirry sisältöön" });
    expect(await skip.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    // The focus ring is drawn: an outline wider than zero on the focused element.
    expect(
      await skip.evaluate((el) =>
        Number.parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).outlineWidth ?? "0"),
      ),
    ).toBeGreaterThan(0);
    await page.setViewportSize({ width: 820, height: 1180 });
    await settled();
    await screenshot(page, "overview-tablet");
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("shows a viewer the figures below the privacy floor as hidden, where the analyst sees them", async () => {
    const url = `${server.base}/?lang=en&channel=visit&period=all`;
    await page.goto(url);
    await settled();
    // The analyst may see small groups: nothing is hidden.
    expect(await page.locator(".status-suppressed").count()).toBe(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: /Sign in as Viewer/ }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await page.goto(url);
    await settled();
    const months = (await (
      await context.request.get(`${server.base}/api/v1/reports/nps?by=month&channel=visit`)
    ).json()) as { groups: { suppressed?: true }[] };
    const hiddenMonths = months.groups.filter((g) => g.suppressed).length;
    expect(hiddenMonths, "the demo has visit months under the floor").toBeGreaterThan(0);
    // Shown as hidden (the chart's note, or a whole panel), never as a figure or as "no data".
    expect(await page.locator(".status-suppressed").count()).toBeGreaterThan(0);
    // The notes under the figures give a viewer, who reads no customer text, their counts but no links.
    await page.getByTestId("analysis-unread").waitFor();
    expect(await page.getByTestId("analysis-unread").getByRole("link").count()).toBe(0);
    expect(await page.getByTestId("analysis-outdated").getByRole("link").count()).toBe(0);
    await screenshot(page, "overview-viewer-suppressed");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("tells an agent, who may not read the organisation's figures, where their own work is", async () => {
    // An encounter of some other agent, found while the viewer's session is still the analyst's data.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: /Sign in as Analyst/ }).click();
    await page.getByTestId("nps-value").waitFor();
    const all = (await (await context.request.get(`${server.base}/api/v1/encounters?limit=200`)).json()) as {
      items: { id: string; agent: string | null }[];
    };
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: /Sign in as Agent/ }).click();
    await page.getByText("not open to the agent role").waitFor();
    expect(await page.locator("[data-metric]").count()).toBe(0);
    const me = (await (await context.request.get(`${server.base}/api/v1/auth/me`)).json()) as {
      agent: string | null;
    };
    expect(me.agent).toBeTruthy();
    const others = all.items.filter((e) => e.agent && e.agent !== me.agent);
    expect(others.length).toBeGreaterThan(0);
    const other = others[0] as { id: string };
    // Neither the API nor the page gives it away: it is "not found", like an encounter that does not exist.
    const api = await context.request.get(`${server.base}/api/v1/encounters/${encodeURIComponent(other.id)}`);
    expect([403, 404]).toContain(api.status());
    expect(await api.text()).not.toContain('"turns"');
    const before = errors.length;
    await page.goto(`${server.base}/encounters/${encodeURIComponent(other.id)}?lang=en`);
    await page.getByTestId("encounter-not-found").waitFor();
    // The browser logs the refused request itself; that one is expected, anything else is not.
    const logged = errors.splice(before);
    expect(logged.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(await page.getByTestId("encounter-not-found").textContent()).toContain("no such encounter");
    expect(await page.locator(".transcript").count()).toBe(0);
    await screenshot(page, "must-show-agent-other-encounter");
    // Nor do the report exports: agents may not read aggregates.
    const exported = await context.request.get(`${server.base}/api/v1/reports/themes/export?format=csv`);
    expect(exported.status()).toBe(403);
  });

  it("signs out while the overview is still loading without calling it an ended session, and keeps the next one", async () => {
    await context.clearCookies();
    await page.goto(`${server.base}/?lang=en`);
    await page.getByRole("button", { name: /Sign in as Analyst/ }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    // A busy server, played in the browser: the overview's reports are held back until the server has
    // signed the user out, then sent as they were (401), and their answers reach the page before the
    // sign-out's own answer does.
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const held = async (route: import("playwright-core").Route) => {
      await released;
      await route.continue().catch(() => undefined); // aborted by the page meanwhile
    };
    const logout = async (route: import("playwright-core").Route) => {
      const response = await route.fetch();
      release();
      await new Promise((r) => setTimeout(r, 1_500));
      await route.fulfill({ response }).catch(() => undefined);
    };
    await page.route("**/api/v1/reports/**", held);
    await page.route("**/api/v1/auth/logout", logout);
    await page.goto(`${server.base}/?lang=en&period=all`);
    await page.locator(".status-loading").first().waitFor();
    const signedOut = page.waitForResponse("**/api/v1/auth/logout");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    // A sign-out the user chose is not "your session has ended", before its answer or after.
    const ended = page.getByText("Your session has ended");
    expect(await ended.count()).toBe(0);
    await signedOut;
    await page.unroute("**/api/v1/reports/**", held);
    await page.unroute("**/api/v1/auth/logout", logout);
    expect(await ended.count()).toBe(0);
    // Signed in again at once, as another role, the new session stays.
    await page.getByRole("button", { name: /Sign in as Viewer/ }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await settled();
    expect(await page.getByRole("heading", { level: 1, name: "Overview" }).count()).toBe(1);
  });

  it("logged no console errors on the way", () => {
    expect(errors).toEqual([]);
  });
});
