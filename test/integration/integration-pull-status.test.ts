import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { keyFromPassphrase } from "../../src/auth/secret-box.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { signedIn } from "../support/auth.ts";
import { chatwootAccount, type FakeChatwoot, fakeChatwoot } from "../support/chatwoot-server.ts";
import { DIALECTS } from "../support/databases.ts";
import { type PullTestDatabase, pullTestDatabase } from "../support/pull-test.ts";
import { serveApp } from "../support/served-app.ts";

/**
 * What the admin page shows of a pull, from GET /api/v1/integrations/{id}: `last_pull` (the newest
 * pull delivery, however many webhook deliveries came after it) and `cursors` (where the next pull
 * starts, per stream), before and after a pull started with POST …/pull against a fake Chatwoot
 * on loopback; a switched-off integration is refused with 403 and its status is unchanged. The
 * counts are kept per stream beside the English outcome, and a failed pull's error has a stable
 * code and parameters beside its text (migration 0023), for the admin page to word in fi or en.
 */
const PASSPHRASE = "pull-status-test-passphrase-0123456789";
const API_TOKEN = "cw-api-access-token-0123456789";
const SIGNING_SECRET = "cw-webhook-secret-5f0c2a91d3e84b7f";

type Counts = Record<string, { new: number; updated: number; unchanged: number; rejected: number }>;
interface Detail {
  deliveries: { event: string; outcome: string; counts: Counts | null }[];
  last_pull: {
    delivery_id: string;
    event: string;
    received_at: string;
    outcome: string;
    counts: Counts | null;
  } | null;
  cursors: { stream: string; position: Record<string, unknown>; updated_at: string }[];
  last_error: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error_params: Record<string, string | number> | null;
}

for (const dialect of DIALECTS) {
  describe(`integration pull status on ${dialect}`, () => {
    let db: PullTestDatabase;
    let chatwoot: FakeChatwoot;
    let base = "";
    let close: () => Promise<void> = async () => {};
    let admin: Record<string, string> = {};
    let id = "";
    const detail = async (which = id): Promise<Detail> => {
      const res = await fetch(`${base}/api/v1/integrations/${which}`, { headers: admin });
      expect(res.status).toBe(200);
      return (await res.json()) as Detail;
    };

    beforeAll(async () => {
      db = await pullTestDatabase(dialect, PASSPHRASE);
      chatwoot = await fakeChatwoot(chatwootAccount(), API_TOKEN);
      ({ base, close } = await serveApp(
        db.store,
        ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
        keyFromPassphrase(PASSPHRASE),
      ));
      admin = { ...(await signedIn(db.store, "admin")).headers, "content-type": "application/json" };
      const made = await fetch(`${base}/api/v1/integrations`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({
          kind: "chatwoot",
          name: "Chat",
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: API_TOKEN }),
          settings: { base_url: chatwoot.url, account_id: 1, requests_per_minute: 6000 },
        }),
      });
      expect(made.status).toBe(201);
      id = ((await made.json()) as { id: string }).id;
    }, 60_000);

    afterAll(async () => {
      await close();
      await chatwoot?.close();
      await db?.dispose();
    });

    it("before any pull: no last pull and no cursors", async () => {
      const d = await detail();
      expect(d.last_pull).toBeNull();
      expect(d.cursors).toEqual([]);
      expect(d.deliveries).toEqual([]);
    });

    it("after a pull: its outcome as the last pull, and the cursors it saved", async () => {
      const started = await fetch(`${base}/api/v1/integrations/${id}/pull`, {
        method: "POST",
        headers: admin,
      });
      expect(started.status).toBe(202);
      let d = await detail();
      // The pull runs in the background; wait for its outcome (no timing asserted).
      while (!d.last_pull?.outcome.startsWith("stored")) {
        expect(d.last_error).toBeNull();
        await new Promise((r) => setTimeout(r, 100));
        d = await detail();
      }
      expect(d.last_pull.event).toBe("pull");
      expect(d.last_pull.delivery_id).toMatch(/^pull-\d{4}-\d\d-\d\dT/);
      expect(d.last_pull.outcome).toMatch(/^stored: conversations 4 new, 0 updated, 0 unchanged; CSAT 3 new/);
      // The same counts, per stream as the cursors name them.
      expect(d.last_pull.counts).toEqual({
        conversations: { new: 4, updated: 0, unchanged: 0, rejected: 0 },
        csat_survey_responses: { new: 3, updated: 0, unchanged: 0, rejected: 0 },
      });
      expect(d.deliveries.find((x) => x.event === "pull")?.counts).toEqual(d.last_pull.counts);
      expect(d.last_error_code).toBeNull();
      expect(d.last_error_params).toBeNull();
      expect(d.cursors.map((c) => c.stream)).toEqual(
        expect.arrayContaining(["conversations", "csat_survey_responses"]),
      );
      const conversations = d.cursors.find((c) => c.stream === "conversations");
      expect(conversations?.position).toEqual({ page: expect.any(Number) });
      expect(Number.isNaN(Date.parse(conversations?.updated_at ?? ""))).toBe(false);
    }, 60_000);

    it("a pull the vendor refuses: its error as text, a stable code and its parameters", async () => {
      const before = await detail();
      const wrong = await fetch(`${base}/api/v1/integrations/${id}`, {
        method: "PATCH",
        headers: admin,
        body: JSON.stringify({
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: "cw-wrong-token-0123456789" }),
        }),
      });
      expect(wrong.status).toBe(200);
      const started = await fetch(`${base}/api/v1/integrations/${id}/pull`, {
        method: "POST",
        headers: admin,
      });
      expect(started.status).toBe(202);
      let d = await detail();
      // The pull runs in the background; wait for its error (no timing asserted).
      while (d.last_error_at === null) {
        await new Promise((r) => setTimeout(r, 100));
        d = await detail();
      }
      expect(d.last_error).toMatch(/^pull: Chatwoot answered 401 for GET \/api\/v1\/accounts\/1\//);
      expect(d.last_error_code).toBe("pull.vendor_auth");
      expect(d.last_error_params).toEqual({
        vendor: "Chatwoot",
        status: 401,
        path: expect.stringMatching(/^\/api\/v1\/accounts\/1\//),
      });
      // A failed pull is not logged as a delivery: the last pull and its counts stay as they were.
      expect(d.last_pull).toEqual(before.last_pull);
      const right = await fetch(`${base}/api/v1/integrations/${id}`, {
        method: "PATCH",
        headers: admin,
        body: JSON.stringify({
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: API_TOKEN }),
        }),
      });
      expect(right.status).toBe(200);
    }, 60_000);

    it("a pull that lacks a setting is refused (400) naming the field, with its code for the page", async () => {
      const made = await fetch(`${base}/api/v1/integrations`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({
          kind: "chatwoot",
          name: "Chat without an address",
          secret: JSON.stringify({ signing_secret: SIGNING_SECRET, api_token: API_TOKEN }),
        }),
      });
      expect(made.status).toBe(201);
      const bare = ((await made.json()) as { id: string }).id;
      const refused = await fetch(`${base}/api/v1/integrations/${bare}/pull`, {
        method: "POST",
        headers: admin,
      });
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { error: { details: Record<string, unknown> } };
      expect(body.error.details).toEqual({
        problems: [{ field: "settings.base_url", reason: expect.stringMatching(/^is needed/) }],
        integration_error: { code: "pull.setting_missing", params: { field: "settings.base_url" } },
      });
      // Refused before it started: nothing is logged or noted.
      const d = await detail(bare);
      expect(d.last_pull).toBeNull();
      expect(d.last_error_code).toBeNull();
    });

    it("a switched-off integration is refused (403) and its pull status stays as it was", async () => {
      const before = await detail();
      const off = await fetch(`${base}/api/v1/integrations/${id}`, {
        method: "PATCH",
        headers: admin,
        body: JSON.stringify({ enabled: false }),
      });
      expect(off.status).toBe(200);
      const refused = await fetch(`${base}/api/v1/integrations/${id}/pull`, {
        method: "POST",
        headers: admin,
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
        "switched off",
      );
      const after = await detail();
      expect(after.last_pull).toEqual(before.last_pull);
      expect(after.cursors).toEqual(before.cursors);
    });
  });
}
