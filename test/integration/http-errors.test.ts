import net from "node:net";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { BUSY_MESSAGE } from "../../src/server/error-handler.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import {
  DIALECTS,
  freshPostgresSchema,
  freshStore,
  postgresUrl,
  type TestDialect,
} from "../support/databases.ts";

type App = ReturnType<typeof createApp>;
interface ErrorAnswer {
  status: number;
  header: string | null;
  body: { error: { code: string; message: string; requestId: string; details?: unknown } };
}

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });

/**
 * A TCP relay between the app and PostgreSQL on loopback: `cut()` closes it and every connection
 * through it, so the database becomes unreachable the way a network failure or a restart makes it.
 */
async function postgresRelay(): Promise<{ url: string; cut: () => Promise<void> }> {
  const target = new URL(postgresUrl());
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/** A migrated store, and a way to make its database unreachable while the app still holds it. */
async function breakableStore(
  dialect: TestDialect,
): Promise<{ store: Store; breakDatabase: () => Promise<void>; dispose: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const { store, dispose } = await freshStore("sqlite");
    return { store, breakDatabase: () => store.close(), dispose };
  }
  const { schema, drop } = await freshPostgresSchema();
  const relay = await postgresRelay();
  const store = openStore({ databaseUrl: relay.url, sqliteFile: "/nonexistent", searchPath: schema });
  await store.migrate();
  return {
    store,
    breakDatabase: relay.cut,
    dispose: async () => {
      await relay.cut();
      await store.close();
      await drop();
    },
  };
}

async function call(app: App, path: string, headers: Record<string, string> = {}): Promise<ErrorAnswer> {
  const res = await app.request(path, { headers });
  return {
    status: res.status,
    header: res.headers.get("x-request-id"),
    body: (await res.json()) as ErrorAnswer["body"],
  };
}

for (const dialect of DIALECTS) {
  describe(`errors over HTTP on ${dialect}`, () => {
    let store: Store;
    let breakDatabase: () => Promise<void>;
    let dispose: () => Promise<void>;
    let app: App;
    let logged: string[];
    beforeEach(async () => {
      ({ store, breakDatabase, dispose } = await breakableStore(dialect));
      logged = [];
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline, logError: (l) => logged.push(l) });
    });
    afterEach(async () => {
      await dispose();
    });

    it("answers a database made unreachable with a generic 500 that carries the request id", async () => {
      const { headers } = await signedIn(store, "admin");
      expect((await call(app, "/api/v1/encounters", headers)).status).toBe(200);
      await breakDatabase();

      const r = await call(app, "/api/v1/encounters", headers);
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: { code: "internal", message: "internal error", requestId: r.header } });
      expect(r.header).toMatch(/^[0-9a-f-]{36}$/);
      // The server log has the cause under the same id; the client has none of it.
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`request ${r.header} GET /api/v1/encounters`);
      const driverMessage = logged[0]?.split(": ").slice(1).join(": ") ?? "";
      expect(driverMessage.length).toBeGreaterThan(10);
      expect(JSON.stringify(r.body)).not.toContain(driverMessage.slice(0, 20));
    });

    it("answers a write the database was too busy for with 503 and Retry-After, and takes it once the lock is gone", async () => {
      const { headers } = await signedIn(store, "admin");
      const write = () =>
        app.request("/api/v1/encounters", {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify([
            {
              id: "busy-1",
              channel: "chat",
              started_at: "2.3.2026 10:00",
              team: "Laskutus",
              turns: [{ speaker: "asiakas", text: "Lasku on väärin." }],
            },
          ]),
        });
      // Another process holds the write lock longer than this server waits for it: on SQLite a
      // second connection's open write transaction (the server's wait cut from 10 s to 0.2 s for
      // the test), on PostgreSQL a lock on the table (a server whose sessions wait 0.2 s for locks).
      let release: () => Promise<void>;
      if (dialect === "sqlite") {
        const [main] = (await sql<{ file: string }>`pragma database_list`.execute(store.db)).rows;
        await sql`pragma busy_timeout = 200`.execute(store.db);
        const other = new SQLite(main?.file as string);
        other.exec("begin immediate");
        release = async () => {
          other.exec("rollback");
          other.close();
        };
      } else {
        const { schema } = (
          await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)
        ).rows[0] as { schema: string };
        const url = new URL(postgresUrl());
        url.searchParams.set("options", `-c search_path=${schema} -c lock_timeout=200ms`);
        const waitsBriefly = openStore({ databaseUrl: url.toString(), sqliteFile: "/nonexistent" });
        app = createApp({
          store: waitsBriefly,
          timeZone: "Europe/Helsinki",
          pipeline,
          logError: (l) => logged.push(l),
        });
        const other = new pg.Client({ connectionString: postgresUrl() });
        await other.connect();
        await other.query("begin");
        await other.query(`lock table ${schema}.encounters in access exclusive mode`);
        release = async () => {
          await other.query("rollback");
          await other.end();
          // The test's app keeps this store for the checks below; closed with the test's schema.
          const close = dispose;
          dispose = async () => {
            await waitsBriefly.close();
            await close();
          };
        };
      }
      try {
        const busy = await write();
        const body = (await busy.json()) as ErrorAnswer["body"];
        expect(busy.status).toBe(503);
        expect(busy.headers.get("retry-after")).toBe("2");
        expect(body).toEqual({
          error: { code: "unavailable", message: BUSY_MESSAGE, requestId: busy.headers.get("x-request-id") },
        });
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatch(
          /^\[busy\] request \S+ POST \/api\/v1\/encounters: database busy \((SQLITE_BUSY|55P03)\)/,
        );
      } finally {
        await release();
      }
      // Nothing of the refused request was stored; the same request succeeds once the lock is gone.
      expect((await call(app, "/api/v1/encounters/busy-1", headers)).status).toBe(404);
      const again = await write();
      expect(again.status).toBe(200);
      expect((await call(app, "/api/v1/encounters/busy-1", headers)).status).toBe(200);
    });

    it("answers malformed URLs with 400, for the web app and the API alike", async () => {
      const { headers } = await signedIn(store, "admin");
      for (const path of [
        "/%A4",
        "/assets/%E0%A4%A",
        "/api/v1/encounters/%A4",
        "/api/v1/encounters?team=%FF",
      ]) {
        const r = await call(app, path, headers);
        expect(r.status, path).toBe(400);
        expect(r.body.error.code, path).toBe("bad_request");
        expect(r.body.error.message, path).toMatch(/malformed URL/);
        expect(r.body.error.requestId, path).toBe(r.header);
      }
      expect(logged).toEqual([]);
      // A well-formed escape still reaches the record (404: no such encounter, named as such).
      const missing = await call(app, "/api/v1/encounters/%C3%A4-1", headers);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain("ä-1");
    });

    it("keeps user mistakes as 400 naming the field, each error with its request id", async () => {
      const { headers } = await signedIn(store, "admin");
      const bad = await call(app, "/api/v1/encounters?limit=many", headers);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual({ problems: [expect.objectContaining({ field: "limit" })] });
      expect(bad.body.error.requestId).toBe(bad.header);

      const broken = await app.request("/api/v1/encounters", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: '[{"id": "e-1",',
      });
      const brokenBody = (await broken.json()) as ErrorAnswer["body"];
      expect(broken.status).toBe(400);
      expect(brokenBody.error).toMatchObject({
        code: "bad_request",
        requestId: broken.headers.get("x-request-id"),
      });
      expect(brokenBody.error.message).toMatch(/JSON/);

      const anonymous = await call(app, "/api/v1/encounters");
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.requestId).toBe(anonymous.header);
      expect(anonymous.header).not.toBe(bad.header);

      const noRoute = await call(app, "/api/v1/nothing-here", headers);
      expect(noRoute.status).toBe(404);
      expect(noRoute.body.error.requestId).toBe(noRoute.header);
      expect(logged).toEqual([]);
    });
  });
}
