import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenWorkbook } from "../support/broken-workbook.ts";
import {
  collectErrors,
  launchChromium,
  screenshot,
  seriousViolations,
  startDemoServer,
} from "../support/browser.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * The Consistency and Import pages in a real browser (Debian's chromium, playwright-core) against a
 * real `kohtaamo start` with the demo workspace, in Finnish, with the importer's refusal of a file in
 * Finnish too. SQLite pass only, like dashboard.test.ts.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "consistency and import pages in the browser"
  : "consistency and import pages: skipped, they run in the SQLite pass only";

/**
 * Survey answers with Finnish headers, a score column the aliases do not know, one bad score, and one
 * cell saved through a wrong encoding on the way ("sähköposti" as "sÃ¤hkÃ¶posti").
 */
const CSV = [
  "Vastaus_id;Vastausaika;Tyyppi;Arvosana asteikolla;Kanava",
  "e2e-1;1.3.2026 10:00;nps;9;chat",
  "e2e-2;2.3.2026 11:30;nps;12;puhelin",
  "e2e-3;3.3.2026 12:45;nps;3;sÃ¤hkÃ¶posti",
].join("\r\n");

describe.runIf(onSqlite)(title, { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A privacy floor above the demo's smallest channel, so that a viewer meets a suppressed group.
    server = await startDemoServer({ KOHTAAMO_MIN_GROUP: "40" });
    browser = await launchChromium();
    context = await browser.newContext({ locale: "fi-FI", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);
    await page.goto(`${server.base}/?lang=fi`);
    await page.getByRole("button", { name: /Analyytikko/ }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Johdonmukaisuus" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settled = async () => {
    await page.locator(".status-loading").first().waitFor({ state: "detached", timeout: 30_000 });
  };

  it("shows NPS and tone by channel with intervals, the verdict, and response rates, in Finnish", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Johdonmukaisuus" }).click();
    await page.getByRole("heading", { name: "Johdonmukaisuus kanavien välillä", level: 1 }).waitFor();
    await settled();
    const api = await context.request.get(`${server.base}/api/v1/reports/consistency`);
    const report = (await api.json()) as { channels: { channel: string; suppressed?: boolean }[] };
    const table = page.getByRole("table", { name: "NPS ja sävy kanavittain" });
    expect(await table.locator("tbody tr").count()).toBe(report.channels.length);
    await expect.poll(() => page.locator(".consistency-chart svg").count()).toBeGreaterThan(0);
    expect(await page.locator(".consistency-chart").getAttribute("aria-label")).toMatch(
      /^NPS kanavittain 95 %:n luottamusväleineen: /,
    );
    expect(await page.locator(".consistency-verdicts li").first().textContent()).toMatch(/^NPS: Kanav/);
    await page.getByRole("table", { name: "Vastausaktiivisuus kanavittain" }).waitFor();
    await page.getByRole("heading", { name: "Vastaamattomuus: kenen ääni ei kuulu" }).waitFor();
    const exports = await page
      .locator(".export-links a[data-format=csv]")
      .evaluateAll((els) => els.map((e) => new URL(e.getAttribute("href") ?? "", "http://x").pathname));
    expect(exports).toContain("/api/v1/reports/consistency/export");
    expect(exports).toContain("/api/v1/reports/response-rate/export");
    const href = await page.locator(".export-links a[data-format=csv]").first().getAttribute("href");
    const exported = await context.request.get(new URL(href as string, server.base).href);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toMatch(/text\/csv/);
    await screenshot(page, "consistency");
    expect(await seriousViolations(page)).toEqual([]);
    // A tablet: the two cards stack and every table still fits or scrolls on its own.
    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, "consistency-tablet");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("imports a CSV after the user maps a column, and shows the counts and the rejected row", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Tuonti" }).click();
    await page.getByRole("heading", { name: "Tuonti", level: 1 }).waitFor();
    await page.getByLabel("Tiedosto", { exact: true }).setInputFiles({
      name: "vastaukset.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV, "utf8"),
    });
    await page.getByRole("button", { name: "Lähetä ja esikatsele" }).click();
    await page.getByRole("heading", { name: "2. Tarkista, miten tiedosto luetaan" }).waitFor();
    await expect.poll(() => page.locator(".import-detected").textContent()).toContain("puolipiste (;)");
    expect(await page.locator(".import-detected").textContent()).toContain("UTF-8");
    await page.getByText("Pakolliset kentät, joille ei ole saraketta: score").waitFor();
    expect(await page.getByRole("button", { name: "Tuo", exact: true }).isDisabled()).toBe(true);

    // The user tells which column holds the score; the preview reads the file again.
    await page.getByLabel("Arvosana asteikolla").selectOption("score");
    await page.getByText("Ensimmäisistä 3 rivistä 2 voidaan tuoda ja 1 hylättäisiin.").waitFor();
    // The reasons are in the page's language, worded from their codes.
    await page.getByRole("cell", { name: "score: NPS-arvon on oltava 0–10 (oli 12)" }).waitFor();
    await screenshot(page, "import-preview");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Tuo", exact: true }).click();

    await page.locator(".import-done").waitFor({ timeout: 30_000 });
    const count = (key: string) => page.locator(`[data-count=${key}] dd`).textContent();
    expect(await count("inserted")).toBe("2");
    expect(await count("rejected")).toBe("1");
    const rejected = page.locator(".import-rejected tbody tr");
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().locator(".import-reason").textContent()).toBe(
      "score: NPS-arvon on oltava 0–10 (oli 12)",
    );
    expect(await rejected.first().textContent()).toMatch(/^3score: .*e2e-2/);
    // What the import changed or left undone on the way in, as the command line says it.
    expect(
      await page.getByRole("list", { name: "Huomioita tiedostosta" }).locator("li").allTextContents(),
    ).toEqual([
      "Arvoja, jotka oli matkalla tallennettu väärällä merkistöllä (“Ã¤” eikä “ä”) ja jotka luettiin tarkoitetulla tavalla: 1. Tiedoston vieneen ohjelman asetukset kannattaa tarkistaa.",
      "Tietueita, jotka ovat vanhempia kuin tapaussäännöt sallivat, joten ne eivät avanneet seurantatapausta: 2.",
    ]);

    const link = page.getByRole("link", { name: "Lataa hylätyt rivit (CSV)" });
    const csv = await context.request.get(
      new URL((await link.getAttribute("href")) as string, server.base).href,
    );
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    // The download stays the importer's English, as the CLI's rejects file.
    expect(lines[1]).toMatch(/^3;;score: must be 0–10 for NPS \(got 12\);e2e-2;/);

    await screenshot(page, "import");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows a viewer small channels as suppressed, and that only admins and analysts import", async () => {
    const viewer = await browser.newContext({ locale: "fi-FI", viewport: { width: 1024, height: 768 } });
    const p = await viewer.newPage();
    const viewerErrors = collectErrors(p);
    await p.goto(`${server.base}/?lang=fi`);
    await p.locator('.demo-button[data-role="viewer"]').click();
    // The viewer lands on the overview, which selects the latest three months; the page keeps them.
    await p.waitForURL(/[?&]from=/);
    const answer = p.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/reports/consistency");
    await p.getByRole("navigation").getByRole("link", { name: "Johdonmukaisuus" }).click();
    const report = (await (await answer).json()) as { channels: { suppressed?: boolean }[] };
    const table = p.getByRole("table", { name: "NPS ja sävy kanavittain" });
    await table.waitFor();
    const hidden = report.channels.filter((c) => c.suppressed).length;
    expect(hidden).toBeGreaterThan(0);
    expect(await table.locator("tbody td.status-suppressed").count()).toBe(hidden);
    expect(await table.locator("tbody td.status-suppressed").first().textContent()).toMatch(/^Piilotettu/);
    await screenshot(p, "consistency-viewer");
    expect(await seriousViolations(p)).toEqual([]);

    // The navigation has no Import for a viewer; the page reached by its address explains why.
    expect(await p.getByRole("navigation").getByRole("link", { name: "Tuonti" }).count()).toBe(0);
    await p.goto(`${server.base}/import`);
    await p.getByText("Vain pääkäyttäjät ja analyytikot voivat tuoda tietoja.", { exact: false }).waitFor();
    expect(await p.locator("input[type=file]").count()).toBe(0);
    await viewer.close();
    expect(viewerErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("says in Finnish why a file cannot be read, in the preview and when the import itself fails", async () => {
    await page.goto(`${server.base}/import?lang=fi`);
    await page.getByRole("heading", { name: "Tuonti", level: 1 }).waitFor();
    const choose = async (name: string, buffer: Buffer) => {
      await page
        .getByLabel("Tiedosto", { exact: true })
        .setInputFiles({ name, mimeType: "text/csv", buffer });
      await page.getByRole("button", { name: "Lähetä ja esikatsele" }).click();
    };
    // A PDF saved with a .csv name: the preview's error answer carries its code, the page words it.
    await choose("raportti.csv", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"));
    const alert = page.getByRole("alert");
    await expect
      .poll(() => alert.textContent())
      .toBe(
        "Tiedostoa ei voitu lukea: se on PDF-asiakirja. Vie tiedot sen tehneestä järjestelmästä CSV-, XLSX- tai JSONL-muodossa.",
      );

    // A workbook that breaks past its first rows: it previews, and the import itself fails.
    await choose("vastaukset.xlsx", Buffer.from(await brokenWorkbook()));
    await page.getByRole("heading", { name: "2. Tarkista, miten tiedosto luetaan" }).waitFor();
    await page.getByRole("button", { name: "Tuo", exact: true }).click();
    const failed = page.locator(".import-step .status-error[role=alert]");
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toBe(
      "Tuonti keskeytyi: se ei ole Excel-työkirja, jonka voisi lukea. Avaa se Excelissä ja tallenna se uudelleen .xlsx-muodossa, tai tallenna taulukko CSV UTF-8 -muodossa.",
    );
    await screenshot(page, "import-failed");
    expect(await seriousViolations(page)).toEqual([]);
    // The refused preview's 400 is the browser's own console line; nothing else went wrong.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
