import { createHmac } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { serveApp } from "../support/served-app.ts";

/**
 * Chatwoot deliveries over real HTTP on loopback, signed as Chatwoot signs them
 * (X-Chatwoot-Signature: sha256=<hex HMAC of "{timestamp}.{body}">), with payloads shaped like
 * Chatwoot's documented message_created, conversation_status_changed and the CSAT message_updated.
 */
const read = (name: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../fixtures/chatwoot/${name}.json`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;
const messageFixture = read("message-created");
const resolvedFixture = read("conversation-status-changed");
const csatFixture = read("csat-message-updated");
const SECRET = "cw-webhook-secret-5f0c2a91d3e84b7f";
const ENCOUNTER = "chatwoot-10";
const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });

function message(
  id: number,
  at: string,
  content: string,
  type: "incoming" | "outgoing",
  sender: { id: number; name: string; type: string },
  isPrivate = false,
): string {
  return JSON.stringify({
    ...messageFixture,
    id,
    content,
    created_at: at,
    message_type: type,
    private: isPrivate,
    sender,
  });
}
const CUSTOMER = { id: 14, name: "little-haze-776", type: "contact" };
const AGENT = { id: 1, name: "Aino Agentti", type: "user" };
const BOT = { id: 3, name: "Tilausbotti", type: "agent_bot" };
const NOTE = "Sisäinen huomio: asiakas on soittanut tästä kahdesti.";

for (const dialect of DIALECTS) {
  describe(`inbound integrations: Chatwoot (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let base = "";
    let close: () => Promise<void> = async () => {};
    let admin: Record<string, string> = {};
    let hookUrl = "";
    let integrationId = "";

    const deliver = (body: string, delivery: string, opts: { secret?: string; signedBody?: string } = {}) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac("sha256", opts.secret ?? SECRET)
        .update(`${timestamp}.${opts.signedBody ?? body}`)
        .digest("hex");
      return fetch(`${base}${hookUrl}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-chatwoot-signature": `sha256=${signature}`,
          "x-chatwoot-timestamp": timestamp,
          "x-chatwoot-delivery": delivery,
        },
        body,
      });
    };
    const get = async (path: string) => {
      const res = await fetch(`${base}/api/v1${path}`, { headers: admin });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const encounterState = async () => {
      const row = await store.db
        .selectFrom("encounters")
        .selectAll()
        .where("id", "=", ENCOUNTER)
        .executeTakeFirstOrThrow();
      const turns = await store.db
        .selectFrom("turns")
        .selectAll()
        .where("encounter_id", "=", ENCOUNTER)
        .execute();
      return JSON.stringify({ row, turns });
    };

    const messages = [
      {
        delivery: "d-1",
        body: message(
          201,
          "2026-11-30T10:02:48.000Z",
          "Tilaukseni ei ole tullut perille, missä se on?",
          "incoming",
          CUSTOMER,
        ),
      },
      {
        delivery: "d-2",
        body: message(
          202,
          "2026-11-30T10:02:50.000Z",
          "Kiitos viestistä! Välitän asian asiakaspalvelijalle.",
          "outgoing",
          BOT,
        ),
      },
      { delivery: "d-3", body: message(203, "2026-11-30T10:04:10.000Z", NOTE, "outgoing", AGENT, true) },
      {
        delivery: "d-4",
        body: message(
          204,
          "2026-11-30T10:05:30.000Z",
          "Pahoittelen viivettä, tilaus lähti tänään uudelleen matkaan.",
          "outgoing",
          AGENT,
        ),
      },
    ];

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      ({ base, close } = await serveApp(store, pipeline));
      admin = { ...(await signedIn(store, "admin")).headers, "content-type": "application/json" };
      const res = await fetch(`${base}/api/v1/integrations`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ kind: "chatwoot", name: "Verkkokaupan chat", secret: SECRET }),
      });
      expect(res.status).toBe(201);
      ({ url: hookUrl, id: integrationId } = (await res.json()) as { url: string; id: string });
    });
    afterAll(async () => {
      await close();
      await dispose?.();
    });

    it("four message events (one a private note) and a resolve give one analysed encounter of three turns", async () => {
      for (const m of messages) {
        const res = await deliver(m.body, m.delivery);
        expect(res.status, await res.clone().text()).toBe(200);
      }
      const open = await get(`/encounters/${ENCOUNTER}`);
      expect(open.status).toBe(200);
      expect(open.body.turns as unknown[]).toHaveLength(3);
      expect(open.body.analysis).toBeNull();

      const resolved = await deliver(JSON.stringify(resolvedFixture), "d-5");
      expect(resolved.status).toBe(200);
      const { body } = await get(`/encounters/${ENCOUNTER}`);
      const turns = body.turns as { seq: number; speaker: string; at: number; text: string }[];
      expect(turns.map((t) => t.speaker)).toEqual(["customer", "bot", "agent"]);
      expect(turns.map((t) => t.at)).toEqual([0, 2, 162]);
      expect(JSON.stringify(body)).not.toContain("Sisäinen huomio");
      expect(body).toMatchObject({
        id: ENCOUNTER,
        channel: "chat",
        team: "Verkkokauppa",
        agent: "Aino Agentti",
        customer_id: "chatwoot-contact-14",
        started_at: "2026-11-30T10:02:48.000Z",
        ended_at: "2026-11-30T10:09:12.000Z",
        resolved: true,
      });
      expect(body.analysis).not.toBeNull();
      // The private note is in no table at all, not only absent from the API.
      const stored = await store.db.selectFrom("turns").select("text").execute();
      expect(stored.map((t) => t.text).join(" ")).not.toContain("Sisäinen huomio");
    });

    it("ignored deliveries say why by a stable code: a private note, a conversation resolved with nothing stored", async () => {
      const note = await deliver(
        message(301, "2026-11-30T11:00:00.000Z", NOTE, "outgoing", AGENT, true),
        "d-ignored-1",
      );
      expect(await note.json()).toMatchObject({
        status: "ignored",
        code: "message.private_note",
        detail: "private note (never stored)",
      });
      const unknown = { ...resolvedFixture, id: 99999 };
      const resolved = await deliver(JSON.stringify(unknown), "d-ignored-2");
      expect(await resolved.json()).toMatchObject({
        status: "ignored",
        code: "conversation.nothing_stored",
        params: {},
        detail: "no message of this conversation was stored",
      });
      expect((await get("/encounters/chatwoot-99999")).status).toBe(404);
      const { body } = await get(`/integrations/${integrationId}`);
      const deliveries = body.deliveries as { delivery_id: string; code: string | null }[];
      expect(deliveries.filter((d) => d.delivery_id.startsWith("d-ignored-"))).toEqual([
        expect.objectContaining({ delivery_id: "d-ignored-2", code: "conversation.nothing_stored" }),
        expect.objectContaining({ delivery_id: "d-ignored-1", code: "message.private_note" }),
      ]);
    });

    it("a redelivery changes nothing", async () => {
      const before = await encounterState();
      for (const m of [...messages, { delivery: "d-5", body: JSON.stringify(resolvedFixture) }]) {
        const res = await deliver(m.body, m.delivery);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { status: string }).status).toBe("duplicate");
      }
      expect(await encounterState()).toBe(before);
    });

    it("a bad signature gets 401 and stores nothing", async () => {
      const before = await encounterState();
      const forged = message(205, "2026-11-30T10:06:00.000Z", "Väärennetty viesti", "incoming", CUSTOMER);
      expect((await deliver(forged, "d-6", { secret: "not-the-secret-at-all" })).status).toBe(401);
      expect((await deliver(forged, "d-7", { signedBody: messages[0]?.body ?? "" })).status).toBe(401);
      const unsigned = await fetch(`${base}${hookUrl}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: forged,
      });
      expect(unsigned.status).toBe(401);
      expect(await encounterState()).toBe(before);
    });

    it("messages of one conversation delivered all at once keep every turn (a lease per conversation)", async () => {
      const other = (
        id: number,
        at: string,
        text: string,
        type: "incoming" | "outgoing",
        sender = CUSTOMER,
      ) =>
        JSON.stringify({
          ...JSON.parse(message(id, at, text, type, sender)),
          conversation: { ...(messageFixture.conversation as object), id: 11 },
        });
      const burst = [
        other(301, "2026-11-30T11:00:00.000Z", "Hei, laskuni eräpäivä on väärin.", "incoming"),
        other(302, "2026-11-30T11:00:20.000Z", "Tarkistan asian heti.", "outgoing", AGENT),
        other(303, "2026-11-30T11:01:00.000Z", "Kiitos, odotan.", "incoming"),
        other(304, "2026-11-30T11:02:00.000Z", "Eräpäivä on korjattu.", "outgoing", AGENT),
        other(305, "2026-11-30T11:02:30.000Z", "Loistavaa, kiitos!", "incoming"),
      ];
      // A lease left behind by a killed process is taken over once stale.
      await store.db
        .insertInto("integration_deliveries" as never)
        .values({
          integration_id: integrationId,
          delivery_id: "lease:chatwoot-11",
          event: "lease",
          received_at: "2026-11-30T10:00:00.000Z",
          outcome: "processing",
        } as never)
        .execute();
      const answers = await Promise.all(burst.map((body, i) => deliver(body, `burst-${i}`)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const { body } = await get("/encounters/chatwoot-11");
      const turns = body.turns as { speaker: string; at: number }[];
      expect(turns.map((t) => t.at)).toEqual([0, 20, 60, 120, 150]);
      expect(turns.map((t) => t.speaker)).toEqual(["customer", "agent", "customer", "agent", "customer"]);
      const detail = await get(`/integrations/${integrationId}`);
      const ids = (detail.body.deliveries as { delivery_id: string }[]).map((d) => d.delivery_id);
      expect(ids.filter((d) => d.startsWith("lease:"))).toEqual([]);
    });

    it("a CSAT survey response becomes a CSAT answer linked to the encounter", async () => {
      const res = await deliver(JSON.stringify(csatFixture), "d-8");
      expect(res.status).toBe(200);
      const answer = await get(`/responses/${ENCOUNTER}-csat`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        kind: "csat",
        score: 2,
        encounter_id: ENCOUNTER,
        customer_id: "chatwoot-contact-14",
        channel: "chat",
      });
      expect(String(answer.body.comment)).toContain("tilaus on yhä kateissa");
      const detail = await get(`/encounters/${ENCOUNTER}`);
      expect(detail.body.survey_responses).toEqual([
        expect.objectContaining({ id: `${ENCOUNTER}-csat`, kind: "csat", score: 2 }),
      ]);
    });
  });
}
