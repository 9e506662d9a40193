import { createHmac } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { rowCount } from "../support/row-count.ts";
import { serveApp } from "../support/served-app.ts";
import { fakeZendesk, zendeskAccount } from "../support/zendesk-server.ts";

/**
 * Zendesk webhooks over real HTTP on loopback: a ticket.created event (Zendesk's documented event
 * payload) and a satisfaction rating sent by a trigger, signed as Zendesk signs them:
 * X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(signing secret, timestamp + body)).
 */
const fixture = (name: string) =>
  fs.readFileSync(new URL(`../fixtures/zendesk/${name}`, import.meta.url), "utf8");
const ticketCreated = fixture("ticket-created.json");
const rating = fixture("satisfaction-rating-trigger.json");
const SIGNING_SECRET = "dGhpc2lzYXNpZ25pbmdzZWNyZXRmb3J0ZXN0cw";
const pipeline = ingestPipeline({ analyzer: null });

for (const dialect of DIALECTS) {
  describe(`Zendesk webhooks (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let base = "";
    let close: () => Promise<void> = async () => {};
    let admin: Record<string, string> = {};
    let hookUrl = "";

    const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
      fetch(`${base}/api/v1${path}`, {
        method: init.method ?? "GET",
        headers: { "content-type": "application/json", ...admin },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    /** As Zendesk sends it: ISO timestamp, signature over timestamp + the exact body bytes. */
    const deliver = (
      body: string,
      opts: { invocation: string; at?: Date; signedBody?: string; secret?: string },
    ) => {
      const timestamp = (opts.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
      const signature = createHmac("sha256", opts.secret ?? SIGNING_SECRET)
        .update(`${timestamp}${opts.signedBody ?? body}`)
        .digest("base64");
      return fetch(`${base}${hookUrl}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-zendesk-account-id": "22129848",
          "x-zendesk-webhook-id": "01HZENDESKWEBHOOK0000000000",
          "x-zendesk-webhook-invocation-id": opts.invocation,
          "x-zendesk-webhook-signature": signature,
          "x-zendesk-webhook-signature-timestamp": timestamp,
        },
        body,
      });
    };
    const count = (table: "encounters" | "survey_responses") => rowCount(store, table);

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      ({ base, close } = await serveApp(store, pipeline));
      admin = (await signedIn(store, "admin")).headers;
    });
    afterAll(async () => {
      await close();
      await dispose?.();
    });

    it("an admin adds a Zendesk integration; settings, mapping and secret are checked by field", async () => {
      const badSettings = await call("/integrations", {
        method: "POST",
        body: { kind: "zendesk", name: "x", settings: { subdomain: "acme", colour: "red" } },
      });
      expect(badSettings.status).toBe(400);
      expect(await badSettings.text()).toContain("settings");
      const badSecret = await call("/integrations", {
        method: "POST",
        body: { kind: "zendesk", name: "x", secret: '{"api_token": 12345678901234567}' },
      });
      expect(badSecret.status).toBe(400);
      expect(await badSecret.text()).toContain("secret");
      const res = await call("/integrations", {
        method: "POST",
        body: {
          kind: "zendesk",
          name: "Acme Zendesk",
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: "zd-api-token-000000000000" }),
          mapping: { team: "Tuki" },
          settings: { subdomain: "acme", email: "kohtaamo@acme.example", requests_per_minute: 10 },
        },
      });
      const text = await res.text();
      expect(res.status, text).toBe(201);
      expect(text).not.toContain(SIGNING_SECRET);
      hookUrl = (JSON.parse(text) as { url: string }).url;
    });

    it("a signed ticket.created stores the new ticket as an encounter; the redelivery stores nothing", async () => {
      const res = await deliver(ticketCreated, { invocation: "8350205582" });
      const answer = (await res.json()) as { status: string; delivery_id: string };
      expect(res.status, JSON.stringify(answer)).toBe(200);
      expect(answer).toMatchObject({ status: "stored", delivery_id: "8350205582" });
      const stored = await store.encounters.get("zendesk-35436");
      expect(stored).toMatchObject({
        channel: "email",
        team: "Tuki",
        customer_id: "zendesk-user-9101",
        started_at: "2026-12-01T08:15:00.000Z",
      });
      expect(stored?.turns.map((t) => [t.speaker, t.text])).toEqual([
        ["customer", "Tilauksestani puuttuu yksi tuote. Tilausnumero on 55231."],
      ]);
      const again = await deliver(ticketCreated, { invocation: "8350205582" });
      expect(((await again.json()) as { status: string }).status).toBe("duplicate");
      expect(await count("encounters")).toBe(1);
    });

    it("a bad signature, another secret or a stale timestamp get 401 and store nothing", async () => {
      const other = ticketCreated.replaceAll("35436", "35437");
      expect((await deliver(other, { invocation: "1", signedBody: ticketCreated })).status).toBe(401);
      expect((await deliver(other, { invocation: "2", secret: "not-the-signing-secret" })).status).toBe(401);
      const stale = await deliver(other, { invocation: "3", at: new Date(Date.now() - 10 * 60_000) });
      expect(stale.status).toBe(401);
      expect(await stale.text()).toMatch(/Timestamp/);
      const unsigned = await fetch(`${base}${hookUrl}`, { method: "POST", body: other });
      expect(unsigned.status).toBe(401);
      expect(await store.encounters.get("zendesk-35437")).toBeUndefined();
    });

    it("a rating sent by a trigger becomes a CSAT answer linked to the ticket (bad -> 1); once", async () => {
      const res = await deliver(rating, { invocation: "8350205590" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("stored");
      const answer = (await (await call("/responses/zendesk-35436-csat")).json()) as Record<string, unknown>;
      expect(answer).toMatchObject({
        kind: "csat",
        score: 1,
        encounter_id: "zendesk-35436",
        answered_at: "2026-12-02T09:00:00.000Z",
        comment: "Vastausta piti odottaa kolme päivää.",
      });
      expect(
        ((await (await deliver(rating, { invocation: "8350205590" })).json()) as { status: string }).status,
      ).toBe("duplicate");
      expect(await count("survey_responses")).toBe(1);
    });

    it("other events are taken in and ignored, saying why", async () => {
      const comment = JSON.stringify({
        type: "zen:event-type:ticket.comment_added",
        id: "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52",
        subject: "zen:ticket:35436",
        time: "2026-12-01T09:00:00Z",
        detail: { id: "35436", created_at: "2026-12-01T08:15:00Z" },
        event: { comment: { id: 1, body: "x", is_public: true, author: { id: 1, is_staff: true } } },
      });
      const res = await deliver(comment, { invocation: "8350205600" });
      expect(await res.json()).toMatchObject({
        status: "ignored",
        code: "event.not_used",
        params: { event: "zen:event-type:ticket.comment_added" },
      });
      // The same ticket's created event again (another invocation): stored before, so ignored by code.
      const again = await deliver(ticketCreated, { invocation: "8350205601" });
      expect(await again.json()).toMatchObject({
        status: "ignored",
        code: "ticket.stored_before",
        detail: "ticket stored before; the pull brings its comments",
      });
      const detail = (await (await call(hookUrl.replace("/api/v1/hooks", "/integrations"))).json()) as {
        deliveries: { event: string; delivery_id: string; code: string | null }[];
      };
      expect(detail.deliveries.map((d) => d.event)).toContain("zen:event-type:ticket.created");
      const codes = Object.fromEntries(detail.deliveries.map((d) => [d.delivery_id, d.code]));
      expect(codes).toMatchObject({
        "8350205600": "event.not_used",
        "8350205601": "ticket.stored_before",
        "8350205582": null,
      });
    });

    it("POST /integrations/{id}/pull starts a pull (admins only); what is missing is named", async () => {
      const auth = { email: "kohtaamo@acme.example", apiToken: "zd-api-token-route-000000" };
      const zendesk = await fakeZendesk(zendeskAccount(), auth);
      try {
        const created = await call("/integrations", {
          method: "POST",
          body: {
            kind: "zendesk",
            name: "Acme pull",
            secret: JSON.stringify({ api_token: auth.apiToken }),
            settings: { base_url: zendesk.url, email: auth.email, requests_per_minute: 6000 },
          },
        });
        const { id } = (await created.json()) as { id: string };
        const analyst = (await signedIn(store, "analyst")).headers;
        const refused = await fetch(`${base}/api/v1/integrations/${id}/pull`, {
          method: "POST",
          headers: analyst,
        });
        expect(refused.status).toBe(403);
        const started = await call(`/integrations/${id}/pull`, { method: "POST" });
        expect(started.status).toBe(202);
        expect(await started.json()).toEqual({ status: "started", job_id: null });
        // The outcome lands in the integration's delivery log.
        let outcome: string | undefined;
        for (let i = 0; i < 200 && !outcome; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const detail = (await (await call(`/integrations/${id}`)).json()) as {
            deliveries: { event: string; outcome: string }[];
          };
          outcome = detail.deliveries.find((d) => d.event === "pull" && d.outcome !== "processing")?.outcome;
        }
        expect(outcome).toBe(
          "stored: tickets 4 new, 0 updated, 0 unchanged; ratings 2 new, 0 updated, 0 unchanged",
        );
        expect((await store.encounters.get("zendesk-106"))?.turns).toHaveLength(3);

        const bare = await call("/integrations", {
          method: "POST",
          body: {
            kind: "zendesk",
            name: "Webhook only",
            secret: SIGNING_SECRET,
            settings: { subdomain: "acme" },
          },
        });
        const bareId = ((await bare.json()) as { id: string }).id;
        const webhookOnly = await call(`/integrations/${bareId}/pull`, { method: "POST" });
        expect(webhookOnly.status).toBe(400);
        expect(await webhookOnly.text()).toContain("settings.email");
      } finally {
        await zendesk.close();
      }
    }, 60_000);
  });
}
