import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { CreatedToken, TokenBody, UserBody } from "../../src/server/user-admin-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn, TEST_PASSWORD } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

type App = ReturnType<typeof createApp>;
type Headers = Record<string, string>;

interface ErrorAnswer {
  error: { code: string; message: string };
}

function send(app: App, headers: Headers, method: string, path: string, body?: unknown) {
  return app.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

for (const dialect of DIALECTS) {
  describe(`user and token administration on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let admin: { email: string; headers: Headers };
    const others = new Map<string, Headers>();

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      admin = await signedIn(store, "admin", { email: "root@test.example.org" });
      for (const role of ["analyst", "manager", "viewer", "agent"] as const) {
        others.set(role, (await signedIn(store, role)).headers);
      }
    });
    afterAll(async () => {
      await dispose?.();
    });

    it("lists, adds, edits and removes an account, each change in the audit log", async () => {
      const listed = await send(app, admin.headers, "GET", "/users");
      expect(listed.status).toBe(200);
      const before = ((await listed.json()) as { items: UserBody[] }).items;
      expect(before.map((u) => u.email)).toContain("root@test.example.org");
      expect(JSON.stringify(before)).not.toMatch(/argon2|password/i);
      expect(before.find((u) => u.email === admin.email)).toMatchObject({ role: "admin", source: "local" });

      const added = await send(app, admin.headers, "POST", "/users", {
        email: " Liisa.Lead@Test.Example.org ",
        role: "manager",
        teams: ["laskutus"],
        password: "a long enough password",
      });
      expect(added.status).toBe(201);
      expect(await added.json()).toMatchObject({
        email: "liisa.lead@test.example.org",
        role: "manager",
        teams: ["laskutus"],
        agent: null,
        source: "local",
      });
      // The new account signs in with its initial password.
      const login = await app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "liisa.lead@test.example.org", password: "a long enough password" }),
      });
      expect(login.status).toBe(200);

      const again = await send(app, admin.headers, "POST", "/users", {
        email: "liisa.lead@test.example.org",
        role: "viewer",
        password: "a long enough password",
      });
      expect(again.status).toBe(409);

      const edited = await send(app, admin.headers, "PATCH", "/users/liisa.lead%40test.example.org", {
        role: "agent",
        teams: ["tuki"],
        agent: "agent-7",
      });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ role: "agent", teams: ["tuki"], agent: "agent-7" });
      expect(await store.access.userByEmail("liisa.lead@test.example.org")).toMatchObject({
        role: "agent",
        agentId: "agent-7",
      });

      const removed = await send(app, admin.headers, "DELETE", "/users/liisa.lead@test.example.org");
      expect(removed.status).toBe(204);
      expect(await store.access.userByEmail("liisa.lead@test.example.org")).toBeUndefined();
      const gone = await send(app, admin.headers, "DELETE", "/users/liisa.lead@test.example.org");
      expect(gone.status).toBe(404);
      const missing = await send(app, admin.headers, "PATCH", "/users/nobody@test.example.org", {
        role: "viewer",
      });
      expect(missing.status).toBe(404);

      const audit = await send(app, admin.headers, "GET", "/audit?limit=20");
      const entries = ((await audit.json()) as { items: { actor: string; action: string; target: string }[] })
        .items;
      const mine = entries.filter(
        (e) => e.actor === admin.email && e.target === "liisa.lead@test.example.org",
      );
      expect(mine.map((e) => e.action)).toEqual(["role.revoke", "role.change", "role.grant"]);
    });

    it("keeps the last admin and the caller's own account (409 with the reason)", async () => {
      const self = await send(app, admin.headers, "DELETE", `/users/${admin.email}`);
      expect(self.status).toBe(409);
      expect(((await self.json()) as ErrorAnswer).error.message).toMatch(/your own account/);

      const alone = await send(app, admin.headers, "PATCH", `/users/${admin.email}`, { role: "viewer" });
      expect(alone.status).toBe(409);
      expect(((await alone.json()) as ErrorAnswer).error.message).toMatch(/last admin/);

      // With a second admin, either may demote the other; the demoted one loses the routes at once.
      const second = await signedIn(store, "admin", { email: "second@test.example.org" });
      const demoted = await send(app, second.headers, "PATCH", `/users/${admin.email}`, { role: "analyst" });
      expect(demoted.status).toBe(200);
      expect((await send(app, admin.headers, "GET", "/users")).status).toBe(403);
      const restored = await send(app, second.headers, "PATCH", `/users/${admin.email}`, { role: "admin" });
      expect(restored.status).toBe(200);
      expect((await send(app, admin.headers, "DELETE", `/users/${second.email}`)).status).toBe(204);

      // The command line removes through the same function, with the same rule.
      const { removeUser } = await import("../../src/auth/accounts.ts");
      await expect(removeUser(store, admin.email, "cli:test")).rejects.toThrow(/last admin/);
      expect((await store.access.userByEmail(admin.email))?.role).toBe("admin");
    });

    it("refuses bad input with 400 naming the field", async () => {
      const cases: [unknown, RegExp][] = [
        [{ email: "not-an-email", role: "viewer", password: TEST_PASSWORD }, /email/],
        [{ email: "x@test.example.org", role: "boss", password: TEST_PASSWORD }, /role/],
        [{ email: "x@test.example.org", role: "viewer", password: "short" }, /password/],
        [{ email: "x@test.example.org", role: "manager", password: TEST_PASSWORD }, /teams/],
        [{ email: "x@test.example.org", role: "agent", password: TEST_PASSWORD }, /agent/],
        [{ role: "viewer", password: TEST_PASSWORD }, /email/],
      ];
      for (const [body, field] of cases) {
        const res = await send(app, admin.headers, "POST", "/users", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as ErrorAnswer).error.message).toMatch(field);
      }
      const notJson = await app.request("/api/v1/users", {
        method: "POST",
        headers: { ...admin.headers, "content-type": "application/json" },
        body: "{",
      });
      expect(notJson.status).toBe(400);
      await send(app, admin.headers, "POST", "/users", {
        email: "vera@test.example.org",
        role: "viewer",
        password: TEST_PASSWORD,
      });
      const patches: [unknown, RegExp][] = [
        [{ role: "manager" }, /teams/],
        [{ role: "agent" }, /agent/],
        [{ role: "chief" }, /role/],
        [{ teams: "laskutus" }, /teams/],
        [{ password: "x" }, /password|unrecognized/i],
      ];
      for (const [body, field] of patches) {
        const res = await send(app, admin.headers, "PATCH", "/users/vera@test.example.org", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as ErrorAnswer).error.message).toMatch(field);
      }
      const tokenCases: [unknown, RegExp][] = [
        [{ user: "vera@test.example.org", expires_days: 0 }, /expires_days/],
        [{ user: "nope" }, /user/],
        [{ name: "no user" }, /user/],
      ];
      for (const [body, field] of tokenCases) {
        const res = await send(app, admin.headers, "POST", "/tokens", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as ErrorAnswer).error.message).toMatch(field);
      }
      expect(
        (await send(app, admin.headers, "POST", "/tokens", { user: "ghost@test.example.org" })).status,
      ).toBe(404);
      expect((await send(app, admin.headers, "DELETE", "/tokens/no-such-token")).status).toBe(404);
    });

    it("shows a new token once; it works until it is revoked, then 401", async () => {
      const created = await send(app, admin.headers, "POST", "/tokens", {
        user: "vera@test.example.org",
        name: "reporting script",
        expires_days: 30,
      });
      expect(created.status).toBe(201);
      const token = (await created.json()) as CreatedToken;
      expect(token.token).toMatch(/^\S{20,}$/);
      expect(token).toMatchObject({ user: "vera@test.example.org", name: "reporting script" });
      expect(token.expires_at).not.toBeNull();

      const bearer = { authorization: `Bearer ${token.token}` };
      const me = await send(app, bearer, "GET", "/auth/me");
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: "vera@test.example.org", role: "viewer" });

      const all = await send(app, admin.headers, "GET", "/tokens");
      const listedText = await all.text();
      expect(listedText).not.toContain(token.token);
      expect(listedText).not.toMatch(/hash/);
      const items = (JSON.parse(listedText) as { items: TokenBody[] }).items;
      expect(items.find((t) => t.id === token.id)).toMatchObject({
        user: "vera@test.example.org",
        name: "reporting script",
        revoked_at: null,
      });
      expect(new Set(items.map((t) => t.user)).size).toBeGreaterThan(1);
      const onlyVera = (await (
        await send(app, admin.headers, "GET", "/tokens?user=vera@test.example.org")
      ).json()) as {
        items: TokenBody[];
      };
      expect(onlyVera.items.map((t) => t.id)).toEqual([token.id]);

      // The viewer sees only their own tokens, and may not revoke someone else's.
      const own = (await (await send(app, bearer, "GET", "/tokens")).json()) as { items: TokenBody[] };
      expect(own.items.map((t) => t.user)).toEqual(["vera@test.example.org"]);
      const adminToken = items.find((t) => t.user === admin.email);
      expect(adminToken).toBeDefined();
      expect((await send(app, bearer, "DELETE", `/tokens/${adminToken?.id}`)).status).toBe(404);

      const revoked = await send(app, admin.headers, "DELETE", `/tokens/${token.id}`);
      expect(revoked.status).toBe(204);
      expect((await send(app, bearer, "GET", "/auth/me")).status).toBe(401);
      expect((await send(app, admin.headers, "DELETE", `/tokens/${token.id}`)).status).toBe(404);

      const audit = (await (await send(app, admin.headers, "GET", "/audit?limit=50")).json()) as {
        items: { action: string; target: string; actor: string }[];
      };
      expect(audit.items).toContainEqual(
        expect.objectContaining({
          action: "token.create",
          target: "vera@test.example.org",
          actor: admin.email,
        }),
      );
      expect(audit.items).toContainEqual(
        expect.objectContaining({ action: "token.revoke", target: token.id, actor: admin.email }),
      );
      expect(JSON.stringify(audit.items)).not.toContain(token.token);
    });

    it("lets a user revoke their own token", async () => {
      const viewer = await signedIn(store, "viewer");
      const own = (await (await send(app, viewer.headers, "GET", "/tokens")).json()) as {
        items: TokenBody[];
      };
      expect(own.items).toHaveLength(1);
      expect((await send(app, viewer.headers, "DELETE", `/tokens/${own.items[0]?.id}`)).status).toBe(204);
      expect((await send(app, viewer.headers, "GET", "/tokens")).status).toBe(401);
    });

    it("leaves a single sign-on account's role and teams to its identity provider", async () => {
      await store.access.upsertSsoUser("sub-42", {
        email: "sso.user@test.example.org",
        role: "analyst",
        teams: [],
      });
      const listed = (
        (await (await send(app, admin.headers, "GET", "/users")).json()) as { items: UserBody[] }
      ).items;
      expect(listed.find((u) => u.email === "sso.user@test.example.org")).toMatchObject({ source: "oidc" });
      const role = await send(app, admin.headers, "PATCH", "/users/sso.user@test.example.org", {
        role: "admin",
      });
      expect(role.status).toBe(409);
      expect(((await role.json()) as ErrorAnswer).error.message).toMatch(/single sign-on/);
      const agent = await send(app, admin.headers, "PATCH", "/users/sso.user@test.example.org", {
        agent: "a-9",
      });
      expect(agent.status).toBe(200);
      expect(await agent.json()).toMatchObject({ role: "analyst", agent: "a-9", source: "oidc" });
    });

    it("filters the audit log by action, actor and period, and pages back by id", async () => {
      type Entries = { items: { id: number; at: string; actor: string; action: string }[] };
      const get = async (q: string) => {
        const res = await send(app, admin.headers, "GET", `/audit${q}`);
        expect(res.status, q).toBe(200);
        return ((await res.json()) as Entries).items;
      };
      const all = await get("?limit=500");
      expect(all.length).toBeGreaterThan(5);
      const byAdmin = await get(`?limit=500&actor=${encodeURIComponent(admin.email)}`);
      expect(byAdmin.length).toBeGreaterThan(0);
      expect(byAdmin.every((e) => e.actor === admin.email)).toBe(true);
      expect(byAdmin.length).toBeLessThan(all.length);
      const grants = await get(`?limit=500&actor=${encodeURIComponent(admin.email)}&action=role.grant`);
      expect(grants.length).toBeGreaterThan(0);
      expect(grants.every((e) => e.action === "role.grant" && e.actor === admin.email)).toBe(true);

      const oldest = all[all.length - 1];
      const newest = all[0];
      expect(
        await get(`?limit=500&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
      ).toEqual([]);
      expect(await get(`?limit=500&to=${encodeURIComponent(oldest?.at ?? "")}`)).toEqual([]);
      const inside = await get(
        `?limit=500&from=${encodeURIComponent(oldest?.at ?? "")}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      expect(inside.length).toBe(all.length);

      const page1 = await get("?limit=3");
      const page2 = await get(`?limit=3&before=${page1[2]?.id}`);
      expect(page1.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
      expect(page2.map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
      expect(newest?.id).toBeGreaterThan(oldest?.id ?? Number.POSITIVE_INFINITY);

      const bad = await send(app, admin.headers, "GET", "/audit?from=yesterday-ish");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorAnswer).error.message).toMatch(/^from: /);
    });

    it("answers 403 to analysts, managers, viewers and agents", async () => {
      for (const [role, headers] of others) {
        const calls: [string, string, unknown?][] = [
          ["GET", "/users"],
          ["POST", "/users", { email: "y@test.example.org", role: "viewer", password: TEST_PASSWORD }],
          ["PATCH", `/users/${admin.email}`, { role: "viewer" }],
          ["DELETE", `/users/${admin.email}`],
          ["POST", "/tokens", { user: admin.email }],
          ["GET", "/audit"],
        ];
        for (const [method, path, body] of calls) {
          const res = await send(app, headers, method, path, body);
          expect(res.status, `${role} ${method} ${path}`).toBe(403);
        }
      }
      expect(await store.access.userByEmail("y@test.example.org")).toBeUndefined();
      expect((await store.access.userByEmail(admin.email))?.role).toBe("admin");
    });
  });
}
