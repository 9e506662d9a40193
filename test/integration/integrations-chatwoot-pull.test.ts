import { createHmac } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { keyFromPassphrase } from "../../src/auth/secret-box.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { ChatwootPullSummary } from "../../src/ingest/sources/chatwoot-pull.ts";
import type { Store } from "../../src/store/index.ts";
import { IntegrationCursorRepository } from "../../src/store/integration-cursor-repository.ts";
import { IntegrationRepository } from "../../src/store/integration-repository.ts";
import { signedIn } from "../support/auth.ts";
import { chatwootAccount, type FakeChatwoot, fakeChatwoot } from "../support/chatwoot-server.ts";
import { lastJsonLine, runCli, startCli } from "../support/cli.ts";
import { DIALECTS } from "../support/databases.ts";
import { type PullTestDatabase, pullTestDatabase, runPullJob } from "../support/pull-test.ts";
import { serveApp } from "../support/served-app.ts";

/**
 * `kohtaamo integrations pull` of a Chatwoot integration against a fake Chatwoot on loopback that
 * answers as Chatwoot's application API does (test/support/chatwoot-server.ts, fixtures shaped as
 * its documented answers). The CLI runs as a real child process on a real database; the first run
 * is SIGKILLed mid-way. One conversation came by webhook (over HTTP, signed) before the pull.
 */
const PASSPHRASE = "chatwoot-pull-test-passphrase-0123456789";
// The job handler reads its sealing key from the configuration, as a worker process does.
process.env.KOHTAAMO_SECRET_KEY = PASSPHRASE;
const API_TOKEN = "cw-api-access-token-0123456789";
const SIGNING_SECRET = "cw-webhook-secret-5f0c2a91d3e84b7f";
const PREFIX = "/api/v1/accounts/1";
const read = (name: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../fixtures/chatwoot/${name}.json`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;

type Summary = ChatwootPullSummary;

for (const dialect of DIALECTS) {
  describe(`Chatwoot pull on ${dialect}`, () => {
    let db: PullTestDatabase;
    let env: Record<string, string>;
    let store: Store;
    let chatwoot: FakeChatwoot;
    const account = chatwootAccount();
    let integrationId = "";
    let base = "";
    let closeApp: () => Promise<void> = async () => {};
    const counts = () => db.counts();
    const analysed = async (id: string) =>
      (
        await store.db
          .selectFrom("analysis_results")
          .select("subject_id")
          .where("subject_kind", "=", "encounter")
          .where("subject_id", "=", id)
          .execute()
      ).length > 0;
    const speakers = async (id: string) => (await store.encounters.get(id))?.turns.map((t) => t.speaker);

    beforeAll(async () => {
      db = await pullTestDatabase(dialect, PASSPHRASE);
      ({ env, store } = db);
      chatwoot = await fakeChatwoot(account, API_TOKEN);
      const created = await db.integrations.create(
        {
          kind: "chatwoot",
          name: "Verkkokaupan chat",
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: API_TOKEN }),
          mapping: {},
          settings: { base_url: chatwoot.url, account_id: 1, requests_per_minute: 6000 },
          enabled: true,
        },
        "test",
        new Date().toISOString(),
      );
      integrationId = created.id;
      // The app on the same database and sealing key as the CLI, for the webhook deliveries.
      ({ base, close: closeApp } = await serveApp(
        store,
        ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
        keyFromPassphrase(PASSPHRASE),
      ));
    });
    afterAll(async () => {
      await closeApp();
      await chatwoot?.close();
      await db?.dispose();
    });

    it("a conversation taken in by webhook first (signed with the secret's signing_secret)", async () => {
      const fixture = read("message-created");
      const account = chatwootAccount();
      const deliveries = (account.messages["10"] as Record<string, unknown>[]).map((m) =>
        JSON.stringify({
          ...fixture,
          id: m.id,
          content: m.content,
          created_at: new Date(Number(m.created_at) * 1000).toISOString(),
          message_type: ["incoming", "outgoing"][Number(m.message_type)],
          private: m.private,
          sender: m.sender,
        }),
      );
      deliveries.push(JSON.stringify(read("conversation-status-changed")));
      for (const [i, body] of deliveries.entries()) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = createHmac("sha256", SIGNING_SECRET).update(`${timestamp}.${body}`).digest("hex");
        const res = await fetch(`${base}/api/v1/hooks/${integrationId}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-chatwoot-signature": `sha256=${signature}`,
            "x-chatwoot-timestamp": timestamp,
            "x-chatwoot-delivery": `d-${i}`,
          },
          body,
        });
        expect(res.status, await res.text()).toBe(200);
      }
      expect(await speakers("chatwoot-10")).toEqual(["customer", "bot", "agent"]);
      expect((await store.encounters.get("chatwoot-10"))?.resolved).toBe(true);
    });

    it("a run killed mid-way resumes from its cursor with nothing lost or doubled, and a 429 is waited out", async () => {
      const cursors = new IntegrationCursorRepository(store.db);
      const webhookStored = JSON.stringify(await store.encounters.get("chatwoot-10"));
      // Run 1: the second page's second conversation never gets its messages; the run is killed there.
      const held = chatwoot.hold((u) => u.pathname === `${PREFIX}/conversations/13/messages`);
      const child = startCli(["integrations", "pull", integrationId], env);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await Promise.race([held, exited]);
      expect(child.exitCode, stderr).toBeNull();
      // Page 1 (conversations 10, 11) is stored and its cursor saved; page 2 was being read.
      expect(await cursors.get(integrationId, "conversations")).toEqual({ page: 2 });
      expect(await counts()).toMatchObject({ encounters: 2, answers: 0 });
      expect(await store.encounters.get("chatwoot-12")).toBeUndefined();
      child.kill("SIGKILL");
      await exited;
      chatwoot.release();

      // Run 2: resumes at page 2; the third page is answered 429 once.
      const before = chatwoot.requests.length;
      chatwoot.rateLimitOnce(
        (u) => u.pathname === `${PREFIX}/conversations` && u.searchParams.get("page") === "3",
        1,
      );
      const rerun = await runCli(["integrations", "pull", integrationId], env);
      expect(rerun.code, rerun.stderr).toBe(0);
      const summary = lastJsonLine<Summary>(rerun.stdout);
      const lists = chatwoot.requests.slice(before).filter((r) => r.path === `${PREFIX}/conversations`);
      expect(lists.map((r) => [r.query.get("page"), r.query.get("status"), r.status])).toEqual([
        ["2", "all", 200],
        ["3", "all", 429],
        ["3", "all", 200],
        ["4", "all", 200],
      ]);
      expect(rerun.stderr).toMatch(/Chatwoot answered 429 .*waiting 1 s \(Retry-After\)/);
      expect(summary).toMatchObject({
        resumed: true,
        conversation_pages: 2,
        conversations: 3,
        resolved: 1,
        open: 1,
        conversations_without_turns: 1,
        open_revisited: 0,
        messages: 7,
        private_notes_skipped: 1,
        encounters: { imported: 2, updated: 0, unchanged: 0, rejected: 0 },
        csat_pages: 2,
        csat_responses: 3,
        answers: { imported: 3, updated: 0, unchanged: 0, rejected: 0 },
        rate_limited: 1,
        waited_seconds: 1,
      });

      // Every conversation with a turn exactly once, no private note, no activity message.
      expect(await counts()).toEqual({ encounters: 4, turns: 12, answers: 3 });
      expect(JSON.stringify(await store.encounters.get("chatwoot-10"))).toBe(webhookStored);
      expect(await speakers("chatwoot-11")).toEqual(["customer", "bot", "agent", "customer"]);
      expect(await speakers("chatwoot-12")).toEqual(["customer", "agent"]);
      expect(await speakers("chatwoot-14")).toEqual(["customer", "agent", "bot"]);
      expect(await store.encounters.get("chatwoot-13")).toBeUndefined();
      const billing = await store.encounters.get("chatwoot-11");
      expect(billing).toMatchObject({
        channel: "chat",
        team: "Laskutus",
        agent: "Pekka Palvelija",
        customer_id: "chatwoot-contact-21",
        started_at: "2026-11-30T11:00:00.000Z",
        ended_at: "2026-11-30T11:20:00.000Z",
        resolved: true,
      });
      expect(billing?.turns.map((t) => t.at)).toEqual([0, 5, 300, 360]);
      expect(await analysed("chatwoot-11")).toBe(true);
      const open = await store.encounters.get("chatwoot-12");
      expect(open).toMatchObject({ team: "Verkkokauppa", agent: "Aino Agentti" });
      expect(open?.resolved).toBeFalsy();
      expect(await analysed("chatwoot-12")).toBe(false);
      const allText = (await store.db.selectFrom("turns").select("text").execute()).map((t) => t.text);
      expect(allText.join("\n")).not.toMatch(/SISÄINEN|Sisäinen huomio|marked resolved/);

      const answers = await store.db
        .selectFrom("survey_responses")
        .select(["id", "kind", "score", "encounter_id", "comment"])
        .orderBy("id")
        .execute();
      expect(answers.map((a) => [a.id, a.kind, a.score, a.encounter_id])).toEqual([
        ["chatwoot-10-csat", "csat", 2, "chatwoot-10"],
        ["chatwoot-11-csat", "csat", 4, "chatwoot-11"],
        ["chatwoot-14-csat", "csat", 5, "chatwoot-14"],
      ]);
      expect(answers[0]?.comment).toContain("tilaus on yhä kateissa");

      // The cursors: conversations back at the last page (new ones are added there), CSAT since the newest.
      expect(await cursors.get(integrationId, "conversations")).toEqual({ page: 3 });
      expect(await cursors.get(integrationId, "open_conversations")).toEqual({ ids: ["12"] });
      expect(await cursors.get(integrationId, "csat_survey_responses")).toEqual({
        page: 1,
        since: Date.parse("2026-11-30T13:11:00Z") / 1000,
      });
      const deliveries = await new IntegrationRepository(store.db, () => {
        throw new Error("no secret needed");
      }).deliveries(integrationId, 5);
      expect(deliveries[0]?.outcome).toBe(
        "stored: conversations 2 new, 0 updated, 0 unchanged; CSAT 3 new, 0 updated, 0 unchanged",
      );
    }, 120_000);

    it("pages read again after a crash before their cursor was saved store nothing twice", async () => {
      await store.db.deleteFrom("integration_cursors" as never).execute();
      const again = await runCli(["integrations", "pull", integrationId, "--no-analysis"], env);
      expect(again.code, again.stderr).toBe(0);
      const summary = lastJsonLine<Summary>(again.stdout);
      expect(summary.resumed).toBe(false);
      expect(summary.encounters).toEqual({ imported: 0, updated: 0, unchanged: 4, rejected: 0 });
      expect(summary.answers).toEqual({ imported: 0, updated: 0, unchanged: 3, rejected: 0 });
      expect(await counts()).toEqual({ encounters: 4, turns: 12, answers: 3 });
    }, 60_000);

    it("the integrations.pull job runs the same pull from the saved cursors", async () => {
      const summary = await runPullJob<Summary>(store, integrationId);
      expect(summary.resumed).toBe(true);
      // The open conversation 12 and the last page (14) are read again, the CSAT since the newest answer.
      expect(summary.open_revisited).toBe(1);
      expect(summary.encounters).toEqual({ imported: 0, updated: 0, unchanged: 2, rejected: 0 });
      expect(summary.answers).toEqual({ imported: 0, updated: 0, unchanged: 1, rejected: 0 });
      expect(await counts()).toEqual({ encounters: 4, turns: 12, answers: 3 });
    }, 60_000);

    it("an admin sets the pull up over the API and starts it there; the same ids store nothing twice", async () => {
      const admin = { ...(await signedIn(store, "admin")).headers, "content-type": "application/json" };
      const create = (settings: Record<string, unknown>, secret: string) =>
        fetch(`${base}/api/v1/integrations`, {
          method: "POST",
          headers: admin,
          body: JSON.stringify({ kind: "chatwoot", name: "Chat (API)", secret, settings }),
        });
      const secret = JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: API_TOKEN });
      const refused = await create({ base_url: chatwoot.url, account_id: "yksi" }, secret);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("settings.account_id");
      const badSecret = await create(
        { base_url: chatwoot.url, account_id: 1 },
        '{"token": "abcdefghijklmnop"}',
      );
      expect(badSecret.status).toBe(400);
      expect(await badSecret.text()).toContain("signing_secret and api_token");
      const made = await create({ base_url: chatwoot.url, account_id: 1, requests_per_minute: 6000 }, secret);
      expect(made.status).toBe(201);
      const { id } = (await made.json()) as { id: string };
      const started = await fetch(`${base}/api/v1/integrations/${id}/pull`, {
        method: "POST",
        headers: admin,
      });
      expect(started.status).toBe(202);
      expect(await started.json()).toEqual({ status: "started", job_id: null });
      // The outcome lands in the integration's deliveries; wait for it (no timing asserted).
      let outcome: string | undefined;
      while (!outcome) {
        const detail = await fetch(`${base}/api/v1/integrations/${id}`, { headers: admin });
        const body = (await detail.json()) as {
          deliveries: { event: string; outcome: string }[];
          last_error: string | null;
        };
        expect(body.last_error).toBeNull();
        outcome = body.deliveries.find((d) => d.event === "pull" && d.outcome.startsWith("stored"))?.outcome;
        if (!outcome) await new Promise((r) => setTimeout(r, 100));
      }
      expect(outcome).toBe(
        "stored: conversations 0 new, 0 updated, 4 unchanged; CSAT 0 new, 0 updated, 3 unchanged",
      );
      expect(await counts()).toEqual({ encounters: 4, turns: 12, answers: 3 });
    }, 60_000);

    it("a pull without what it needs says which field, and changes nothing", async () => {
      const repo = db.integrations;
      const bare = await repo.create(
        {
          kind: "chatwoot",
          name: "Webhook only",
          secret: SIGNING_SECRET,
          mapping: {},
          settings: { base_url: chatwoot.url, account_id: 1 },
          enabled: true,
        },
        "test",
        new Date().toISOString(),
      );
      const res = await runCli(["integrations", "pull", bare.id], env);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain("cannot pull: secret needs the API token");
      expect((await repo.get(bare.id))?.last_error).toContain("api_token");
      await repo.update(bare.id, { settings: {} }, "test", new Date().toISOString());
      const noUrl = await runCli(["integrations", "pull", bare.id], env);
      expect(noUrl.stderr).toContain("cannot pull: settings.base_url is needed");
      expect(await counts()).toEqual({ encounters: 4, turns: 12, answers: 3 });
    }, 60_000);

    it("a conversation stored open and resolved since is read again, closed with its new messages and analysed", async () => {
      const twelve = account.conversations.find((c) => c.id === 12);
      if (!twelve) throw new Error("fixture without conversation 12");
      const resolvedAt = Date.parse("2026-11-30T12:10:00Z") / 1000;
      Object.assign(twelve, { status: "resolved", last_activity_at: resolvedAt, timestamp: resolvedAt });
      const first = account.messages["12"]?.[0] as Record<string, unknown>;
      account.messages["12"]?.push({
        ...first,
        id: 403,
        content: "Kiitos, tilaan sen heti.",
        created_at: Date.parse("2026-11-30T12:05:00Z") / 1000,
      } as { id: number });
      const run = await runCli(["integrations", "pull", integrationId], env);
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<Summary>(run.stdout);
      expect(summary.open_revisited).toBe(1);
      expect(summary.encounters).toMatchObject({ imported: 0, updated: 1 });
      const closed = await store.encounters.get("chatwoot-12");
      expect(closed?.turns.map((t) => [t.speaker, t.at])).toEqual([
        ["customer", 0],
        ["agent", 180],
        ["customer", 300],
      ]);
      expect(closed).toMatchObject({ resolved: true, ended_at: "2026-11-30T12:10:00.000Z" });
      expect(await analysed("chatwoot-12")).toBe(true);
      expect(
        await new IntegrationCursorRepository(store.db).get(integrationId, "open_conversations"),
      ).toEqual({
        ids: [],
      });
      expect(await counts()).toEqual({ encounters: 4, turns: 13, answers: 3 });
    }, 60_000);
  });
}
