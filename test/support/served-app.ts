import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { IngestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";

/**
 * The whole app served over real HTTP on loopback (port 0), for tests that call it the way an
 * outside system does: with fetch, real headers and raw bodies. A fresh sealing key per server
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
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
