import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OidcClient } from "../../src/auth/oidc.ts";
import type { Encounter } from "../../src/domain/index.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn, TEST_PASSWORD } from "../support/auth.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, freshStore, storeFor } from "../support/databases.ts";
import { startTestIssuer, type TestIssuer } from "../support/oidc-provider.ts";

type App = ReturnType<typeof createApp>;

function encounter(id: string, team: string, agent: string, customerId: string): Encounter {
  return {
    id,
    channel: "chat",
    startedAt: "2026-03-02T09:00:00.000Z",
    team,
    agent,
    customerId,
    turns: [
      { seq: 0, speaker: "customer", text: `Laskussani on virhe (${id}).` },
      { seq: 1, speaker: "agent", text: "Korjaan sen." },
    ],
  };
}

async function seed(store: Store): Promise<void> {
  await store.writeBatch("encounters", [
    encounter("e-own", "Laskutus", "agent-1", "c-1"),
    encounter("e-other", "Tekninen tuki", "agent-2", "c-2"),
  ]);
  await store.writeBatch("responses", [
    {
      id: "r-own",
      kind: "nps",
      score: 3,
      comment: "Huono",
      answeredAt: "2026-03-02T10:00:00.000Z",
      team: "Laskutus",
      agent: "agent-1",
      customerId: "c-1",
      encounterId: "e-own",
    },
    {
      id: "r-other",
      kind: "nps",
      score: 9,
      comment: "Hyvä",
      answeredAt: "2026-03-02T10:00:00.000Z",
      team: "Tekninen tuki",
      agent: "agent-2",
      customerId: "c-2",
      encounterId: "e-other",
    },
  ]);
}

function appFor(store: Store, oidc: OidcClient | null = null): App {
  return createApp({
    store,
    timeZone: "Europe/Helsinki",
    pipeline: ingestPipeline({ analyzer: null }),
    oidc,
  });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

for (const dialect of DIALECTS) {
  describe(`access control on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await seed(store);
      app = appFor(store);
    });
    afterEach(async () => {
      await dispose();
    });

    it("lets anonymous callers reach only health, the API description and login", async () => {
      expect((await app.request("/api/v1/encounters")).status).toBe(401);
      expect((await app.request("/api/v1/encounters/e-own")).status).toBe(401);
      expect((await app.request("/api/v1/reports/nps")).status).toBe(401);
      expect((await app.request("/health")).status).toBe(200);
      expect((await app.request("/api/openapi.json")).status).toBe(200);
      const res = await app.request("/api/v1/encounters");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(JSON.stringify(await res.json())).not.toMatch(/at .*\.ts:\d+/);
    });

    it("shows an agent their own encounters only, and a viewer no text at all", async () => {
      const agent = (await signedIn(store, "agent", { agent: "agent-1", teams: ["Laskutus"] })).headers;
      expect((await app.request("/api/v1/encounters/e-own", { headers: agent })).status).toBe(200);
      // Outside one's scope a single record is 404, so its existence is not disclosed (docs/security.md).
      expect((await app.request("/api/v1/encounters/e-other", { headers: agent })).status).toBe(404);
      const list = await json(await app.request("/api/v1/encounters", { headers: agent }));
      expect((list.items as { id: string }[]).map((e) => e.id)).toEqual(["e-own"]);
      const answers = await json(await app.request("/api/v1/responses", { headers: agent }));
      expect((answers.items as { id: string }[]).map((r) => r.id)).toEqual(["r-own"]);
      // Asking for another agent's records gives nothing, not the other agent's text.
      const asked = await json(await app.request("/api/v1/encounters?agent=agent-2", { headers: agent }));
      expect(asked.items).toEqual([]);

      const viewer = (await signedIn(store, "viewer")).headers;
      expect((await app.request("/api/v1/encounters/e-own", { headers: viewer })).status).toBe(403);
      expect((await app.request("/api/v1/responses", { headers: viewer })).status).toBe(403);
      expect((await app.request("/api/v1/reports/nps", { headers: viewer })).status).toBe(200);
    });

    it("scopes a team lead to their teams and lets an admin read everything, auditing other teams' text", async () => {
      const manager = (await signedIn(store, "manager", { teams: ["Laskutus"] })).headers;
      const list = await json(await app.request("/api/v1/encounters", { headers: manager }));
      expect((list.items as { id: string }[]).map((e) => e.id)).toEqual(["e-own"]);
      expect((await app.request("/api/v1/encounters/e-other", { headers: manager })).status).toBe(404);

      const admin = await signedIn(store, "admin");
      const all = await json(await app.request("/api/v1/encounters", { headers: admin.headers }));
      expect((all.items as { id: string }[]).map((e) => e.id).sort()).toEqual(["e-other", "e-own"]);
      expect((await app.request("/api/v1/encounters/e-other", { headers: admin.headers })).status).toBe(200);
      const audit = await json(
        await app.request("/api/v1/audit?action=text.read", { headers: admin.headers }),
      );
      const reads = audit.items as { actor: string; target: string }[];
      expect(reads.some((r) => r.actor === admin.email && r.target === "encounter:e-other")).toBe(true);
      // The audit log never holds the text that was read.
      expect(JSON.stringify(audit)).not.toContain("Laskussani");
      expect((await app.request("/api/v1/audit", { headers: manager })).status).toBe(403);
    });

    it("answers 429 after repeated bad passwords, and signs in with a session cookie guarded by CSRF", async () => {
      const { email } = await signedIn(store, "analyst");
      const login = (password: string) =>
        app.request("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await login(`wrong password ${i}`)).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Even the right password waits out the window.
      expect((await login(TEST_PASSWORD)).status).toBe(429);

      const other = await signedIn(store, "analyst");
      const ok = await app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" },
        body: JSON.stringify({ email: other.email, password: TEST_PASSWORD }),
      });
      // The client address is shared with the throttled attempts above (no proxy is trusted).
      expect(ok.status).toBe(429);
    });

    it("keeps a session in an httpOnly cookie, requires the CSRF token on writes, and ends it on logout", async () => {
      const { email } = await signedIn(store, "analyst");
      const res = await app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(";")[0] as string;
      const { csrfToken, role } = (await res.json()) as { csrfToken: string; role: string };
      expect(role).toBe("analyst");
      expect((await app.request("/api/v1/auth/me", { headers: { cookie } })).status).toBe(200);
      const write = (extra: Record<string, string>) =>
        app.request("/api/v1/customers", {
          method: "POST",
          headers: { "content-type": "application/json", cookie, ...extra },
          body: JSON.stringify([{ id: "c-9", segment: "Pk-yritys" }]),
        });
      expect((await write({})).status).toBe(403);
      expect((await write({ "x-csrf-token": csrfToken })).status).toBe(200);
      const out = await app.request("/api/v1/auth/logout", {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken },
      });
      expect(out.status).toBe(200);
      expect((await app.request("/api/v1/auth/me", { headers: { cookie } })).status).toBe(401);
    });
  });

  describe(`kohtaamo user, token and erase on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
    });
    afterAll(async () => {
      await cli?.dispose();
    });

    it("creates an admin and a token from the command line, and erases a customer with an audit entry", async () => {
      const add = await runCli(
        ["user", "add", "--email", "Admin@Example.org", "--role", "admin", "--password-stdin"],
        cli.env,
        `${TEST_PASSWORD}\n`,
      );
      expect(add.code, add.stderr).toBe(0);
      expect(
        (
          await runCli(
            ["user", "add", "--email", "m@example.org", "--role", "manager", "--password-stdin"],
            cli.env,
            TEST_PASSWORD,
          )
        ).stderr,
      ).toMatch(/--team/);
      const token = await runCli(
        ["token", "create", "--email", "admin@example.org", "--expires-days", "30"],
        cli.env,
      );
      expect(token.code, token.stderr).toBe(0);
      const secret = token.stdout.trim().split("\n").pop() as string;
      expect(secret).toMatch(/^kht_/);

      const store = storeFor(cli.env);
      try {
        await seed(store);
        const app = appFor(store);
        const auth = { authorization: `Bearer ${secret}` };
        expect((await app.request("/api/v1/encounters/e-own", { headers: auth })).status).toBe(200);
        // Only the hash is stored.
        const stored = await store.db.selectFrom("api_tokens").select("token_hash").execute();
        expect(JSON.stringify(stored)).not.toContain(secret);

        const exported = await runCli(["export", "encounters", "--format", "jsonl"], cli.env);
        expect(exported.code, exported.stderr).toBe(0);
        const erase = await runCli(["erase", "--customer", "c-1"], cli.env);
        expect(erase.code, erase.stderr).toBe(0);
        expect(lastJsonLine<{ encounters: number; responses: number }>(erase.stdout)).toMatchObject({
          encounters: 1,
          responses: 1,
        });
        expect((await app.request("/api/v1/encounters/e-own", { headers: auth })).status).toBe(404);
        expect((await app.request("/api/v1/responses/r-own", { headers: auth })).status).toBe(404);
        expect((await app.request("/api/v1/encounters/e-other", { headers: auth })).status).toBe(200);
        const audit = await json(await app.request("/api/v1/audit", { headers: auth }));
        const actions = (audit.items as { action: string; target: string | null }[]).map(
          (a) => `${a.action} ${a.target}`,
        );
        expect(actions).toContain("customer.erase c-1");
        expect(actions).toContain("export encounters");
        expect(actions).toContain("token.create admin@example.org");
        expect(actions).toContain("role.grant admin@example.org");

        // An expired token is refused like an unknown one.
        const admin = await store.access.userByEmail("admin@example.org");
        const expired = "kht_expired-token-for-the-test";
        const { secretHash } = await import("../../src/auth/secrets.ts");
        await store.access.createToken(
          admin?.id as string,
          secretHash(expired),
          "old",
          "2020-01-01T00:00:00.000Z",
        );
        expect(
          (await app.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${expired}` } })).status,
        ).toBe(401);

        // A revoked token stops working at once.
        const listed = await runCli(["token", "list", "--email", "admin@example.org"], cli.env);
        const { id } = JSON.parse(listed.stdout.trim().split("\n")[0] as string) as { id: string };
        expect((await runCli(["token", "revoke", "--id", id], cli.env)).code).toBe(0);
        expect((await app.request("/api/v1/audit", { headers: auth })).status).toBe(401);
      } finally {
        await store.close();
      }
    }, 60_000);

    it("never writes customer text to the log, even for rows it rejects", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-log-"));
      const file = path.join(dir, "answers.csv");
      const secret = "Asiakkaan salainen lause joka ei saa näkyä lokissa";
      fs.writeFileSync(
        file,
        `id,answered_at,kind,score,comment\nok-1,2026-03-01,nps,9,${secret}\nbad-1,2026-03-01,nps,11,${secret}\n`,
      );
      const run = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      expect(lastJsonLine<{ rejected: number }>(run.stdout).rejected).toBe(1);
      expect(run.stderr + run.stdout).not.toContain("salainen");
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("deletes old raw text on retention and keeps the aggregates", async () => {
      const store = storeFor(cli.env);
      try {
        await store.writeBatch("encounters", [encounter("e-old", "Laskutus", "agent-1", "c-7")]);
        await store.writeBatch("responses", [
          {
            id: "r-old",
            kind: "nps",
            score: 10,
            comment: "Kiitos",
            answeredAt: "2026-03-02T10:00:00.000Z",
            customerId: "c-7",
          },
        ]);
        const before = (await store.responses.scoreCounts("nps", {}))[0]?.n;
        const run = await runCli(["retention", "--days", "30"], cli.env);
        expect(run.code, run.stderr).toBe(0);
        expect((await store.encounters.get("e-old"))?.turns).toEqual([]);
        expect((await store.responses.get("r-old"))?.comment).toBeNull();
        expect((await store.responses.scoreCounts("nps", {}))[0]?.n).toBe(before);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
}

describe("single sign-on against a locally started OpenID provider", () => {
  const redirectUri = "http://kohtaamo.test/api/v1/auth/oidc/callback";
  let issuer: TestIssuer;
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    issuer = await startTestIssuer({
      clientId: "kohtaamo",
      clientSecret: "a-test-secret-of-reasonable-length-0123456789",
      redirectUri,
      accounts: { anna: { email: "anna@example.fi", email_verified: true, groups: ["cx-analysts"] } },
    });
    ({ store, dispose } = await freshStore(DIALECTS[0] ?? "sqlite"));
  });
  afterAll(async () => {
    await dispose?.();
    await issuer?.stop();
  });

  it("signs in through the provider, maps the group to a role, and starts a session", async () => {
    const oidc = await OidcClient.discover({
      issuer: issuer.issuer,
      clientId: "kohtaamo",
      clientSecret: "a-test-secret-of-reasonable-length-0123456789",
      redirectUri,
      scopes: ["openid", "email", "profile", "groups"],
      roleClaim: "groups",
      roleMap: { "cx-analysts": "analyst" },
      allowHttp: true,
    });
    const app = appFor(store, oidc);
    const start = await app.request("http://kohtaamo.test/api/v1/auth/oidc/login");
    expect(start.status).toBe(302);
    const pending = (start.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const callback = await issuer.loginAs(start.headers.get("location") as string, "anna");
    const done = await app.request(callback, { headers: { cookie: pending } });
    expect(done.status, await done.clone().text()).toBe(302);
    const session = (done.headers.getSetCookie?.() ?? [done.headers.get("set-cookie") ?? ""])
      .find((c) => c.startsWith("kohtaamo_session="))
      ?.split(";")[0] as string;
    const me = await json(await app.request("/api/v1/auth/me", { headers: { cookie: session } }));
    expect(me).toMatchObject({ email: "anna@example.fi", role: "analyst" });
    // The pending login is single-use: replaying the callback fails.
    expect((await app.request(callback, { headers: { cookie: pending } })).status).toBe(401);
  }, 60_000);
});
