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
import { chatwootAccount, type FakeChatwoot, fakeChatwoot } from "../support/chatwoot-server.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * "Pull now" on the Integrations tab of /admin, in a real browser against `kohtaamo start` and a
 * fake Chatwoot on loopback (test/support/chatwoot-server.ts): an admin adds a Chatwoot
 * integration, is told which setting a pull lacks, has wrong settings refused beside their fields
 * before anything is sent, saves the right ones, pulls and sees the pull end with its counts and
 * the saved cursors; switched off, the button waits and says why. fi and en (the counts, the
 * streams' names and the deliveries in the page's language); axe finds no serious violation. SQLite pass only, like the other browser tests.
 */
const onSqlite = DIALECTS.includes("sqlite");
const title = onSqlite
  ? "pulling an integration from the admin page, in the browser"
  : "pulling an integration from the admin page: skipped, it runs in the SQLite pass only";
const API_TOKEN = "cw-api-access-token-0123456789";
const SECRET = JSON.stringify({ signing_secret: "cw-webhook-secret-5f0c2a91d3e84b7f", api_token: API_TOKEN });
const NAME = "Verkkokaupan chat";

describe.runIf(onSqlite)(title, { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let chatwoot: FakeChatwoot;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    chatwoot = await fakeChatwoot(chatwootAccount(), API_TOKEN);
    server = await startDemoServer();
    browser = await launchChromium();
    ({ page, errors } = await signInAsDemo(browser, server.base, "admin", { lang: "en" }));
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await chatwoot?.close();
  });

  const section = () => page.getByTestId("integration-pull");
  const settings = () => section().getByRole("form", { name: "Pull settings" });

  it("adds a Chatwoot integration and is told which setting a pull lacks", async () => {
    await page.goto(`${server.base}/admin?tab=integrations`);
    await page.getByRole("tab", { name: "Integrations", selected: true }).waitFor();
    await page.getByText("No integrations yet.").waitFor();
    // The tab names the panel: no second "Integrations" heading under it.
    expect(await page.getByRole("heading", { name: "Integrations", exact: true }).count()).toBe(0);

    await page.getByRole("button", { name: "Add an integration" }).click();
    await page.getByLabel("Source").selectOption("chatwoot");
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Signing secret").fill(SECRET);
    await page
      .getByRole("form", { name: "New integration" })
      .getByRole("button", { name: "Add an integration" })
      .click();
    await page
      .getByRole("status")
      .filter({ hasText: `Integration ${NAME} added` })
      .waitFor();

    await page.getByRole("button", { name: `Pull, deliveries and secret of ${NAME}` }).click();
    await section().getByRole("heading", { name: "Pull from Chatwoot (conversations)" }).waitFor();
    expect(await section().getByTestId("pull-last").textContent()).toBe("Not pulled yet.");
    await section().getByText("From the beginning (no position saved yet).").waitFor();

    await section()
      .getByRole("button", { name: `Pull now: ${NAME}` })
      .click();
    const refused = section().getByTestId("pull-refused");
    await refused.waitFor();
    expect(await refused.getAttribute("role")).toBe("alert");
    expect(await refused.textContent()).toBe(
      "Cannot pull: API address is needed. Fill it in below and save the pull settings.",
    );
    expect(await settings().getByLabel("API address").getAttribute("aria-invalid")).toBe("true");
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("refuses wrong settings beside their fields, then saves the right ones", async () => {
    const form = settings();
    await form.getByLabel("API address").fill("chat.acme.fi");
    await form.getByLabel("Account id").fill("yksi");
    await form.getByLabel("Requests a minute").fill("0");
    await form.getByRole("button", { name: "Save the pull settings" }).click();
    await form.getByText("Check the fields marked: API address, Account id, Requests a minute.").waitFor();
    expect(await form.locator('[data-field-error="base_url"]').textContent()).toBe(
      "API address: an address starting with http:// or https://",
    );
    expect(await form.locator('[data-field-error="account_id"]').textContent()).toBe(
      "Account id: a whole number, 1 or more",
    );
    expect(await form.locator('[data-field-error="requests_per_minute"]').textContent()).toBe(
      "Requests a minute: a whole number from 1 to 6000",
    );
    expect(await form.getByLabel("Account id").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel("API address").fill(chatwoot.url);
    await form.getByLabel("Account id").fill("1");
    await form.getByLabel("Requests a minute").fill("6000");
    await form.getByRole("button", { name: "Save the pull settings" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `The pull settings of ${NAME} were saved.` })
      .waitFor();
    const stored = (await (await page.request.get(`${server.base}/api/v1/integrations`)).json()) as {
      items: { name: string; settings: Record<string, unknown> }[];
    };
    expect(stored.items.find((i) => i.name === NAME)?.settings).toEqual({
      base_url: chatwoot.url,
      account_id: 1,
      requests_per_minute: 6000,
    });
  });

  it("pulls: queued or started, then its counts, the last pull and the saved cursors", async () => {
    await section()
      .getByRole("button", { name: `Pull now: ${NAME}` })
      .click();
    const state = section().getByTestId("pull-state");
    await state.filter({ hasText: /^Pull (queued|started)/ }).waitFor();
    await state
      .filter({ hasText: /^Pull finished: Conversations: 4 new/ })
      // A loaded machine (two shared cores) can take minutes over the pull's analysis.
      .waitFor({ timeout: 200_000 });
    expect(await state.textContent()).toBe(
      "Pull finished: Conversations: 4 new, 0 updated, 0 unchanged; CSAT responses: 3 new, 0 updated, 0 unchanged",
    );
    expect(await section().getByTestId("pull-last").textContent()).toMatch(
      /^Last pull \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d: Conversations: 4 new, 0 updated, 0 unchanged; CSAT responses: 3 new, 0 updated, 0 unchanged$/,
    );
    await section()
      .locator('[data-stream="conversations"]')
      .filter({ hasText: /^Conversations: page \d+ \(saved / })
      .waitFor();
    await section()
      .locator('[data-stream="csat_survey_responses"]')
      .filter({ hasText: /^CSAT responses: / })
      .waitFor();
    // The fake account has one open conversation, worded in the singular.
    expect(await section().locator('[data-stream="open_conversations"]').textContent()).toMatch(
      /^Open conversations: 1 open conversation to read again \(saved /,
    );
    // The table's last delivery follows.
    const cells = page.getByRole("row").filter({ hasText: NAME }).getByRole("cell");
    await expect.poll(async () => cells.nth(2).textContent()).not.toBe("None yet");
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "integration-pull-en");
  }, 240_000);

  it("reads in Finnish, and switched off the button waits and says why", async () => {
    await page.getByRole("button", { name: /Suomeksi/ }).click();
    await section()
      .getByRole("button", { name: `Hae nyt: ${NAME}` })
      .waitFor();
    expect(
      await section()
        .getByRole("button", { name: `Hae nyt: ${NAME}` })
        .textContent(),
    ).toBe("Hae nyt");
    await section().getByRole("heading", { name: "Haun asetukset" }).waitFor();
    // The counts and the streams in Finnish too, not the English outcome the API keeps beside them.
    expect(await section().getByTestId("pull-last").textContent()).toMatch(
      /^Edellinen haku \d{1,2}\.\d{1,2}\.\d{4}.*: Keskustelut: uusia 4, päivitettyjä 0, ennallaan 0; CSAT-vastaukset: uusia 3, päivitettyjä 0, ennallaan 0$/,
    );
    expect(await section().getByTestId("pull-state").textContent()).toBe(
      "Haku valmis: Keskustelut: uusia 4, päivitettyjä 0, ennallaan 0; CSAT-vastaukset: uusia 3, päivitettyjä 0, ennallaan 0",
    );
    expect(await section().locator('[data-stream="conversations"]').textContent()).toMatch(
      /^Keskustelut: sivu \d+ \(tallennettu /,
    );
    expect(await section().locator('[data-stream="csat_survey_responses"]').textContent()).toMatch(
      /^CSAT-vastaukset: /,
    );
    expect(await section().locator('[data-stream="open_conversations"]').textContent()).toMatch(
      /^Avoimet keskustelut: 1 avoin keskustelu luetaan uudelleen \(tallennettu /,
    );
    const pulled = page.locator(".admin-deliveries li").filter({ hasText: /pull-/ });
    expect(await pulled.first().textContent()).toContain("Keskustelut: uusia 4");
    expect(await seriousViolations(page)).toEqual([]);

    // A pull the vendor refuses (a wrong API token): its error in Finnish, in the section and the table.
    const wrong = JSON.stringify({
      signing_secret: "cw-webhook-secret-5f0c2a91d3e84b7f",
      api_token: "cw-wrong-token-0123456789",
    });
    await page.getByLabel("Uusi allekirjoitusavain").fill(wrong);
    await page.getByRole("button", { name: "Vaihda avain" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Integraation ${NAME} allekirjoitusavain vaihdettiin.` })
      .waitFor();
    await section()
      .getByRole("button", { name: `Hae nyt: ${NAME}` })
      .click();
    const refusedByVendor =
      "Chatwoot ei hyväksynyt tunnuksia (HTTP 401): tarkista haun asetukset ja API-avain";
    await section()
      .getByTestId("pull-state")
      .filter({ hasText: `Haku epäonnistui: ${refusedByVendor}` })
      .waitFor({ timeout: 60_000 });
    expect(await section().getByTestId("pull-last").textContent()).toMatch(
      new RegExp(`^Edellinen haku epäonnistui .+: ${refusedByVendor.replace(/[()]/g, "\\$&")}$`),
    );
    const row = page.getByRole("row").filter({ hasText: NAME });
    await expect.poll(async () => row.textContent()).toContain(`Haku: ${refusedByVendor}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: `Kytke pois ${NAME}` }).click();
    await section()
      .getByTestId("pull-blocked")
      .filter({ hasText: "Pois päältä: kytke integraatio päälle, niin voit hakea." })
      .waitFor();
    expect(
      await section()
        .getByRole("button", { name: `Hae nyt: ${NAME}` })
        .isDisabled(),
    ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "integration-pull-fi-off");
    // The one 400 is the pull refused on purpose for its missing address.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
