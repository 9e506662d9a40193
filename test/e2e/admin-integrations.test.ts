import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWebhookSecret } from "../../src/store/webhook-repository.ts";
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
 * The Integrations tab of /admin in a real browser against `kohtaamo start` (its sealing key made
 * in the data dir): a mapping without a score is refused with the API's message, a Formbricks
 * integration is added and listed with its inbound URL, a real signed delivery shows as the last
 * delivery and a forged one as the last error, an ignored one's reason worded from its code; fi and en;
 * axe finds no serious violation.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "integrations in the browser, on the demo workspace"
  : "integrations in the browser: skipped, it runs in the SQLite pass only";
const fixture = fs.readFileSync(
  new URL("../fixtures/formbricks/response-finished.json", import.meta.url),
  "utf8",
);

describe.runIf(onSqlite)(title, { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    ({ page, errors } = await signInAsDemo(browser, server.base, "admin", { lang: "en" }));
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("adds a Formbricks integration, lists its inbound URL, last delivery and last error", async () => {
    const secret = newWebhookSecret();
    await page.goto(`${server.base}/admin?tab=integrations`);
    await page.getByRole("tab", { name: "Integrations", selected: true }).waitFor();
    await page.getByText("No integrations yet.").waitFor();

    await page.getByRole("button", { name: "Add an integration" }).click();
    const form = page.getByRole("form", { name: "New integration" });
    await page.getByLabel("Name", { exact: true }).fill("Laskutuksen kysely");
    await page.getByLabel("Signing secret").fill(secret);
    await page.getByLabel("Question id of the comment").fill("miksi");
    await form.getByRole("button", { name: "Add an integration" }).click();
    await page.getByRole("alert").filter({ hasText: "mapping" }).waitFor();
    expect(await page.getByLabel("Question id of the comment").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Question id of the NPS score").fill("suositteluhalukkuus");
    await form.getByRole("button", { name: "Add an integration" }).click();
    await page.getByRole("status").filter({ hasText: "Integration Laskutuksen kysely added" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Laskutuksen kysely" });
    const url = (await row.locator("code").textContent()) ?? "";
    expect(url).toMatch(/\/api\/v1\/hooks\/[0-9a-f-]{36}$/);
    expect(await row.getByRole("cell").nth(2).textContent()).toBe("None yet");
    expect(await seriousViolations(page)).toEqual([]);

    // Formbricks delivers: one signed delivery, then one whose signature does not match.
    const path = new URL(url, server.base).pathname;
    const send = (signWith: string, id: string, body = fixture) => {
      const at = new Date();
      return fetch(`${server.base}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(signWith).sign(id, at, body),
        },
        body,
      });
    };
    expect((await send(secret, "msg_browser_1")).status).toBe(200);
    expect((await send(newWebhookSecret(), "msg_browser_2")).status).toBe(401);
    // A response started but with no score answered yet: taken in and ignored, with a reason code.
    const partial = JSON.parse(fixture) as { event: string; data: { id: string; data: unknown } };
    partial.event = "responseCreated";
    partial.data.id = "browser-partial-1";
    partial.data.data = { team: "Laskutus" };
    const ignored = await send(secret, "msg_browser_5", JSON.stringify(partial));
    expect(await ignored.json()).toMatchObject({ status: "ignored", code: "response.no_score_yet" });
    await page.reload();
    await settled(page);
    const cells = page.getByRole("row").filter({ hasText: "Laskutuksen kysely" }).getByRole("cell");
    expect(await cells.nth(2).textContent()).not.toBe("None yet");
    expect(await cells.nth(3).textContent()).toContain("No matching signature found");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "admin-integrations");

    // Its deliveries, and a new secret: deliveries signed with the old one are refused from then on.
    await page.getByRole("button", { name: "Deliveries and secret of Laskutuksen kysely" }).click();
    // What came of it, counted per record kind (the API keeps the English outcome beside it).
    await page.getByText(/msg_browser_1: Survey answers: 1 new, 0 updated, 0 unchanged$/).waitFor();
    await page.getByText(/msg_browser_5: ignored: no score question answered yet$/).waitFor();
    const rotated = newWebhookSecret();
    await page.getByLabel("New signing secret").fill(rotated);
    await page.getByRole("button", { name: "Replace the secret" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "The signing secret of Laskutuksen kysely was replaced." })
      .waitFor();
    expect((await send(secret, "msg_browser_3")).status).toBe(401);
    expect((await send(rotated, "msg_browser_4")).status).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: /Suomeksi/ }).click();
    await page.getByRole("tab", { name: "Integraatiot", selected: true }).waitFor();
    await page.getByRole("columnheader", { name: "Vastaanotto-osoite" }).waitFor();
    // The refusal and the delivery in Finnish, from the error's code and the delivery's counts.
    expect(await cells.nth(3).textContent()).toContain(
      "hylätty: allekirjoitus ei täsmää (No matching signature found)",
    );
    await page.getByText(/msg_browser_1: Kyselyvastaukset: uusia 1, päivitettyjä 0, ennallaan 0$/).waitFor();
    // The ignored delivery's reason in Finnish, from its code (the API keeps the English beside it).
    await page
      .getByText(/msg_browser_5: ohitettu: yhteenkään pistekysymykseen ei ole vielä vastattu$/)
      .waitFor();
    expect(await page.getByText("no score question answered yet").count()).toBe(0);
    await screenshot(page, "admin-integrations-ignored-fi");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: /In English/ }).click();

    await page.getByRole("button", { name: "Delete Laskutuksen kysely" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByRole("status").filter({ hasText: "Integration deleted." }).waitFor();
    await page.getByText("No integrations yet.").waitFor();
    // The one 400 is the mapping refused on purpose above.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
