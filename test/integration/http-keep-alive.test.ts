import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { freshStore } from "../support/databases.ts";
import { serveApp } from "../support/served-app.ts";

/**
 * `kohtaamo start`'s HTTP server (serveHttp, which serveApp serves with) keeps an idle keep-alive
 * connection open longer than Node's default 5 s, so a reverse proxy that reuses it after its own
 * idle pause (often up to 60 s) does not send a request into a connection the server has just closed
 * (the proxy would answer 502).
 */
describe("HTTP server keep-alive", { timeout: 30_000 }, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let served: Awaited<ReturnType<typeof serveApp>>;

  beforeAll(async () => {
    ({ store, dispose } = await freshStore("sqlite"));
    served = await serveApp(store, ingestPipeline({ analyzer: null }));
  });
  afterAll(async () => {
    await served.close();
    await dispose();
  });

  const get = (agent: http.Agent) =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = http.get(`${served.base}/health`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      });
      req.on("error", reject);
    });

  it("answers on the same connection after 6 s idle (Node's default would have closed it at 5 s)", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let closed = false;
    const first = await get(agent);
    expect(first).toEqual({ status: 200, reused: false });
    const socket = Object.values(agent.freeSockets)[0]?.[0];
    expect(socket).toBeDefined();
    socket?.on("close", () => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(closed).toBe(false);
    expect(await get(agent)).toEqual({ status: 200, reused: true });
    agent.destroy();
  });
});
