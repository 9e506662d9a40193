import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers } from "../../src/auth/demo-users.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * The sign-in page's one-click demo accounts: listed (with their published password) only while the
 * accounts exist and the server was not started with --no-demo; /auth/session answers signed-out
 * visitors without a 401 and signed-in ones with who they are.
 */
for (const dialect of DIALECTS) {
  describe(`demo sign-in (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const app = (demoSignIn: boolean) =>
      createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        demoSignIn,
      });

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterAll(async () => dispose());

    const accounts = async (demoSignIn: boolean) => {
      const res = await app(demoSignIn).request("/api/v1/auth/demo-accounts");
      expect(res.status).toBe(200);
      return (await res.json()) as { accounts: { email: string; role: string }[]; password: string | null };
    };

    it("lists nothing before the demo accounts exist", async () => {
      expect(await accounts(true)).toEqual({ accounts: [], password: null });
    });

    it("lists one account per role once they exist, and they sign in with the listed password", async () => {
      await ensureDemoUsers(store);
      const listed = await accounts(true);
      expect(listed.accounts).toEqual(DEMO_USERS.map((u) => ({ email: u.email, role: u.role })));
      expect(listed.password).toBe(DEMO_PASSWORD);
      const server = app(true);
      const login = await server.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "viewer@demo.example.org", password: listed.password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
      const session = await server.request("/api/v1/auth/session", { headers: { cookie } });
      expect(await session.json()).toMatchObject({
        user: { email: "viewer@demo.example.org", role: "viewer" },
        singleSignOn: false,
      });
    });

    it("lists nothing when the server was started with --no-demo", async () => {
      expect(await accounts(false)).toEqual({ accounts: [], password: null });
    });

    it("stops listing an account once it is removed", async () => {
      await store.access.removeUser("admin@demo.example.org");
      const listed = await accounts(true);
      expect(listed.accounts.map((a) => a.role)).toEqual(["analyst", "manager", "agent", "viewer"]);
    });

    it("answers a signed-out visitor's session check with 200 and no user", async () => {
      const res = await app(true).request("/api/v1/auth/session");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ user: null, singleSignOn: false });
    });
  });
}
