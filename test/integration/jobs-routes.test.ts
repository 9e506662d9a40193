import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { parseConfig } from "../../src/config.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { jobContext } from "../../src/jobs/job-context.ts";
import { type JobQueue, type JobRunner, openJobQueue } from "../../src/jobs/job-queue.ts";
import { JOB_KINDS } from "../../src/jobs/job-registry.ts";
import { createApp } from "../../src/server/app.ts";
import type { ReanalysisBody } from "../../src/server/taxonomy-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * The server as `kohtaamo start` wires it: with a job queue, POST /api/v1/reanalysis claims the run
 * and enqueues it, and the runner (in-process here, as KOHTAAMO_WORKER=inline) finishes it.
 */
for (const dialect of DIALECTS) {
  describe(`reanalysis as a job on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    let runner: JobRunner;
    let close: () => void;

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      store = storeFor(cli.env);
      await store.migrate();
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
      const analyzer = loadDefaultAnalyzer();
      const context = await jobContext(store, parseConfig({}), analyzer);
      close = context.close;
      runner = await queue.startRunner({ kinds: JOB_KINDS, context, concurrency: 2, pollMs: 100 });
      await writeThroughPipeline(store, ingestPipeline({ analyzer }), "responses", [
        {
          id: "r-1",
          kind: "nps",
          score: 2,
          comment: "Lasku oli väärin.",
          answeredAt: "2026-03-02T10:00:00.000Z",
        },
        {
          id: "r-2",
          kind: "nps",
          score: 9,
          comment: "Hyvää palvelua.",
          answeredAt: "2026-03-02T11:00:00.000Z",
        },
      ]);
    });
    afterAll(async () => {
      await runner?.stop();
      close?.();
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("enqueues the claimed run; the runner finishes it and the job is done", async () => {
      const app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        jobs: queue,
      });
      const { headers } = await signedIn(store, "analyst");
      const start = await app.request("/api/v1/reanalysis", { method: "POST", headers });
      expect(start.status).toBe(202);
      expect(await start.json()).toMatchObject({ state: "running", total: 2 });
      const busy = await app.request("/api/v1/reanalysis", { method: "POST", headers });
      expect(busy.status).toBe(409);
      let body: ReanalysisBody | undefined;
      for (let i = 0; i < 600 && body?.state !== "done"; i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = (await (await app.request("/api/v1/reanalysis", { headers })).json()) as ReanalysisBody;
      }
      expect(body).toMatchObject({ state: "done", done: 2, total: 2, error: null });
      let job: Awaited<ReturnType<JobQueue["list"]>>[number] | undefined;
      for (let i = 0; i < 600 && !job; i++) {
        job = (await queue.list({ status: "done", limit: 50 })).find((j) => j.kind === "reanalysis.run");
        if (!job) await new Promise((r) => setTimeout(r, 50));
      }
      expect(job).toMatchObject({ status: "done", attempts: 1 });
    });
  });
}
