import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  settled as pageSettled,
  screenshot,
  seriousViolations,
  signInAsDemo,
  startDemoServer,
} from "../support/browser.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * The QA page (issue 12) in a real browser (Debian's chromium, playwright-core) against a real
 * `kohtaamo start` with the demo workspace: an analyst builds a scorecard, reviews an encounter of
 * the demo agent with AutoQA's suggestions and overrides one, scores a calibration round blind, and
 * the agent sees their own trend. SQLite pass only, like dashboard.test.ts. axe-core on every view.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite ? "QA page in the browser" : "QA page: skipped, it runs in the SQLite pass only";
const AGENT = "agent-18";

interface PrefillBody {
  analysed: boolean;
  criteria: {
    id: string;
    auto_score: number | null;
    found: boolean | null;
    evidence: { seq: number } | null;
  }[];
}

describe.runIf(onSqlite)(title, { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let scorecardId = "";
  let encounterId = "";
  /** The demo agent's team, as their encounters name it. */
  let agentTeam = "";

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    ({ context, page, errors } = await signInAsDemo(browser, server.base, "analyst"));
    await page.getByRole("navigation").getByRole("link", { name: "Laadunarviointi" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settled = (p: Page = page) => pageSettled(p);

  it("lets an analyst build a scorecard with AutoQA behaviours and a critical item, scoped to a team", async () => {
    const mine = (await (
      await context.request.get(`${server.base}/api/v1/encounters?agent=${AGENT}&limit=1`)
    ).json()) as { items: { team: string }[] };
    agentTeam = mine.items[0]?.team ?? "";
    expect(agentTeam).not.toBe("");
    await page.getByRole("navigation").getByRole("link", { name: "Laadunarviointi" }).click();
    await page.getByRole("heading", { name: "Laadunarviointi", level: 1 }).waitFor();
    // The demo has one scorecard: the review tab has it chosen already.
    await page.waitForURL(/[?&]scorecard=/);
    const demoCard = new URL(page.url()).searchParams.get("scorecard");
    expect(await page.getByLabel("Arviointilomake").inputValue()).toBe(demoCard);
    await page.getByRole("tab", { name: "Arviointilomakkeet" }).click();
    await settled();
    await page.getByRole("button", { name: "Uusi arviointilomake" }).click();
    const editor = page.locator("form.qa-editor");
    await editor.getByLabel("Nimi", { exact: true }).fill("Chat-laatu");
    await editor.getByLabel("Tiimi").selectOption(agentTeam);
    const row = (i: number) => editor.locator(`[data-row="${i}"]`);
    await row(0).getByLabel("Kriteeri", { exact: true }).fill("Tervehdys");
    await row(0).getByLabel("AutoQA-toimintatapa").selectOption("greeting");
    await editor.getByRole("button", { name: "Lisää kriteeri" }).click();
    await row(1).getByLabel("Kriteeri", { exact: true }).fill("Empatia");
    await row(1).getByLabel("Paino").fill("3");
    await row(1).getByLabel("Asteikko").selectOption("1-5");
    await row(1).getByLabel("AutoQA-toimintatapa").selectOption("empathy");
    await editor.getByRole("button", { name: "Lisää kriteeri" }).click();
    await row(2).getByLabel("Kriteeri", { exact: true }).fill("Ei syyttelyä");
    await row(2).getByLabel("AutoQA-toimintatapa").selectOption("blame_customer");
    await row(2).getByLabel("Kriittinen").check();
    await screenshot(page, "qa-scorecard-editor");
    expect(await seriousViolations(page)).toEqual([]);
    await editor.getByRole("button", { name: "Tallenna lomake" }).click();
    const listed = page.locator("tr[data-scorecard]");
    await listed.filter({ hasText: "Chat-laatu" }).first().waitFor();
    // Beside the demo's own scorecard (src/ingest/demo-seeder.ts).
    expect((await listed.locator("th").allTextContents()).sort()).toEqual([
      "Chat-laatu",
      "Palvelun laatu / Service quality",
    ]);
    const cards = (await (await context.request.get(`${server.base}/api/v1/qa/scorecards`)).json()) as {
      items: {
        id: string;
        name: string;
        team: string;
        criteria: { id: string; critical: boolean; behaviour: string }[];
      }[];
    };
    expect(cards.items).toHaveLength(2);
    const card = cards.items.find((c) => c.name === "Chat-laatu");
    scorecardId = card?.id ?? "";
    expect(card?.team).toBe(agentTeam);
    expect(card?.criteria.map((c) => [c.id, c.critical, c.behaviour])).toEqual([
      ["tervehdys", false, "greeting"],
      ["empatia", false, "empathy"],
      ["ei-syyttelya", true, "blame_customer"],
    ]);
  });

  it("reviews an encounter with AutoQA's suggestions and evidence, and keeps an override", async () => {
    // An analysed encounter of the demo agent in which AutoQA finds the greeting and empathy, and no blame.
    const list = (await (
      await context.request.get(`${server.base}/api/v1/encounters?agent=${AGENT}&limit=100`)
    ).json()) as { items: { id: string }[] };
    for (const e of list.items) {
      const res = await context.request.get(
        `${server.base}/api/v1/qa/encounters/${encodeURIComponent(e.id)}/prefill?scorecard=${scorecardId}`,
      );
      const body = (await res.json()) as PrefillBody;
      const [greeting, empathy, blame] = body.criteria;
      if (body.analysed && greeting?.found && empathy?.found && blame?.found === false) {
        encounterId = e.id;
        break;
      }
    }
    expect(encounterId).not.toBe("");
    await page.getByRole("tab", { name: "Arvioi", exact: true }).click();
    await page.goto(
      `${server.base}/qa?scorecard=${scorecardId}&encounter=${encodeURIComponent(encounterId)}`,
    );
    await page.getByRole("heading", { name: "Arvioi kohtaaminen" }).waitFor();
    await settled();
    const form = page.locator("form.qa-form");
    const table = form.getByRole("table", { name: /Kriteerit, AutoQA:n ehdotus/ });
    await table.waitFor();
    const greeting = table.locator('tr[data-criterion="tervehdys"]');
    expect(await greeting.getByTestId("auto-score").textContent()).toBe("Hyväksytty (Tervehdys: löytyi)");
    // The evidence turn is shown with its number.
    await greeting
      .locator("blockquote.qa-evidence")
      .getByText(/^Vuoro \d+/)
      .waitFor();
    expect(await form.getByLabel("Arviosi kriteerille Empatia").inputValue()).toBe("5");
    expect(await form.getByTestId("overridden").count()).toBe(0);
    await form.getByLabel("Arviosi kriteerille Empatia").selectOption("3");
    await form.getByTestId("overridden").waitFor();
    await form.getByLabel("Kommentti").fill("Empatia jäi fraasiksi.");
    await screenshot(page, "qa-review");
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Tallenna arvio" }).click();
    const saved = form.getByTestId("review-saved");
    await saved.waitFor();
    // (1 + 3 · 0.5 + 1) / 5 = 70 %
    expect(await saved.textContent()).toBe("Tallennettu: kokonaispisteet 70,0 / 100.");
    const reviews = (await (
      await context.request.get(
        `${server.base}/api/v1/qa/reviews?encounter=${encodeURIComponent(encounterId)}`,
      )
    ).json()) as { items: { total: number; scores: { criterion: string; overridden: boolean }[] }[] };
    expect(reviews.items).toHaveLength(1);
    expect(reviews.items[0]?.total).toBe(70);
    expect(reviews.items[0]?.scores.filter((s) => s.overridden).map((s) => s.criterion)).toEqual(["empatia"]);

    await page.getByRole("tab", { name: "AutoQA-muutokset" }).click();
    await settled();
    const empathy = page.locator('tr[data-criterion="empatia"]');
    await empathy.waitFor();
    expect(await empathy.locator("td").nth(2).textContent()).toBe("1");
    expect(await empathy.locator("td").nth(3).textContent()).toMatch(/^100 % \(95 % \d+ … 100 %\)$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the critical and overridden badges in their own colours, not a plain badge's", async () => {
    await page.goto(
      `${server.base}/qa?scorecard=${scorecardId}&encounter=${encodeURIComponent(encounterId)}`,
    );
    await page.getByRole("heading", { name: "Arvioi kohtaaminen" }).waitFor();
    await settled();
    const form = page.locator("form.qa-form");
    const critical = form.locator('tr[data-criterion="ei-syyttelya"] .qa-critical');
    await critical.waitFor();
    await form.getByLabel("Arviosi kriteerille Empatia").selectOption("3");
    const overridden = form.getByTestId("overridden");
    await overridden.waitFor();
    // class="badge qa-critical" beside a plain class="badge" made in the same place: the page's
    // modifier wins over the shared .badge, whatever the order the stylesheets load in (main.tsx).
    const colours = (badge: typeof critical) =>
      badge.evaluate((e) => {
        const plain = e.ownerDocument.createElement("span");
        plain.className = "badge";
        e.after(plain);
        const of = (x: typeof e) => {
          const style = e.ownerDocument.defaultView?.getComputedStyle(x);
          return { color: style?.color, background: style?.backgroundColor };
        };
        const both = { badge: of(e), plain: of(plain) };
        plain.remove();
        return both;
      });
    for (const badge of [critical, overridden]) {
      const { badge: own, plain } = await colours(badge);
      expect(own.color).not.toBe(plain.color);
      expect(own.background).not.toBe(plain.background);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("scores a calibration round blind, then shows agreement per criterion", async () => {
    await page.getByRole("tab", { name: "Kalibrointi" }).click();
    await settled();
    await page.getByText("Avaa kalibrointikierros").click();
    const create = page.getByRole("form", { name: "Avaa kalibrointikierros" });
    await create.getByLabel("Arviointilomake").selectOption(scorecardId);
    await create.getByLabel("Kohtaaminen").selectOption({ index: 1 });
    await create.getByLabel("Arvioijat").fill("analyst@demo.example.org, admin@demo.example.org");
    await create.getByRole("button", { name: "Avaa kierros" }).click();
    const round = page.getByTestId("qa-round");
    await round.getByTestId("round-blind").waitFor();
    expect(await round.getByTestId("round-status").textContent()).toContain(
      "analyst@demo.example.org (ei vielä)",
    );
    const form = round.locator("form.qa-form");
    await form.getByText("Kalibrointikierros: arvioit sokkona.").waitFor();
    for (const name of ["Tervehdys", "Empatia", "Ei syyttelyä"]) {
      const select = form.getByLabel(`Arviosi kriteerille ${name}`);
      if ((await select.inputValue()) === "") await select.selectOption({ index: 1 });
    }
    await screenshot(page, "qa-calibration-blind");
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Tallenna arvio" }).click();
    // Scored: the agreement table replaces the blind note (the admin has not scored yet).
    const agreement = round.getByRole("table", { name: "Yhtäpitävyys kriteereittäin" });
    await agreement.waitFor();
    expect(await agreement.locator("tbody tr").count()).toBe(3);
    expect(
      await agreement.locator('tr[data-criterion="tervehdys"] [data-testid="alpha"]').textContent(),
    ).toMatch(/nominaalinen/);
    expect(
      await agreement.locator('tr[data-criterion="empatia"] [data-testid="alpha"]').textContent(),
    ).toMatch(/järjestys/);
    await screenshot(page, "qa-calibration");
    expect(await seriousViolations(page)).toEqual([]);
    await round.getByRole("button", { name: "Sulje kierros" }).click();
    await expect.poll(() => round.getByTestId("round-status").textContent()).toMatch(/^Suljettu/);
    expect(errors).toEqual([]);
  });

  it("shows an agent their own reviews and monthly trend, in English too", async () => {
    const {
      context: agent,
      page: a,
      errors: aErrors,
    } = await signInAsDemo(browser, server.base, "agent", { lang: "en", locale: "en-US" });
    await a.getByRole("navigation").getByRole("link", { name: "QA" }).click();
    await a.getByRole("heading", { name: "My QA trend" }).waitFor();
    await settled(a);
    // Agents see no tabs for reviewing, calibration or scorecards.
    expect(await a.getByRole("tab").count()).toBe(0);
    const chart = a.getByTestId("qa-trend-chart");
    await chart.waitFor();
    expect(await chart.getAttribute("aria-label")).toMatch(
      /^Mean QA total \(0–100\) per month with 95% intervals: \d{4}-\d{2} 70\.0/,
    );
    const reviews = a.getByRole("table", { name: "Reviews, newest encounter first" });
    expect(await reviews.locator("tbody tr").count()).toBe(1);
    expect(await reviews.locator("tbody td").first().textContent()).toBe("Chat-laatu");
    // Each review opens to its scores, with what AutoQA suggested where the reviewer changed it.
    const details = reviews.locator("details.qa-review-scores");
    await details.locator("summary").click();
    expect(await details.locator('li[data-criterion="empatia"]').textContent()).toMatch(
      /^Empatia: 3 · AutoQA suggested 5 · Turn \d+$/,
    );
    expect(await details.locator('li[data-criterion="tervehdys"]').textContent()).toMatch(
      /^Tervehdys: Pass · as AutoQA suggested · Turn \d+$/,
    );
    // Another agent's trend is not theirs to read.
    const other = await agent.request.get(`${server.base}/api/v1/qa/agents/agent-01/trend`);
    expect(other.status()).toBe(404);
    await screenshot(a, "qa-agent-trend");
    expect(await seriousViolations(a)).toEqual([]);
    expect(aErrors).toEqual([]);
    await agent.close();
  });
});
