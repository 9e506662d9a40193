import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
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
