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
 * The coaching page (issue 12) in a real browser (Debian's chromium, playwright-core) against a real
 * `kohtaamo start` with the demo workspace: a team lead creates a session for a team and month, sees
 * the picks with their reasons and links to the moment, the questions, saves notes and agreements,
 * and the next session shows them; a pick's link opens the encounter at its turn; the agent reads the
 * session about them without changing it. axe-core finds nothing serious on any of it. SQLite pass only,
 * like dashboard.test.ts.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "coaching page in the browser"
  : "coaching page: skipped, it runs in the SQLite pass only";

describe.runIf(onSqlite)(title, { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    ({ context, page, errors } = await signInAsDemo(browser, server.base, "manager"));
    await page.getByRole("navigation").getByRole("link", { name: "Valmennus" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settled = (p: Page = page) => pageSettled(p);

  async function createSession(p: Page, team: string, month: string, agent?: string): Promise<void> {
    await p.getByLabel("Tiimi", { exact: true }).selectOption(team);
    await p.getByLabel("Kuukausi", { exact: true }).fill(month);
    await p.getByLabel("Asiakaspalvelija (valinnainen)").fill(agent ?? "");
    await p.getByRole("button", { name: "Luo valmennuskerta" }).click();
    await p.waitForURL(/session=/);
    await p.getByTestId("coaching-detail").locator("#coaching-detail-title").waitFor();
    await settled(p);
  }

  it("creates a session for a team and month: picks with reasons and links to the moment, and questions", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Valmennus" }).click();
    await page.getByRole("heading", { name: "Valmennus", level: 1 }).waitFor();
    await settled();
    await createSession(page, "Laskutus", "2026-03");
    const detail = page.getByTestId("coaching-detail");
    await detail
      .getByRole("heading", { name: /^Valmennuskerta: Laskutus, 1\.3\.2026 – 31\.3\.2026$/ })
      .waitFor();
    const picks = detail.locator(".coaching-pick");
    const count = await picks.count();
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(6);
    const id = new URL(page.url()).searchParams.get("session") as string;
    const api = (await (
      await context.request.get(`${server.base}/api/v1/coaching-sessions/${id}`)
    ).json()) as {
      picks: { kind: string; link: string; turn: number }[];
      questions: { text: { fi: string } }[];
    };
    expect(await picks.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(
      api.picks.map((p) => p.kind),
    );
    // Each pick says why in words and links to the encounter at its turn.
    expect(await picks.first().locator("h4").textContent()).toBe("1. Huonoin loppu");
    expect(await picks.first().textContent()).toContain(
      "Asiakkaan viimeisten sanojen sävy oli jakson kielteisin",
    );
    const links = detail.getByRole("link", { name: /^Kuuntele vuorosta \d+$/ });
    expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute("href")))).toEqual(
      api.picks.map((p) => p.link),
    );
    expect(api.picks[0]?.link).toMatch(/^\/encounters\/[^#]+#turn-\d+$/);
    // The questions in Finnish, as the API made them.
    const questions = detail.locator(".coaching-questions li");
    expect(await questions.allTextContents()).toEqual(api.questions.map((q) => q.text.fi));
    expect(api.questions.length).toBeGreaterThanOrEqual(3);
    await detail.getByText("Tämä on tämän tiimin ja asiakaspalvelijan ensimmäinen valmennuskerta.").waitFor();
    await screenshot(page, "coaching-session");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("keeps notes and agreements, and the next session opens with the agreements", async () => {
    const detail = page.getByTestId("coaching-detail");
    await detail.getByLabel("Muistiinpanot", { exact: true }).fill("Kuunneltiin kolme puhelua yhdessä.");
    await detail
      .getByLabel("Sovitut asiat, yksi per rivi")
      .fill("Kerro aina seuraava askel\nTarkista ratkaisu");
    await detail.getByLabel("Seurantapäivä").fill("2026-04-15");
    await detail.getByLabel("Tila", { exact: true }).selectOption("held");
    await detail.getByRole("button", { name: "Tallenna", exact: true }).click();
    await detail.getByText("Tallennettu.").waitFor();
    // The list of earlier sessions shows the agreements.
    const list = page.getByRole("table", { name: "Aiemmat valmennuskerrat, uusin ensin" });
    await list.getByText("Kerro aina seuraava askel").waitFor();
    expect(await list.locator("tbody tr").first().getByText("Pidetty").count()).toBe(1);

    await createSession(page, "Laskutus", "2026-04");
    const next = page.getByTestId("coaching-detail");
    await next.getByRole("heading", { name: /Laskutus, 1\.4\.2026 – 30\.4\.2026$/ }).waitFor();
    expect(await next.getByTestId("previous-agreements").locator("li").allTextContents()).toEqual([
      "Kerro aina seuraava askel",
      "Tarkista ratkaisu",
    ]);
    await next.getByText("Jakson 1.3.2026 – 31.3.2026 valmennuskerta, seuranta 15.4.2026").waitFor();
    await screenshot(page, "coaching-next-session");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("opens a pick's encounter at the moment that matters", async () => {
    const link = page
      .getByTestId("coaching-detail")
      .getByRole("link", { name: /^Kuuntele vuorosta \d+$/ })
      .first();
    const href = (await link.getAttribute("href")) as string;
    const turn = Number(/#turn-(\d+)$/.exec(href)?.[1]);
    await link.click();
    await page.waitForURL(/\/encounters\/[^#]+#turn-\d+$/);
    const target = page.locator(`#turn-${turn}`);
    await target.waitFor();
    await expect.poll(() => target.getAttribute("class")).toContain("turn-focused");
    expect(await page.locator(":focus").getAttribute("id")).toBe(`turn-${turn}`);
    await settled();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByTestId("coaching-detail").waitFor();
  });

  it("says plainly why a session gets fewer picks, and the agent reads their session without changing it", async () => {
    // An admin creates a session about the demo agent's own encounters (agent-18, Asiakaspalvelu).
    const {
      context: adminContext,
      page: a,
      errors: aErrors,
    } = await signInAsDemo(browser, server.base, "admin");
    await a.getByRole("navigation").getByRole("link", { name: "Valmennus" }).click();
    await a.getByRole("heading", { name: "Valmennus", level: 1 }).waitFor();
    // agent-18 works in Asiakaspalvelu, not in Laskutus: nothing to pick, and the page says why.
    await createSession(a, "Laskutus", "2026-03", "agent-18");
    const empty = a.getByTestId("coaching-detail");
    await empty.locator('[data-shortfall="too_few_encounters"]').waitFor();
    expect(await empty.locator('[data-shortfall="too_few_encounters"]').textContent()).toMatch(
      /^Tiimillä on tällä jaksolla vain 0 analysoitua kohtaamista.*tarvitsee 4/,
    );
    expect(await empty.locator(".coaching-pick").count()).toBe(0);
    expect(await seriousViolations(a)).toEqual([]);
    await createSession(a, "Asiakaspalvelu", "2026-03", "agent-18");
    await a.getByText("Asiakaspalvelija: agent-18", { exact: false }).waitFor();
    // A team name with spaces goes through the address and the API as it is.
    await createSession(a, "Myynti ja sopimukset", "2026-03");
    expect(new URL(a.url()).searchParams.get("team")).toBe("Myynti ja sopimukset");
    await a
      .getByTestId("coaching-detail")
      .getByRole("heading", { name: /^Valmennuskerta: Myynti ja sopimukset, 1\.3\.2026 – 31\.3\.2026$/ })
      .waitFor();
    const listed = a.getByRole("table", { name: "Aiemmat valmennuskerrat, uusin ensin" }).locator("tbody tr");
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.first().textContent()).toContain("Myynti ja sopimukset");
    expect(aErrors).toEqual([]);
    await adminContext.close();

    const {
      context: agentContext,
      page: g,
      errors: gErrors,
    } = await signInAsDemo(browser, server.base, "agent");
    await g.getByRole("navigation").getByRole("link", { name: "Valmennus" }).click();
    await g.getByRole("heading", { name: "Valmennus", level: 1 }).waitFor();
    await settled(g);
    // No form to create sessions; only the session about them is listed.
    expect(await g.getByRole("button", { name: "Luo valmennuskerta" }).count()).toBe(0);
    const rows = g.getByRole("table", { name: "Aiemmat valmennuskerrat, uusin ensin" }).locator("tbody tr");
    await rows.first().waitFor();
    // Both sessions about agent-18 (the empty one too), nothing else.
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allTextContents()) expect(text).toContain("agent-18");
    await rows.first().getByRole("link").click();
    const detail = g.getByTestId("coaching-detail");
    await detail.locator(".coaching-pick").first().waitFor();
    await settled(g);
    expect(await detail.getByRole("button", { name: "Tallenna", exact: true }).count()).toBe(0);
    await detail.getByText("Valmennuskertoja muuttaa tiimin esihenkilö.").waitFor();
    await screenshot(g, "coaching-agent");
    expect(await seriousViolations(g)).toEqual([]);
    expect(gErrors).toEqual([]);
    await agentContext.close();
    expect(errors).toEqual([]);
  });
});
