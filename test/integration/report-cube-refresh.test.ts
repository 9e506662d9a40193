import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { jobDb } from "../../src/jobs/job-table.ts";
import { computeStaleIntervals } from "../../src/jobs/report-intervals-job.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * Who refreshes the report cube (issue 14 item 6, bench:load): while a `kohtaamo worker` process runs
 * the database's jobs, the report routes read the cube as last committed and leave its refresh to
 * the reports.intervals job, so the web process never rebuilds months during a large import; a
 * theme or driver report then shows new answers once the job ran (a score report at once: its cells
 * are kept by the writer's triggers). With no worker alive, the reader refreshes the cube first, as
 * before, and sees a write at once.
 */
const ZONE = "Europe/Helsinki";
const pipeline = ingestPipeline({ analyzer: null });
const answers = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `refresh-test-${from + i}`,
    kind: "nps",
    score: (from + i) % 11,
    answered_at: `2026-02-${String(1 + ((from + i) % 27)).padStart(2, "0")}T10:00:00Z`,
    team: `team-${(from + i) % 3}`,
  }));

for (const dialect of DIALECTS) {
  describe(`report cube refresh by the reader or the job (${dialect})`, { timeout: 120_000 }, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      store = storeFor(cli.env);
      await store.migrate();
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
      const written = await acceptBatch(store, "responses", answers(0, 30), { timeZone: ZONE, pipeline });
      expect(written.errors).toEqual([]);
    }, 120_000);

    afterAll(async () => {
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    /** An app of its own store (the worker check is cached per store), signed in as an analyst. */
    const appOn = async (s: Store) => {
      const app = createApp({ store: s, timeZone: ZONE, pipeline, jobs: queue });
      const { headers } = await signedIn(s, "analyst");
      return async (url: string) => {
        const res = await app.request(`/api/v1${url}`, { headers });
        expect(res.status, url).toBe(200);
        return (await res.json()) as { n: number; groups: { group: string; n: number }[] };
      };
    };

    it("with no worker alive, a report refreshes the cube first and shows a write at once", async () => {
      const get = await appOn(store);
      expect((await get("/reports/nps")).n).toBe(30);
      expect((await get("/reports/themes")).n).toBe(30);
      await acceptBatch(store, "responses", answers(30, 5), { timeZone: ZONE, pipeline });
      expect((await get("/reports/nps")).n).toBe(35);
      expect((await get("/reports/themes")).n).toBe(35);
    });

    it("while a worker runs the jobs, theme reports read the cube as last committed until the job refreshed it, score reports count a write at once", async () => {
      // Another live process registered as a runner: the test's parent process stands in for it.
      await jobDb(store.db)
        .insertInto("job_workers")
        .values({
          id: "w-refresh-test",
          token: "t",
          pid: process.ppid,
          host: os.hostname(),
          concurrency: 1,
          queue_worker_ids: "[]",
          started_at: new Date().toISOString(),
          heartbeat_at: new Date().toISOString(),
        })
        .execute();
      const other = storeFor(cli.env);
      try {
        const get = await appOn(other);
        expect((await get("/reports/nps")).n).toBe(35);
        await acceptBatch(store, "responses", answers(35, 10), { timeZone: ZONE, pipeline });
        // The score cells are kept by the writer's triggers (migration 0024): counted at once.
        const scores = await get("/reports/nps?by=team");
        expect(scores.n).toBe(45);
        expect(scores.groups.reduce((s, g) => s + g.n, 0)).toBe(45);
        // The web process left the dirty months of the answers' vectors to the job: the theme
        // figures are those last committed.
        expect((await get("/reports/themes")).n).toBe(35);
        await computeStaleIntervals(store, ZONE);
        const fresh = await get("/reports/nps?by=team");
        expect(fresh.n).toBe(45);
        expect(fresh.groups.reduce((s, g) => s + g.n, 0)).toBe(45);
        expect((await get("/reports/themes")).n).toBe(45);
      } finally {
        await other.close();
        await jobDb(store.db).deleteFrom("job_workers").where("id", "=", "w-refresh-test").execute();
      }
    });
  });
}
