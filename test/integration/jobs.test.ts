import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJobKind, type JobContext, type JobKind } from "../../src/jobs/job-kind.ts";
import { type JobQueue, type JobRunner, openJobQueue } from "../../src/jobs/job-queue.ts";
import { jobDb } from "../../src/jobs/job-table.ts";
import type { Store } from "../../src/store/index.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { until } from "../support/waiting.ts";

/**
 * The job queue on both databases, through its real runner (the embedded one on SQLite,
 * graphile-worker on PostgreSQL) with test kinds, and `kohtaamo jobs` through the real CLI.
 * graphile-worker's own backoff (e^attempts s) applies on PostgreSQL, so its retries take ~10 s.
 */
for (const dialect of DIALECTS) {
  describe(`jobs on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    let runner: JobRunner | undefined;
    const context = () => ({ store }) as unknown as JobContext;
    const start = async (kinds: JobKind[]) => {
      await runner?.stop();
      runner = await queue.startRunner({ kinds, context: context(), concurrency: 2, pollMs: 100 });
    };

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      expect((await runCli(["migrate"], cli.env)).code).toBe(0);
      store = storeFor(cli.env);
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
    });
    afterAll(async () => {
      await runner?.stop();
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("retries a job that fails twice with backoff, and it ends done with its 3 attempts recorded", async () => {
      const attempts: { attempt: number; at: number }[] = [];
      const effects = new Set<string>();
      const flaky = defineJobKind({
        name: "test.flaky",
        description: "fails twice, then writes once",
        schema: z.object({ key: z.string() }),
        handle: async (_ctx, payload, run) => {
          attempts.push({ attempt: run.attempt, at: Date.now() });
          if (run.attempt < 3) throw new Error(`flaky failure ${run.attempt}`);
          effects.add(payload.key);
        },
        maxAttempts: 5,
        backoffMs: 200,
      });
      const id = await queue.add(flaky, { key: "k1" });
      expect(id).toBeTruthy();
      await start([flaky]);
      await until(async () => (await queue.counts()).done === 1 && true, "the flaky job to finish");
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Exponential: the wait after attempt 2 is at least the base and longer than after attempt 1's base.
      const [a1, a2, a3] = attempts.map((a) => a.at) as [number, number, number];
      const base = dialect === "sqlite" ? 200 : 2_000; // graphile-worker: e^1 s, then e^2 s
      expect(a2 - a1).toBeGreaterThanOrEqual(base);
      expect(a3 - a2).toBeGreaterThanOrEqual(2 * base);
      expect([...effects]).toEqual(["k1"]);
      const [done] = await queue.list({ status: "done", limit: 5 });
      expect(done).toMatchObject({ kind: "test.flaky", status: "done", attempts: 3 });
      const rows = await jobDb(store.db)
        .selectFrom("jobs")
        .selectAll()
        .where("kind", "=", "test.flaky")
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "done", attempts: 3 });
    });

    it("keeps a permanently failing job as failed with its error; kohtaamo jobs shows it and jobs retry re-queues it", async () => {
      let fixed = false;
      const broken = defineJobKind({
        name: "test.broken",
        description: "fails until fixed",
        schema: z.object({}),
        handle: async () => {
          if (!fixed) throw new Error("receiver exploded (test)");
        },
        maxAttempts: 2,
        backoffMs: 50,
      });
      const id = (await queue.add(broken, {})) as string;
      await start([broken]);
      await until(async () => (await queue.counts()).failed === 1 && true, "the broken job to fail");
      await runner?.stop();
      runner = undefined;
      const [failed] = await queue.list({ status: "failed", limit: 5 });
      expect(failed).toMatchObject({ id, kind: "test.broken", attempts: 2, maxAttempts: 2 });
      expect(failed?.lastError).toContain("receiver exploded (test)");

      const shown = await runCli(["jobs", "--json"], cli.env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(lastJsonLine(shown.stdout)).toEqual({ queued: 0, running: 0, failed: 1, done: 1 });
      expect(shown.stdout).toContain("receiver exploded (test)");

      const missing = await runCli(["jobs", "retry", "999999"], cli.env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("no failed job 999999");
      const retried = await runCli(["jobs", "retry", id], cli.env);
      expect(retried.code, retried.stderr).toBe(0);
      expect(lastJsonLine(retried.stdout)).toEqual({ retried: 1 });
      expect(lastJsonLine((await runCli(["jobs", "--json"], cli.env)).stdout)).toEqual({
        queued: 1,
        running: 0,
        failed: 0,
        done: 1,
      });

      fixed = true;
      await start([broken]);
      await until(async () => (await queue.counts()).done === 2 && true, "the retried job to finish");
      const all = await runCli(["jobs", "retry", "--all-failed"], cli.env);
      expect(lastJsonLine(all.stdout)).toEqual({ retried: 0 });
      expect(lastJsonLine((await runCli(["jobs", "--json"], cli.env)).stdout)).toEqual({
        queued: 0,
        running: 0,
        failed: 0,
        done: 2,
      });
    });

    it("does not queue a keyed job twice while one waits", async () => {
      await runner?.stop();
      runner = undefined;
      const keyed = defineJobKind({
        name: "test.keyed",
        description: "periodic-like",
        schema: z.object({}),
        handle: async () => undefined,
        maxAttempts: 1,
        backoffMs: 10,
      });
      await queue.add(keyed, {}, { jobKey: "test.keyed" });
      await queue.add(keyed, {}, { jobKey: "test.keyed" });
      expect((await queue.counts()).queued).toBe(1);
      await start([keyed]);
      await until(async () => (await queue.counts()).queued === 0 && true, "the keyed job to run");
    });

    it("kohtaamo jobs counts the records an older analyzer read, which a reanalysis ends", async () => {
      const file = path.join(cli.dataDir, "answers.csv");
      fs.writeFileSync(
        file,
        "id,answered_at,kind,score,comment\nold-1,2026-01-05T10:00:00Z,nps,3,Lasku oli taas väärin.\n",
      );
      const env = { ...cli.env, KOHTAAMO_ANALYSIS: "inline" };
      expect((await runCli(["import", file, "--kind", "responses"], env)).code).toBe(0);
      const current = await runCli(["jobs", "--json"], env);
      expect(current.code, current.stderr).toBe(0);
      expect(current.stdout).not.toContain("older analyzer");
      // As an upgrade leaves it: the stored analysis is the previous version's.
      await sql`update survey_responses set analyzer_version = 'kohtaamo-previous' where id = 'old-1'`.execute(
        store.db,
      );
      const shown = await runCli(["jobs", "--json"], env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain("records read by an older analyzer 1 (kohtaamo reanalyze)");
      expect(Object.keys(lastJsonLine(shown.stdout))).toEqual(["queued", "running", "failed", "done"]);
      expect((await runCli(["reanalyze"], env)).code).toBe(0);
      expect((await runCli(["jobs"], env)).stdout).not.toContain("older analyzer");
    });
  });
}
