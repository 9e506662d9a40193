import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { IngestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { serveHttp } from "../../src/server/http-server.ts";
import type { Store } from "../../src/store/index.ts";

/**
 * The whole app served over real HTTP on loopback (port 0) by the server `kohtaamo start` runs
 * (serveHttp), for tests that call it the way an outside system does: with fetch, real headers and
 * raw bodies. A fresh sealing key per server
 * unless one is given.
 */
export async function serveApp(
  store: Store,
  pipeline: IngestPipeline,
  /** The sealing key of integration secrets, when the test shares it with a CLI run. */
  secretKey: Uint8Array = new Uint8Array(randomBytes(32)),
): Promise<{ base: string; close: () => Promise<void> }> {
  const app = createApp({
    store,
    timeZone: "Europe/Helsinki",
    pipeline,
    secretKey,
    notifications: {
      publicUrl: "https://kohtaamo.example.fi",
      smtpUrl: undefined,
      mailFrom: undefined,
      mailLanguage: "fi",
      timeZone: "Europe/Helsinki",
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serveHttp(app.fetch, 0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
