import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { MAX_LOGIN_FAILURES } from "../../src/server/auth-routes.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });

/**
 * The app served over real HTTP on loopback, so the socket's peer address is real (127.0.0.1):
 * the test plays both the proxy (the socket) and the clients behind it (X-Forwarded-For).
 */
async function served(store: Store, trustedProxies: string[]) {
  const app = createApp({ store, timeZone: "Europe/Helsinki", pipeline, trustedProxies });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let attempt = 0;
  /** A failed sign-in under a new e-mail each time, so only the address can be throttled. */
  const badLogin = async (forwardedFor?: string) => {
    attempt++;
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: JSON.stringify({ email: `nobody-${attempt}@example.org`, password: "not the password" }),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { badLogin, close };
}

for (const dialect of DIALECTS) {
  describe(`login throttling behind a proxy on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let close: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterEach(async () => {
      await close?.();
      close = undefined;
      await dispose();
    });

    it("throttles the client named by a trusted proxy, not the proxy, and ignores what the client wrote", async () => {
      const s = await served(store, ["127.0.0.0/8"]);
      close = s.close;
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
        // The left entry is the client's own (forged) claim; the proxy appended the real address.
        expect(await s.badLogin(`198.51.100.${i}, 203.0.113.5`)).toBe(401);
      }
      expect(await s.badLogin("203.0.113.5")).toBe(429);
      expect(await s.badLogin("198.51.100.0, 203.0.113.5")).toBe(429);
      // Another client behind the same proxy is not punished for the first one.
      expect(await s.badLogin("203.0.113.6")).toBe(401);
      // Nor is the client whose address was forged in the left entry.
      expect(await s.badLogin("198.51.100.0")).toBe(401);
    });

    it("uses the socket's address when the peer is not a trusted proxy", async () => {
      const s = await served(store, ["192.0.2.1"]);
      close = s.close;
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
        expect(await s.badLogin(`203.0.113.${i}`)).toBe(401);
      }
      // Every attempt came from 127.0.0.1, whatever the header claimed: a new claim does not help.
      expect(await s.badLogin("203.0.113.200")).toBe(429);
      expect(await s.badLogin()).toBe(429);
    });
  });
}
