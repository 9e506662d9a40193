import fs from "node:fs";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { newWebhookSecret } from "../../src/store/webhook-repository.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { serveApp } from "../support/served-app.ts";

/**
 * Inbound integrations over real HTTP on loopback: the registry (admins only, secrets sealed and
 * never returned, audited) and Formbricks deliveries signed the way Formbricks signs them
 * (Standard Webhooks), with a payload shaped like Formbricks' documented responseFinished.
 */
const fixture = fs.readFileSync(
  new URL("../fixtures/formbricks/response-finished.json", import.meta.url),
  "utf8",
);
const RESPONSE_ID = "cm8x31w2v000dl508f0a7qk1m";
const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });

for (const dialect of DIALECTS) {
  describe(`inbound integrations: registry and Formbricks (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let base = "";
    let close: () => Promise<void> = async () => {};
    let admin: Record<string, string> = {};
    const secret = newWebhookSecret();
    let hookUrl = "";
    let integrationId = "";

    const call = (
      path: string,
      init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) =>
      fetch(`${base}/api/v1${path}`, {
        method: init.method ?? "GET",
        headers: { "content-type": "application/json", ...(init.headers ?? admin) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    /** Sends a body as Formbricks does: webhook-id, webhook-timestamp, webhook-signature over the exact bytes. */
    const deliver = (
      body: string,
      opts: { id: string; at?: Date; signedBody?: string; unsigned?: boolean },
    ) => {
      const at = opts.at ?? new Date();
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (!opts.unsigned) {
        headers["webhook-id"] = opts.id;
        headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
        headers["webhook-signature"] = new Webhook(secret).sign(opts.id, at, opts.signedBody ?? body);
      }
      return fetch(`${base}${hookUrl}`, { method: "POST", headers, body });
    };
    const answerCount = async () =>
      Number(
        (
          await store.db
            .selectFrom("survey_responses")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      ({ base, close } = await serveApp(store, pipeline));
      admin = (await signedIn(store, "admin")).headers;
    });
    afterAll(async () => {
      await close();
      await dispose?.();
    });

    it("an admin adds a Formbricks integration: 201 with its inbound URL; the secret is sealed and never returned", async () => {
      const res = await call("/integrations", {
        method: "POST",
        body: {
          kind: "formbricks",
          name: "Laskutuksen kysely",
          secret,
          mapping: { nps: "suositteluhalukkuus", comment: "miksi" },
        },
      });
      const text = await res.text();
      expect(res.status, text).toBe(201);
      const body = JSON.parse(text) as { id: string; url: string; inbound_url: string; has_secret: boolean };
      expect(body.url).toBe(`/api/v1/hooks/${body.id}`);
      expect(body.inbound_url).toBe(`https://kohtaamo.example.fi/api/v1/hooks/${body.id}`);
      expect(body.has_secret).toBe(true);
      expect(text).not.toContain(secret.slice(6));
      integrationId = body.id;
      hookUrl = body.url;

      const listed = await (await call("/integrations")).text();
      expect(listed).toContain(integrationId);
      expect(listed).not.toContain(secret.slice(6));
      const row = await store.db
        .selectFrom("integrations" as never)
        .select(["secret_sealed" as never])
        .executeTakeFirstOrThrow();
      const sealed = (row as { secret_sealed: string }).secret_sealed;
      expect(sealed.startsWith("v1:")).toBe(true);
      expect(sealed).not.toContain(secret.slice(6));
      const audit = await (await call("/audit")).text();
      expect(audit).toContain("integration.create");
    });

    it("refuses what does not fit the kind, naming the field, and non-admins", async () => {
      const noScore = await call("/integrations", {
        method: "POST",
        body: { kind: "formbricks", name: "x", secret, mapping: { comment: "miksi" } },
      });
      expect(noScore.status).toBe(400);
      expect(await noScore.text()).toContain("mapping");
      const badSecret = await call("/integrations", {
        method: "POST",
        body: {
          kind: "formbricks",
          name: "x",
          secret: "not-a-standard-webhooks-secret",
          mapping: { nps: "q" },
        },
      });
      expect(badSecret.status).toBe(400);
      expect(await badSecret.text()).toContain("secret");
      const analyst = (await signedIn(store, "analyst")).headers;
      expect((await call("/integrations", { headers: analyst })).status).toBe(403);
    });

    it("a valid signed delivery stores the answer under the Formbricks response id, redacted and analysed", async () => {
      const res = await deliver(fixture, { id: "msg_2kQzr1" });
      const answer = (await res.json()) as { status: string; detail: string };
      expect(res.status, JSON.stringify(answer)).toBe(200);
      expect(answer.status).toBe("stored");
      const stored = await call(`/responses/${RESPONSE_ID}`);
      expect(stored.status).toBe(200);
      const record = (await stored.json()) as Record<string, unknown>;
      expect(record).toMatchObject({
        id: RESPONSE_ID,
        kind: "nps",
        score: 3,
        team: "Laskutus",
        channel: "chat",
        customer_id: "asiakas-1042",
        touchpoint: "Laskutuksen palaute",
        answered_at: "2026-11-30T09:14:03.512Z",
      });
      expect(String(record.comment)).toContain("Laskussa oli virhe");
      expect(String(record.comment)).not.toContain("example.com");
      expect(record.analysis).not.toBeNull();
    });

    it("the same delivery again stores nothing new", async () => {
      const before = await answerCount();
      const res = await deliver(fixture, { id: "msg_2kQzr1" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("duplicate");
      expect(await answerCount()).toBe(before);
    });

    it("a tampered body and a stale timestamp get 401, and the last error says why", async () => {
      const tampered = fixture.replace('"suositteluhalukkuus": 3', '"suositteluhalukkuus": 10');
      const res = await deliver(tampered, { id: "msg_tampered", signedBody: fixture });
      expect(res.status).toBe(401);
      const stale = await deliver(fixture, { id: "msg_stale", at: new Date(Date.now() - 10 * 60 * 1000) });
      expect(stale.status).toBe(401);
      expect(await stale.text()).toMatch(/timestamp/i);
      const unsigned = await deliver(fixture, { id: "msg_unsigned", unsigned: true });
      expect(unsigned.status).toBe(401);
      const record = (await (await call(`/responses/${RESPONSE_ID}`)).json()) as { score: number };
      expect(record.score).toBe(3);
      const detail = (await (await call(`/integrations/${integrationId}`)).json()) as {
        last_error: string;
        last_error_code: string | null;
        last_error_params: Record<string, string | number> | null;
        last_delivery_at: string | null;
        deliveries: { delivery_id: string; outcome: string; counts: unknown }[];
      };
      expect(detail.last_error).toMatch(/unsigned/);
      // Beside the text, a stable code and its parameters for the admin page to word (fi, en).
      expect(detail.last_error_code).toBe("hook.signature");
      expect(detail.last_error_params).toEqual({ reason: expect.stringMatching(/unsigned/) });
      expect(detail.last_delivery_at).not.toBeNull();
      expect(detail.deliveries.map((d) => d.delivery_id)).toEqual(["msg_2kQzr1"]);
      // The stored delivery's counts by record kind, beside its English outcome.
      expect(detail.deliveries[0]?.counts).toEqual({
        responses: { new: 1, updated: 0, unchanged: 0, rejected: 0 },
      });
    });

    it("an update of the response updates the same answer", async () => {
      const updated = JSON.parse(fixture) as { event: string; data: { data: Record<string, unknown> } };
      updated.event = "responseUpdated";
      updated.data.data.suositteluhalukkuus = 6;
      const before = await answerCount();
      const res = await deliver(JSON.stringify(updated), { id: "msg_2kQzr2" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { detail: string }).detail).toContain("1 updated");
      expect(((await (await call(`/responses/${RESPONSE_ID}`)).json()) as { score: number }).score).toBe(6);
      expect(await answerCount()).toBe(before);
    });

    it("a partial response without a score is taken in and ignored", async () => {
      const partial = JSON.parse(fixture) as {
        event: string;
        data: { id: string; data: Record<string, unknown> };
      };
      partial.event = "responseCreated";
      partial.data.id = "cm8x9partial00001";
      partial.data.data = { team: "Laskutus" };
      const res = await deliver(JSON.stringify(partial), { id: "msg_partial" });
      expect(res.status).toBe(200);
      // The English reason stays, with its stable code beside it; the delivery keeps both.
      expect(await res.json()).toMatchObject({
        status: "ignored",
        detail: "no score question answered yet",
        code: "response.no_score_yet",
        params: {},
      });
      expect((await call("/responses/cm8x9partial00001")).status).toBe(404);
      const detail = (await (await call(`/integrations/${integrationId}`)).json()) as {
        deliveries: { delivery_id: string; outcome: string; code: string | null; params: unknown }[];
      };
      expect(detail.deliveries.find((d) => d.delivery_id === "msg_partial")).toMatchObject({
        outcome: "ignored: no score question answered yet",
        code: "response.no_score_yet",
        params: {},
      });
      // A stored delivery has no ignore code.
      expect(detail.deliveries.find((d) => d.delivery_id === "msg_2kQzr2")).toMatchObject({ code: null });
    });

    it("unsigned deliveries of older releases only once the integration allows them (audited change)", async () => {
      const patched = await call(`/integrations/${integrationId}`, {
        method: "PATCH",
        body: { settings: { allow_unsigned: true } },
      });
      expect(patched.status).toBe(200);
      const older = JSON.parse(fixture) as { data: { id: string } };
      older.data.id = "cm8x9unsigned0001";
      const res = await deliver(JSON.stringify(older), { id: "", unsigned: true });
      expect(res.status).toBe(200);
      expect((await call("/responses/cm8x9unsigned0001")).status).toBe(200);
      expect(await (await call("/audit")).text()).toContain("integration.update");
    });

    it("a payload that makes no valid record is refused with 422 naming the field, and can be retried", async () => {
      const wrong = JSON.parse(fixture) as { data: { id: string; data: Record<string, unknown> } };
      wrong.data.id = "cm8x9outofrange01";
      wrong.data.data.suositteluhalukkuus = 11;
      const res = await deliver(JSON.stringify(wrong), { id: "msg_range" });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("score");
      wrong.data.data.suositteluhalukkuus = 9;
      // Not remembered as taken in: the vendor's retry (same id, fixed payload here) is processed.
      const retry = await deliver(JSON.stringify(wrong), { id: "msg_range" });
      expect(retry.status).toBe(200);
    });

    it("a generic signed webhook takes records in the import format, validated like the batch API", async () => {
      const created = await call("/integrations", {
        method: "POST",
        body: { kind: "webhook", name: "Oma järjestelmä", secret },
      });
      expect(created.status).toBe(201);
      const { url } = (await created.json()) as { url: string };
      const body = JSON.stringify({
        kind: "responses",
        items: [
          { id: "oma-1", kind: "csat", score: 4, answered_at: "2026-11-30T12:00:00Z", team: "Laskutus" },
          { id: "oma-2", kind: "csat", score: 9, answered_at: "2026-11-30T12:00:00Z" },
        ],
      });
      const send = (id: string, payload: string) => {
        const at = new Date();
        return fetch(`${base}${url}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
            "webhook-signature": new Webhook(secret).sign(id, at, payload),
          },
          body: payload,
        });
      };
      const refused = await send("msg_generic_1", body);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain("items[1].score");
      // All or nothing: the valid first item was not stored either.
      expect((await call("/responses/oma-1")).status).toBe(404);
      const fixed = body.replace('"score":9', '"score":5');
      const res = await send("msg_generic_1", fixed);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        "responses: 2 new, 0 updated, 0 unchanged",
      );
      expect(((await (await call("/responses/oma-2")).json()) as { score: number }).score).toBe(5);
    });

    it("deleting the integration keeps its answers and closes its inbound URL (audited)", async () => {
      expect((await call(`/integrations/${integrationId}`, { method: "DELETE" })).status).toBe(204);
      expect((await deliver(fixture, { id: "msg_after_delete" })).status).toBe(401);
      expect((await call(`/responses/${RESPONSE_ID}`)).status).toBe(200);
      expect(await (await call("/audit")).text()).toContain("integration.delete");
    });
  });
}
