import { sql } from "kysely";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { analysePending, analysisDeferral } from "../../src/jobs/analysis-job.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { WebhookRepository } from "../../src/store/webhook-repository.ts";
import { type DispatchDeps, deliverDueNotifications } from "../../src/workflows/notification-dispatcher.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { daysAgo } from "../support/synthetic-records.ts";
import { type Received, startReceiver, webhookOnlyDeps } from "../support/webhook-receiver.ts";

/**
 * record.stored and record.analysed (issue 15 item 6) on both databases: written to the outbox in
 * the write's own transaction only when an enabled webhook wants them, delivered signed (Standard
 * Webhooks) to a real HTTP receiver on loopback, retried with a logged attempt.
 */
const TZ = "Europe/Helsinki";
const COMMENT = "Laskussani on virheellinen summa ja jonotin tunnin.";
const CUSTOMER = "customer-secret-42";

const encounter = (id: string, text = COMMENT) => ({
  id,
  channel: "chat",
  touchpoint: "Laskutus",
  started_at: new Date(daysAgo(2)).toISOString(),
  team: "Asiakaspalvelu Tampere",
  customer_id: CUSTOMER,
  turns: [
    { speaker: "customer", text },
    { speaker: "agent", text: "Korjasin laskun, uusi lasku lähtee sähköpostiin." },
  ],
});
const answer = (id: string, score: number, comment?: string, encounterId?: string) => ({
  id,
  kind: "nps",
  score,
  answered_at: new Date(daysAgo(2) + 3_600_000).toISOString(),
  channel: "chat",
  team: "Asiakaspalvelu Tampere",
  customer_id: CUSTOMER,
  ...(comment ? { comment } : {}),
  ...(encounterId ? { encounter_id: encounterId } : {}),
});

type Body = { type: string; timestamp: string; data: Record<string, unknown> };

for (const dialect of DIALECTS) {
  describe(`record webhooks on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let deps: DispatchDeps;
    let clock = Date.parse("2026-03-02T12:00:00.000Z");
    const secrets = new Map<string, string>();
    const hooks = new Map<string, string>();
    const analyzer = loadDefaultAnalyzer();
    const inline = ingestPipeline({ analyzer });
    const write = (kind: "encounters" | "responses", items: Record<string, unknown>[], pipeline = inline) =>
      acceptBatch(store, kind, items, { timeZone: TZ, pipeline });
    const recordEvents = async () =>
      (
        await sql<{ type: string; n: number }>`select type, count(*) as n from outbox_events
          where type like 'record.%' group by type order by type`.execute(store.db)
      ).rows.map((r) => ({ type: r.type, n: Number(r.n) }));
    /** One dispatcher pass an hour after the last: every retry is due by then. */
    const deliver = () => {
      clock += 3_600_000;
      return deliverDueNotifications(deps, { now: new Date(clock).toISOString() });
    };
    const verified = (name: string, delivery: Received): Body => {
      const secret = secrets.get(name) as string;
      return new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as Body;
    };
    const subscribe = async (name: string, events: ("record.stored" | "record.analysed")[]) => {
      const created = await new WebhookRepository(store.db).create(
        { url: receiver.url(`/${name}`), events, enabled: true, description: null },
        "test",
        new Date(clock).toISOString(),
      );
      secrets.set(name, created.secret);
      hooks.set(name, created.webhook.id);
    };

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      store = storeFor(cli.env);
      await store.migrate();
      receiver = await startReceiver({
        "/stored": [200],
        "/analysed": [200],
        "/cases": [200],
        // Fails each of the first import's five deliveries once.
        "/flaky": [503, 503, 503, 503, 503, 200],
      });
      deps = webhookOnlyDeps(store, TZ);
    });
    afterAll(async () => {
      await receiver?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("writes no record events at all while no webhook subscribes to them", async () => {
      expect(await write("encounters", [encounter("e-before")])).toMatchObject({ imported: 1 });
      expect(await write("responses", [answer("a-before", 9, COMMENT)])).toMatchObject({ imported: 1 });
      // A webhook that wants only case events, or a switched-off one, does not make them wanted.
      await new WebhookRepository(store.db).create(
        { url: receiver.url("/cases"), events: ["case.opened"], enabled: true, description: null },
        "test",
        new Date(clock).toISOString(),
      );
      await new WebhookRepository(store.db).create(
        {
          url: receiver.url("/off"),
          events: ["record.stored", "record.analysed"],
          enabled: false,
          description: null,
        },
        "test",
        new Date(clock).toISOString(),
      );
      expect(await write("encounters", [encounter("e-unwanted")])).toMatchObject({ imported: 1 });
      expect(await recordEvents()).toEqual([]);
      await deliver();
      expect(receiver.received("/off")).toHaveLength(0);
    });

    it("a small import sends one signed record.stored per stored record, with no text and no customer id", async () => {
      await subscribe("stored", ["record.stored"]);
      await subscribe("flaky", ["record.stored"]);
      expect(await write("encounters", [encounter("e-1"), encounter("e-2")])).toMatchObject({ imported: 2 });
      expect(
        await write("responses", [
          answer("a-1", 3, COMMENT, "e-1"),
          answer("a-2", 10),
          answer("a-3", 7, COMMENT),
        ]),
      ).toMatchObject({ imported: 3 });
      expect(await recordEvents()).toEqual([{ type: "record.stored", n: 5 }]);

      const summary = await deliver();
      // Five record events and the detractor's case.opened (to the case webhook).
      expect(summary).toMatchObject({ events: 6, delivered: 6, retrying: 5 });
      const got = receiver.received("/stored");
      expect(got).toHaveLength(5);
      const bodies = got.map((d) => verified("stored", d));
      // A tampered body fails the receiver's check.
      const [first] = got;
      if (!first) throw new Error("nothing received");
      expect(() =>
        new Webhook(secrets.get("stored") as string).verify(
          first.body.replace("created", "updated"),
          first.headers as Record<string, string>,
        ),
      ).toThrow();
      expect(new Set(got.map((d) => d.headers["webhook-id"])).size).toBe(5);
      const byId = new Map(bodies.map((b) => [b.data.id, b]));
      expect([...byId.keys()].sort()).toEqual(["a-1", "a-2", "a-3", "e-1", "e-2"]);
      expect(byId.get("e-1")).toEqual({
        type: "record.stored",
        timestamp: expect.any(String),
        data: {
          kind: "encounter",
          id: "e-1",
          change: "created",
          team: "Asiakaspalvelu Tampere",
          channel: "chat",
          touchpoint: "Laskutus",
          survey: null,
          api_path: "/api/v1/encounters/e-1",
          url: "https://cx.example.org/encounters/e-1",
        },
      });
      expect(byId.get("a-1")?.data).toMatchObject({
        kind: "response",
        change: "created",
        survey: { kind: "nps", score: 3 },
        url: "https://cx.example.org/encounters/e-1",
      });
      expect(byId.get("a-2")?.data).toMatchObject({ survey: { kind: "nps", score: 10 } });
      expect(byId.get("a-2")?.data).not.toHaveProperty("url");
      for (const d of got) {
        expect(d.body).not.toContain("Laskussani");
        expect(d.body).not.toContain(CUSTOMER);
      }
    });

    it("a failed delivery is retried with backoff and every attempt is in the delivery log", async () => {
      expect(receiver.received("/flaky")).toHaveLength(5);
      const admin = (await signedIn(store, "admin")).headers;
      const app = createApp({ store, timeZone: TZ, pipeline: inline, notifications: deps.settings });
      const log = async () =>
        (
          (await (
            await app.request(`/api/v1/webhooks/${hooks.get("flaky")}/deliveries`, { headers: admin })
          ).json()) as {
            items: {
              event_type: string;
              status: string;
              attempts: number;
              log: { status_code: number | null; next_attempt_at: string | null }[];
            }[];
          }
        ).items;
      const before = await log();
      expect(before).toHaveLength(5);
      for (const d of before) {
        expect(d).toMatchObject({ event_type: "record.stored", status: "pending", attempts: 1 });
        expect(d.log).toEqual([
          {
            attempt: 1,
            at: expect.any(String),
            status_code: 503,
            duration_ms: expect.any(Number),
            error: expect.any(String),
            next_attempt_at: expect.any(String),
          },
        ]);
      }
      expect(await deliver()).toMatchObject({ delivered: 5, retrying: 0 });
      const after = await log();
      for (const d of after) {
        expect(d).toMatchObject({ status: "delivered", attempts: 2 });
        expect(d.log.map((a) => a.status_code)).toEqual([503, 200]);
      }
      // The retry is the same message: same webhook-id, signed again, verifiable.
      const flaky = receiver.received("/flaky");
      expect(flaky).toHaveLength(10);
      expect(new Set(flaky.map((d) => d.headers["webhook-id"])).size).toBe(5);
      for (const d of flaky) verified("flaky", d);
    });

    it("an unchanged re-import sends nothing; a changed record is sent as updated", async () => {
      const sent = receiver.received("/stored").length;
      expect(await write("encounters", [encounter("e-1"), encounter("e-2")])).toMatchObject({ unchanged: 2 });
      expect(await write("responses", [answer("a-2", 9)])).toMatchObject({ updated: 1 });
      await deliver();
      const got = receiver.received("/stored").slice(sent);
      expect(got).toHaveLength(1);
      expect(verified("stored", got[0] as Received).data).toMatchObject({
        id: "a-2",
        change: "updated",
        survey: { kind: "nps", score: 9 },
      });
    });

    it("record.analysed arrives when an inline analysis is stored, with tone and themes", async () => {
      await subscribe("analysed", ["record.analysed"]);
      await write("encounters", [encounter("e-3")]);
      await write("responses", [answer("a-4", 2, COMMENT, "e-3"), answer("a-5", 10)]);
      await deliver();
      const bodies = receiver.received("/analysed").map((d) => verified("analysed", d));
      // The answer without a comment has nothing to analyse.
      expect(bodies.map((b) => b.data.id).sort()).toEqual(["a-4", "e-3"]);
      const stored = await store.analysis.latest("encounter", "e-3");
      const e3 = bodies.find((b) => b.data.id === "e-3");
      if (!e3) throw new Error("no record.analysed for e-3");
      expect(e3).toMatchObject({
        type: "record.analysed",
        data: {
          kind: "encounter",
          analyzer_version: stored?.analyzerVersion,
          tone: { label: expect.any(String), score: expect.any(Number) },
          url: "https://cx.example.org/encounters/e-3",
        },
      });
      const facts = await store.db
        .selectFrom("encounters")
        .select(["theme_codes", "tone_label"])
        .where("id", "=", "e-3")
        .executeTakeFirstOrThrow();
      expect((e3.data.tone as { label: string }).label).toBe(facts.tone_label);
      const themes = (e3.data.themes as { id: string; polarity: string }[]).map(
        (t) => `${t.id}:${{ negative: -1, neutral: 0, positive: 1 }[t.polarity]}`,
      );
      expect(themes.join(" ") || null).toBe(facts.theme_codes);
      expect(themes.length).toBeGreaterThan(0);
      for (const d of receiver.received("/analysed")) expect(d.body).not.toContain("Laskussani");
    });

    it("in queue mode record.analysed is written by the analysis job, not by the import", async () => {
      const queued = ingestPipeline({
        analyzer,
        deferral: analysisDeferral({ mode: "queue", databaseUrl: cli.env.DATABASE_URL }),
      });
      const before = receiver.received("/analysed").length;
      await write("encounters", [encounter("e-queued")], queued);
      await deliver();
      expect(receiver.received("/analysed")).toHaveLength(before);
      expect(await analysePending(store, analyzer, { subjectKind: "encounter", ids: ["e-queued"] })).toEqual({
        analysed: 1,
        skipped: 0,
      });
      await deliver();
      const got = receiver.received("/analysed").slice(before);
      expect(got.map((d) => verified("analysed", d).data.id)).toEqual(["e-queued"]);
      // A rerun of the job stores nothing and announces nothing.
      await analysePending(store, analyzer, { subjectKind: "encounter", ids: ["e-queued"] });
      await deliver();
      expect(receiver.received("/analysed")).toHaveLength(before + 1);
    });
  });
}
