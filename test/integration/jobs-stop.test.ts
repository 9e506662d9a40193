import { spawnSync } from "node:child_process";
import os from "node:os";
import { type KyselyPlugin, type RootOperationNode, sql, type UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { EmbeddedQueue } from "../../src/jobs/embedded-queue.ts";
import { graphileSchemaFor } from "../../src/jobs/graphile-queue.ts";
import { defineJobKind, type JobContext, type JobKind, type JobRun } from "../../src/jobs/job-kind.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { jobDb } from "../../src/jobs/job-table.ts";
import { DIED_MID_ATTEMPT } from "../../src/jobs/worker-registry.ts";
import type { Store } from "../../src/store/index.ts";
import { runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { until } from "../support/waiting.ts";

/**
 * A runner stopped gracefully (SIGTERM, stop()) on both queues, with the real runner: a job that
 * finishes while the runner stops ends done (not failed, not queued again), also when a periodic
 * enqueue of its key came while it ran (on graphile-worker that marks the running job's attempts
 * used up); and a job cut off by the stop's wait goes back to the queue with its attempt given back,
 * however often that happens, so it ends done rather than failed. Beside them, on PostgreSQL, what the
 * reaper does with the jobs of a runner that was killed (SIGKILL) rather than stopped.
 */
for (const dialect of DIALECTS) {
  describe(`a runner stopped gracefully on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    const context = () => ({ store }) as unknown as JobContext;
    const start = (kinds: JobKind[], stopWaitMs?: number) =>
      queue.startRunner({ kinds, context: context(), concurrency: 2, pollMs: 100, stopWaitMs });
    /** The job's row in the queue while it waits or runs (graphile deletes a finished one). */
    const live = async (id: string) =>
      (await queue.list({ limit: 100 })).find((j) => j.id === id && j.status !== "done");
    const doneRecords = async (kind: string) =>
      jobDb(store.db)
        .selectFrom("jobs")
        .selectAll()
        .where("kind", "=", kind)
        .where("status", "=", "done")
        .execute();

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      expect((await runCli(["migrate"], cli.env)).code).toBe(0);
      store = storeFor(cli.env);
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
    });
    afterAll(async () => {
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("a keyed job that finishes during the stop, re-enqueued while it ran, ends done and is not failed or run again", async () => {
      const runs: JobRun[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const periodic = defineJobKind({
        name: "test.periodic",
        description: "like notifications.deliver: keyed, re-enqueued every few seconds",
        schema: z.object({}),
        handle: async (_ctx, _payload, run) => {
          runs.push(run);
          if (runs.length === 1) await gate;
        },
        maxAttempts: 3,
        backoffMs: 50,
      });
      const first = (await queue.add(periodic, {}, { jobKey: "test.periodic" })) as string;
      const runner = await start([periodic]);
      await until(async () => runs.length === 1, "the job to start");
      // What every runner's periodic enqueue does meanwhile.
      await queue.add(periodic, {}, { jobKey: "test.periodic" });
      const stopped = runner.stop();
      setTimeout(release, 200);
      await stopped;

      // (The second enqueue may have run too, beside it: concurrency 2.)
      expect(runs.filter((r) => r.id === first).map((r) => r.attempt)).toEqual([1]);
      expect(await live(first)).toBeUndefined();
      expect((await queue.counts()).failed).toBe(0);
      const done = await doneRecords("test.periodic");
      const ofFirst = (r: (typeof done)[number]) =>
        dialect === "sqlite" ? String(r.id) === first : r.job_key === `gw:${first}`;
      expect(done.filter(ofFirst)).toHaveLength(1);

      // A new runner runs what waits (the second enqueue on PostgreSQL), never the finished job again.
      const again = await start([periodic]);
      await until(async () => (await queue.counts()).queued === 0, "the queue to drain");
      await again.stop();
      expect(runs.filter((r) => r.id === first)).toHaveLength(1);
      expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, failed: 0 });
    });

    it("a job cut off by three graceful stops in a row keeps its attempts and ends done", async () => {
      const runs: JobRun[] = [];
      const hung: (() => void)[] = [];
      const slow = defineJobKind({
        name: "test.slow",
        description: "outlasts the stop's wait three times, then finishes",
        schema: z.object({}),
        handle: async (_ctx, _payload, run) => {
          runs.push(run);
          if (runs.length <= 3) await new Promise<void>((resolve) => hung.push(resolve));
        },
        maxAttempts: 2,
        backoffMs: 50,
      });
      const id = (await queue.add(slow, {})) as string;
      try {
        for (let stop = 1; stop <= 3; stop++) {
          const runner = await start([slow], 300);
          await until(async () => runs.length === stop, `run ${stop} to start`);
          await runner.stop();
          const back = await live(id);
          expect(back, `after stop ${stop}`).toMatchObject({ status: "queued", attempts: 0 });
        }
        const last = await start([slow], 300);
        await until(async () => (await doneRecords("test.slow")).length === 1, "the job to finish");
        await last.stop();
      } finally {
        for (const resolve of hung) resolve();
      }
      expect(runs.map((r) => r.attempt)).toEqual([1, 1, 1, 1]);
      expect(await live(id)).toBeUndefined();
      expect((await queue.counts()).failed).toBe(0);
    });

    it.runIf(dialect === "postgres")(
      "the jobs of a killed runner: retried with the attempt counted, failed with the reason on the last one, a superseded periodic one dropped",
      async () => {
        const runs: JobRun[] = [];
        const plain = defineJobKind({
          name: "test.plain",
          description: "any job",
          schema: z.object({ n: z.number() }),
          handle: async (_ctx, _payload, run) => void runs.push(run),
          maxAttempts: 2,
          backoffMs: 50,
        });
        const tick = defineJobKind({
          name: "test.tick",
          description: "a periodic kind",
          schema: z.object({}),
          handle: async (_ctx, _payload, run) => void runs.push(run),
          maxAttempts: 3,
          backoffMs: 50,
          every: 3_600_000,
        });
        const retried = (await queue.add(plain, { n: 1 })) as string;
        const lastAttempt = (await queue.add(plain, { n: 2 })) as string;
        const superseded = (await queue.add(tick, {}, { jobKey: "test.tick" })) as string;
        // As a killed runner leaves them: locked by its pool, the attempt begun; the periodic one had
        // its key taken by a newer enqueue while it ran (add_job then sets attempts to max_attempts).
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
        const jobs = sql.id(graphileSchemaFor(rows[0]?.s ?? "public"), "_private_jobs");
        const hold = (id: string, attempts: number, dropKey = false) =>
          sql`update ${jobs} set locked_by = 'pool-dead', locked_at = now(), attempts = ${attempts}
              ${dropKey ? sql`, key = null` : sql``} where id = ${id}::bigint`.execute(store.db);
        await hold(retried, 1);
        await hold(lastAttempt, 2);
        await hold(superseded, 3, true);
        const gone = spawnSync(process.execPath, ["-e", ""]).pid;
        const now = new Date().toISOString();
        await jobDb(store.db)
          .insertInto("job_workers")
          .values({
            id: "w-dead",
            token: "dead",
            pid: gone,
            host: os.hostname(),
            concurrency: 2,
            queue_worker_ids: JSON.stringify(["pool-dead"]),
            started_at: now,
            heartbeat_at: now,
          })
          .execute();

        const runner = await start([plain, tick]);
        await until(async () => runs.some((r) => r.id === retried), "the unlocked job to run again");
        // The periodic kind's own enqueue at the start (the superseded job no longer has the key).
        await until(async () => runs.length >= 2, "the new periodic job to run");
        await runner.stop();

        expect(runs.find((r) => r.id === retried)?.attempt).toBe(2);
        expect(runs.filter((r) => r.id === lastAttempt || r.id === superseded)).toEqual([]);
        expect(await live(superseded)).toBeUndefined();
        const failed = await queue.list({ status: "failed", limit: 10 });
        expect(failed.map((j) => [j.id, j.attempts, j.lastError])).toEqual([
          [lastAttempt, 2, DIED_MID_ATTEMPT],
        ]);
      },
    );

    it.runIf(dialect === "sqlite")(
      "a job the embedded runner claims while it is being stopped is waited for and given back, not left running",
      async () => {
        const runs: JobRun[] = [];
        const hung: (() => void)[] = [];
        const late = defineJobKind({
          name: "test.late",
          description: "claimed as the stop begins; outlasts the stop's wait",
          schema: z.object({}),
          handle: async (_ctx, _payload, run) => {
            runs.push(run);
            await new Promise<void>((resolve) => hung.push(resolve));
          },
          maxAttempts: 2,
          backoffMs: 50,
        });
        const claim = new HoldClaim();
        const held = new EmbeddedQueue({ db: store.db.withPlugin(claim) } as unknown as Store);
        const id = (await held.add(late, {})) as string;
        try {
          const runner = await held.startRunner({
            kinds: [late],
            context: context(),
            concurrency: 1,
            pollMs: 100,
            stopWaitMs: 300,
          });
          await claim.reached;
          const stopped = runner.stop();
          claim.release();
          await stopped;
          expect(runs.map((r) => r.id)).toEqual([id]);
          expect(await live(id)).toMatchObject({ status: "queued", attempts: 0 });
        } finally {
          for (const resolve of hung) resolve();
        }
      },
    );
  });
}

/** Holds the result of the embedded runner's first claim (an update of `jobs` that counts an attempt). */
class HoldClaim implements KyselyPlugin {
  private claim: unknown = null;
  private done = false;
  private go: () => void = () => {};
  private arrived: () => void = () => {};
  readonly reached = new Promise<void>((resolve) => (this.arrived = resolve));

  transformQuery(args: { node: RootOperationNode; queryId: unknown }): RootOperationNode {
    const node = args.node;
    if (
      !this.done &&
      node.kind === "UpdateQueryNode" &&
      JSON.stringify(node.table).includes('"jobs"') &&
      JSON.stringify(node.updates ?? []).includes('"attempts"')
    ) {
      this.claim = args.queryId;
    }
    return node;
  }

  async transformResult<R extends { rows: UnknownRow[] }>(args: { result: R; queryId: unknown }): Promise<R> {
    if (this.done || args.queryId !== this.claim) return args.result;
    this.done = true;
    const go = new Promise<void>((resolve) => (this.go = resolve));
    this.arrived();
    await go;
    return args.result;
  }

  release(): void {
    this.go();
  }
}
