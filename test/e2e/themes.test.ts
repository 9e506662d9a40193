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
 * The Themes page in a real browser (Debian's chromium) against `kohtaamo start` with the demo
 * workspace: the table with billing's NPS impact and interval as the API computes them, the theme's
 * detail, its encounters, Finnish labels, and what a viewer is (not) offered. SQLite pass only.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "themes page in the browser, on the demo workspace"
  : "themes page in the browser: skipped, it runs in the SQLite pass only";

/** The API's exclusive `to` for a month YYYY-MM: the first day of the month after it. */
function firstDayAfter(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

interface Impact {
  value: number;
  low: number;
  high: number;
  significant: boolean;
  warning?: string;
}
interface ThemeJson {
  theme: string;
  name: { fi: string; en: string };
  suppressed?: true;
  npsImpact?: Impact;
  volume?: number;
  answers?: number;
}

describe.runIf(onSqlite)(title, { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A privacy floor above the demo's smaller groups, so that a viewer meets suppressed themes.
    server = await startDemoServer({ KOHTAAMO_MIN_GROUP: "40" });
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

  const settled = async () => {
    await page.locator(".status-loading").first().waitFor({ state: "detached", timeout: 30_000 });
  };
  const signed = (locale: string, x: number) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    }).format(x);

  const byTheme = (a: { theme: string }, b: { theme: string }) => a.theme.localeCompare(b.theme);
  /** The bars of the NPS-impact chart: the theme each is tagged with, and whether it is marked few-answer. */
  const chartBars = async () => {
    const bars = page.locator(".theme-impact-chart [data-theme]");
    await expect.poll(() => bars.count()).toBeGreaterThan(0);
    const found = await bars.evaluateAll((els) =>
      els.map((e) => ({
        theme: e.getAttribute("data-theme") ?? "",
        few: e.getAttribute("data-few-answers") === "true",
      })),
    );
    return found.sort(byTheme);
  };

  const billing = async (): Promise<ThemeJson & { npsImpact: Impact }> => {
    const res = await context.request.get(`${server.base}/api/v1/reports/themes`);
    expect(res.status()).toBe(200);
    const report = (await res.json()) as { themes: ThemeJson[] };
    const row = report.themes.find((x) => x.theme === "billing");
    expect(row?.npsImpact, "billing has figures for the analyst").toBeDefined();
    return row as ThemeJson & { npsImpact: Impact };
  };

  it("shows billing in the table with its NPS impact and interval, as the API computes them", async () => {
    const expected = await billing();
    await page.goto(`${server.base}/themes?lang=en&period=all`);
    await page.getByRole("heading", { level: 1, name: "Themes" }).waitFor();
    await settled();
    const row = page.locator('tr[data-theme="billing"]');
    await row.waitFor();
    const link = row.getByRole("link", { name: "Billing and invoices" });
    expect(await link.getAttribute("href")).toMatch(/^\/themes\/billing(\?|$)/);
    const impact = (await row.getByTestId("theme-impact").textContent()) ?? "";
    expect(impact).toContain(signed("en-GB", expected.npsImpact.value));
    expect(impact).toContain(expected.npsImpact.significant ? "(significant)" : "(not significant)");
    expect(await row.getByTestId("theme-interval").textContent()).toContain(
      `${signed("en-GB", expected.npsImpact.low)} … ${signed("en-GB", expected.npsImpact.high)}`,
    );
    // The chart draws the impacts and says them in words too.
    await expect.poll(() => page.locator(".theme-impact-chart svg").count()).toBeGreaterThan(0);
    expect(await page.locator(".theme-impact-chart").getAttribute("aria-label")).toContain(
      "Billing and invoices",
    );
    // A theme no survey answer mentions has no bar (no NPS impact was measured); the note under
    // the chart names it instead. Checked against the API's `answers` for every theme shown.
    const all = (await (await context.request.get(`${server.base}/api/v1/reports/themes`)).json()) as {
      themes: ThemeJson[];
    };
    const label = (await page.locator(".theme-impact-chart").getAttribute("aria-label")) ?? "";
    const note = page.getByTestId("chart-no-answers");
    const without = all.themes.filter((x) => !x.suppressed && x.answers === 0);
    expect(await note.count()).toBe(without.length > 0 ? 1 : 0);
    const noteText = without.length > 0 ? ((await note.textContent()) ?? "") : "";
    for (const x of all.themes.filter((y) => !y.suppressed)) {
      const inChart = label.includes(`${x.name.en} `);
      expect(inChart, `${x.theme} in the chart`).toBe(x.answers !== 0);
      expect(noteText.includes(x.name.en), `${x.theme} in the note`).toBe(x.answers === 0);
    }
    // The note on bars that rest on few answers is there exactly when a theme in the chart has one.
    const drawn = all.themes.filter((x) => !x.suppressed && (x.answers ?? 0) > 0);
    expect(await chartBars()).toEqual(
      drawn.map((x) => ({ theme: x.theme, few: x.npsImpact?.warning !== undefined })).sort(byTheme),
    );
    expect(await page.getByTestId("chart-few-answers").count()).toBe(
      drawn.some((x) => x.npsImpact?.warning !== undefined) ? 1 : 0,
    );
    // Sorting by volume puts the most mentioned theme first.
    await page.getByRole("button", { name: /^Encounters/ }).click();
    expect(await page.locator("th[aria-sort=descending]").textContent()).toContain("Encounters");
    // The analyst may edit the taxonomy; the table exports with its filters.
    expect(await page.getByRole("link", { name: "Edit the taxonomy" }).getAttribute("href")).toBe(
      "/taxonomy",
    );
    const csv = await page.locator('.export-links a[data-format="csv"]').getAttribute("href");
    expect(csv).toBe("/api/v1/reports/themes/export?format=csv");
    await screenshot(page, "themes");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("opens billing's detail with its figures, monthly trend and comments", async () => {
    const expected = await billing();
    await page.locator('tr[data-theme="billing"]').getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Billing and invoices" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/themes/billing");
    expect(new URL(page.url()).searchParams.get("period")).toBe("all");
    await settled();
    expect(await page.getByTestId("theme-detail-impact").textContent()).toBe(
      signed("en-GB", expected.npsImpact.value),
    );
    expect(await page.getByTestId("theme-detail-interval").textContent()).toBe(
      `95% interval ${signed("en-GB", expected.npsImpact.low)} … ${signed("en-GB", expected.npsImpact.high)}`,
    );
    await expect.poll(() => page.locator(".theme-trend-chart svg").count()).toBeGreaterThan(0);
    // The comments that mention billing, each with billing marked among its themes.
    const comments = page.locator(".theme-comment");
    await comments.first().waitFor();
    const marked = await comments.evaluateAll((els) =>
      els.map((c) => c.querySelector(".theme-chip-current")?.textContent ?? ""),
    );
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) expect(m).toContain("Billing and invoices");
    // Where a sentence of a comment carries billing on its own, that sentence is highlighted.
    const evidence = await page.locator(".theme-comment-text mark.theme-evidence").allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(e.trim().length).toBeGreaterThan(3);
    // Its latest encounters, each a link to the encounter itself.
    const latest = page.locator(".theme-encounters a");
    await latest.first().waitFor();
    expect(await latest.count()).toBeGreaterThan(0);
    expect(await latest.first().getAttribute("href")).toMatch(/^\/encounters\/[^/?]+\?/);
    await screenshot(page, "theme-detail");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("marks an NPS impact that rests on few answers: in the table, under the chart, on the theme's page", async () => {
    // One month of the demo: about 150 answers, so some themes are mentioned by fewer than 30 of them
    // whatever the models read (the guard below); the last full month, as the newest may be partial.
    const whole = (await billing()) as ThemeJson & { monthly: { month: string }[] };
    const month = whole.monthly.at(-2)?.month as string;
    const next = firstDayAfter(month);
    const res = await context.request.get(`${server.base}/api/v1/reports/themes?from=${month}-01&to=${next}`);
    const themes = ((await res.json()) as { themes: ThemeJson[] }).themes.filter(
      (x) => !x.suppressed && (x.answers ?? 0) > 0,
    );
    const few = themes.filter((x) => x.npsImpact?.warning !== undefined);
    expect(few.length, "the month has themes with few answers").toBeGreaterThan(0);
    for (const x of themes) expect(x.npsImpact?.warning !== undefined).toBe((x.answers ?? 0) < 30);
    await page.goto(`${server.base}/themes?lang=en&from=${month}&to=${month}`);
    await page.getByRole("heading", { level: 1, name: "Themes" }).waitFor();
    await settled();
    await page.locator('tr[data-theme="billing"]').waitFor();
    // Each such theme keeps its figure and is marked "few answers (n = N)"; the others are not marked.
    for (const x of themes) {
      const marked = x.npsImpact?.warning !== undefined;
      const badge = page.locator(`tr[data-theme="${x.theme}"]`).getByTestId("theme-few-answers");
      expect(await badge.count(), `${x.theme} marked few answers`).toBe(marked ? 1 : 0);
      if (marked) expect(await badge.textContent()).toContain(`few answers (n = ${x.answers})`);
    }
    // In the chart, exactly their bars are marked, drawn lighter and dashed (told apart without colour);
    // one line under the chart says what such a bar means, rather than naming them all.
    expect(await chartBars()).toEqual(
      themes.map((x) => ({ theme: x.theme, few: x.npsImpact?.warning !== undefined })).sort(byTheme),
    );
    const drawing = await page.locator(".theme-impact-chart [data-theme]").evaluateAll((els) =>
      els.map((e) => {
        const style = e.ownerDocument.defaultView?.getComputedStyle(e);
        return {
          theme: e.getAttribute("data-theme"),
          few: e.getAttribute("data-few-answers") === "true",
          dashed: (style?.strokeDasharray ?? "none") !== "none",
          fill: Number(style?.fillOpacity ?? 1),
        };
      }),
    );
    const lightest = Math.min(...drawing.filter((d) => !d.few).map((d) => d.fill));
    for (const d of drawing) {
      expect(d.dashed, `${d.theme} drawn dashed`).toBe(d.few);
      if (d.few) expect(d.fill, `${d.theme} drawn lighter`).toBeLessThan(lightest);
    }
    const note = page.getByTestId("chart-few-answers");
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toBe(
      "Lighter (dashed) bars rest on fewer than 30 answers: read them with care.",
    );
    // Screen readers hear the chart's words: "few answers (n = N)" after exactly these themes' figures.
    const label = (await page.locator(".theme-impact-chart").getAttribute("aria-label")) ?? "";
    const said = label.slice(label.indexOf(": ") + 2).split("; ");
    for (const x of themes) {
      const part = said.find(
        (p) => p.startsWith(`${x.name.en} `) && /^[+−-]?\d/.test(p.slice(x.name.en.length + 1)),
      );
      expect(part, `${x.theme} in the chart's words`).toBeDefined();
      expect(part?.endsWith(`, few answers (n = ${x.answers})`), `${x.theme} said few answers`).toBe(
        x.npsImpact?.warning !== undefined,
      );
    }
    await screenshot(page, "themes-few-answers");
    expect(await seriousViolations(page)).toEqual([]);
    // Pointing at the widest such bar shows the same in its tooltip. The chart finds what is under the
    // pointer itself, so the mouse is moved there rather than the bar's path hovered.
    const fewBars = page.locator('.theme-impact-chart [data-few-answers="true"]');
    const widths = await fewBars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    const pointed = fewBars.nth(widths.indexOf(Math.max(...widths)));
    const pointedId = await pointed.getAttribute("data-theme");
    const pointedTheme = themes.find((x) => x.theme === pointedId);
    await pointed.scrollIntoViewIfNeeded();
    const box = await pointed.boundingBox();
    expect(box, "the bar is drawn").not.toBeNull();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    await expect
      .poll(() => page.locator(".theme-impact-chart").textContent())
      .toContain(`few answers (n = ${pointedTheme?.answers})`);
    // The theme's own page says why; billing over the whole history (hundreds of answers) does not.
    const one = few[0] as ThemeJson;
    expect((await billing()).npsImpact.warning).toBeUndefined();
    for (const [href, warned] of [
      [`/themes/${one.theme}?lang=en&from=${month}&to=${month}`, true],
      ["/themes/billing?lang=en&period=all", false],
    ] as const) {
      await page.goto(`${server.base}${href}`);
      await page.getByTestId("theme-detail-impact").waitFor();
      await settled();
      const warning = page.getByTestId("theme-detail-few-answers");
      expect(await warning.count(), `${href} warned`).toBe(warned ? 1 : 0);
      if (warned)
        expect(await warning.textContent()).toContain(
          `Survey answers that mention this theme: ${one.answers}. Too few`,
        );
      if (warned) await screenshot(page, "theme-detail-few-answers");
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("leads from the theme to its encounters, filtered by it", async () => {
    const link = page.getByRole("link", { name: "Show its encounters" });
    const href = new URL((await link.getAttribute("href")) ?? "", server.base);
    expect(href.pathname).toBe("/encounters");
    expect(href.searchParams.get("theme")).toBe("billing");
    expect(href.searchParams.get("period")).toBe("all");
    await link.click();
    await page.getByRole("heading", { level: 1, name: "Encounters" }).waitFor();
    expect(new URL(page.url()).searchParams.get("theme")).toBe("billing");
    await settled();
    const rows = page.locator(".enc-row");
    await rows.first().waitFor();
    const rowThemes = await rows.evaluateAll((els) =>
      els.map((row) => [...row.querySelectorAll(".theme-chip")].map((c) => c.textContent ?? "").join("|")),
    );
    for (const themes of rowThemes) expect(themes).toContain("Billing and invoices");
  });

  it("gives a theme no answer mentions no NPS impact on its page, rather than a measured 0", async () => {
    // The first month in which a theme is in encounters but in no survey answer (the guard below).
    const months = ((await billing()) as ThemeJson & { monthly: { month: string }[] }).monthly.map(
      (x) => x.month,
    );
    let found: { month: string; theme: ThemeJson } | null = null;
    for (const month of months) {
      const next = firstDayAfter(month);
      const res = await context.request.get(
        `${server.base}/api/v1/reports/themes?from=${month}-01&to=${next}`,
      );
      const theme = ((await res.json()) as { themes: ThemeJson[] }).themes.find(
        (x) => !x.suppressed && x.answers === 0 && (x.volume ?? 0) > 0,
      );
      if (theme) {
        found = { month, theme };
        break;
      }
    }
    expect(found, "a month with a theme no answer mentions").not.toBeNull();
    const { month, theme } = found as { month: string; theme: ThemeJson };
    await page.goto(`${server.base}/themes/${theme.theme}?lang=en&from=${month}&to=${month}`);
    await page.getByTestId("theme-detail-impact").waitFor();
    await settled();
    expect(await page.getByTestId("theme-detail-impact").textContent()).toBe("–");
    expect(await page.getByTestId("theme-detail-no-answers").textContent()).toBe(
      "No survey answers mention this theme: no NPS impact",
    );
    expect(await page.getByTestId("theme-detail-interval").count()).toBe(0);
  });

  it("gives the period's figures, and the whole history as the trend with the period shaded", async () => {
    const whole = (await billing()) as ThemeJson & { monthly: { month: string }[] };
    const months = whole.monthly.map((m) => m.month);
    expect(months.length).toBeGreaterThan(3);
    const from = months[months.length - 3] as string;
    const to = months[months.length - 1] as string;
    const next = firstDayAfter(to);
    const res = await context.request.get(`${server.base}/api/v1/reports/themes?from=${from}-01&to=${next}`);
    const period = ((await res.json()) as { themes: (ThemeJson & { npsImpact: Impact })[] }).themes.find(
      (x) => x.theme === "billing",
    );
    await page.goto(`${server.base}/themes/billing?lang=en&from=${from}&to=${to}`);
    await page.getByRole("heading", { level: 1, name: "Billing and invoices" }).waitFor();
    await settled();
    expect(await page.getByTestId("theme-detail-impact").textContent()).toBe(
      signed("en-GB", period?.npsImpact.value ?? Number.NaN),
    );
    await page.getByText("Show the months as a table").click();
    expect(await page.locator(".theme-trend-table tbody tr").count()).toBe(months.length);
    await expect.poll(() => page.locator(".theme-trend-chart svg").count()).toBeGreaterThan(0);
    expect(await page.locator(".theme-trend-chart").textContent()).toContain("Selected period");
  });

  it("reads in Finnish with ?lang=fi, numbers with decimal commas", async () => {
    await page.goto(`${server.base}/themes?lang=fi&period=all`);
    await page.getByRole("heading", { level: 1, name: "Teemat" }).waitFor();
    await settled();
    await page.getByRole("columnheader", { name: /Vaikutus NPS:ään/ }).waitFor();
    const row = page.locator('tr[data-theme="billing"]');
    expect(await row.getByRole("link").textContent()).toBe((await billing()).name.fi);
    expect((await row.getByTestId("theme-impact").textContent()) ?? "").toMatch(/^[+−]?\d+,\d/);
    await row.getByRole("link").click();
    await page.getByRole("link", { name: "Näytä sen kohtaamiset" }).waitFor();
    await settled();
    expect(await page.getByTestId("theme-detail-interval").textContent()).toContain("95 %:n luottamusväli");
    await screenshot(page, "theme-detail-fi");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("offers a viewer the figures only: no encounters, comments or taxonomy", async () => {
    await page.getByRole("button", { name: /Kirjaudu ulos|Sign out/ }).click();
    await page.getByRole("button", { name: /Viewer|Katselija/ }).click();
    await page.getByRole("navigation").waitFor();
    await page.goto(`${server.base}/themes/billing?lang=en&period=all`);
    await page.getByRole("heading", { level: 1, name: "Billing and invoices" }).waitFor();
    await settled();
    expect(await page.getByRole("link", { name: "Show its encounters" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Edit the taxonomy" }).count()).toBe(0);
    expect(await page.locator(".theme-comment").count()).toBe(0);
    await page.getByText("Your role sees the figures only").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the viewer the themes below the privacy floor as hidden, and reads on a tablet", async () => {
    const res = await context.request.get(`${server.base}/api/v1/reports/themes?channel=visit`);
    const report = (await res.json()) as { themes: ThemeJson[] };
    const hidden = report.themes.filter((x) => x.suppressed).map((x) => x.theme);
    expect(hidden.length, "the demo has themes under the floor on visits").toBeGreaterThan(0);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.base}/themes?lang=en&period=all&channel=visit`);
    await page.getByRole("heading", { level: 1, name: "Themes" }).waitFor();
    await settled();
    const rows = page.locator("tr.theme-row-hidden");
    await rows.first().waitFor();
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-theme")))).sort()).toEqual(
      [...hidden].sort(),
    );
    expect(await rows.first().textContent()).toContain("Hidden");
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "themes-viewer-tablet");
    expect(await seriousViolations(page)).toEqual([]);
    // A hidden theme's own page shows no figures either.
    await page.goto(`${server.base}/themes/${hidden[0]}?lang=en&period=all&channel=visit`);
    await settled();
    await page.locator(".status-suppressed").first().waitFor();
    expect(await page.getByTestId("theme-detail-impact").count()).toBe(0);
    expect(await page.locator(".theme-trend-chart").count()).toBe(0);
  });

  it("says so when the theme is not in the taxonomy", async () => {
    await page.goto(`${server.base}/themes/no-such-theme?lang=en`);
    await page.getByRole("heading", { level: 1, name: "Theme not found" }).waitFor();
    await page.getByText("There is no theme “no-such-theme” in the taxonomy.").waitFor();
  });

  it("tells an agent that the organisation's themes are not open to the role, without asking for them", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: /Sign in as Agent/ }).click();
    await page.getByRole("navigation").waitFor();
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/reports/")) asked.push(r.url());
    });
    await page.goto(`${server.base}/themes?lang=en`);
    await page.getByText("The organisation's themes are not open to the agent role").waitFor();
    expect(asked).toEqual([]);
  });

  it("logged no console errors on the way", () => {
    expect(errors).toEqual([]);
  });
});
