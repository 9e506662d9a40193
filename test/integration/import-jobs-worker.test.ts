import type { ChildProcess } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { liveJobRunners } from "../../src/jobs/analysis-job.ts";
import type { GraphileQueue } from "../../src/jobs/graphile-queue.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { ABANDONED_AFTER_MS } from "../../src/server/abandoned-import-runs.ts";
import { createApp } from "../../src/server/app.ts";
import { ImportJobs } from "../../src/server/import-jobs.ts";
import { RUN_ERRORS } from "../../src/server/import-run-errors.ts";
import type { ImportPreviewBody, ImportRunBody } from "../../src/server/import-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { lastJsonLine, runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { exited, until } from "../support/waiting.ts";

/**
 * Web imports as jobs (issue 14 item 1): the uploaded file and the run live in the database, so an
 * import uploaded to one web process can be previewed and started on another, shown by either, and
 * run by a real `kohtaamo worker` process. A worker SIGKILLed mid-import leaves the job to the next
 * worker, which imports the file again: every answer stored once, the run done, no job failed.
 * With no runner alive the web process imports the file itself. Killed on the job's last attempt,
 * the run is failed by the sweep once silent (its job is the dead worker's), not while a live worker
 * holds or a job waits for it; `kohtaamo jobs retry` then resumes it.
 */
type App = ReturnType<typeof createApp>;

/** NPS answers of last year (no follow-up cases), with comments; row `bad` has a score of 11. */
function answersCsv(n: number, prefix: string, bad: number | null): string {
  const lines = ["id;answered_at;kind;score;comment;team"];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const score = i === bad ? 11 : i % 11;
    lines.push(
      `${prefix}-${i};2025-03-${day}T10:00:00Z;nps;${score};Jonotin puhelimessa ${i % 40} minuuttia.;Tiimi ${i % 3}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

for (const dialect of DIALECTS) {
  describe(`web imports run by kohtaamo worker on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    let first: App;
    let second: App;
    let auth: Record<string, string>;
    /** A web process's sweep of uploads and abandoned runs, called with its clock moved on. */
    let sweeper: ImportJobs;
    const workers: ChildProcess[] = [];
    const worker = () => {
      const child = startCli(["worker", "--concurrency", "2"], cli.env);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      workers.push(child);
      return { child, stderr: () => stderr };
    };
    const run = async (app: App, id: string) =>
      (await (await app.request(`/api/v1/imports/runs/${id}`, { headers: auth })).json()) as ImportRunBody;
    const post = (app: App, path: string, body: unknown, type = "application/json") =>
      app.request(path, {
        method: "POST",
        headers: { "content-type": type, ...auth },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    /** Uploads to the first web process and starts the import on the second; the run's id. */
    const startImport = async (name: string, csv: string) => {
      const up = await post(first, `/api/v1/imports/uploads?name=${name}`, csv, "application/octet-stream");
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      const preview = (await (
        await post(second, `/api/v1/imports/uploads/${id}/preview`, { kind: "responses" })
      ).json()) as ImportPreviewBody;
      expect(preview).toMatchObject({ format: "csv", delimiter: ";", problem: null });
      const started = await post(second, `/api/v1/imports/uploads/${id}/runs`, { kind: "responses" });
      expect(started.status).toBe(202);
      return ((await started.json()) as ImportRunBody).id;
    };

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      expect((await runCli(["migrate"], cli.env)).code).toBe(0);
      store = storeFor(cli.env);
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
      // Two web processes' apps on the same database and queue: they share nothing else.
      const context = {
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        jobs: queue,
      };
      first = createApp(context);
      second = createApp(context);
      sweeper = new ImportJobs(context);
      auth = (await signedIn(store, "analyst")).headers;
    });
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
      await Promise.all(workers.map(exited));
      await sweeper?.dispose();
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("imports in the web process while no worker runs, as before imports were jobs", async () => {
      const id = await startImport("ilman-tyoprosessia.csv", answersCsv(50, "z", null));
      const done = await until(async () => {
        const r = await run(first, id);
        return r.status !== "running" && r;
      }, "the import in place");
      expect(done).toMatchObject({ status: "done", counts: { inserted: 50, rejected: 0 } });
      expect((await queue.list({ limit: 50 })).map((j) => j.kind)).not.toContain("imports.run");
    }, 60_000);

    it("stores the upload and the run in the database; a worker imports it and either process shows it", async () => {
      const w = worker();
      await until(async () => (await liveJobRunners(store)) > 0, "the worker to register");
      // The worker is busy (frozen here, its heartbeat still fresh): the import waits in the queue.
      w.child.kill("SIGSTOP");
      const id = await startImport("vastaukset.csv", answersCsv(500, "a", 7));
      await new Promise((r) => setTimeout(r, 1000));
      expect(await run(first, id)).toMatchObject({ status: "running", progress: { processed: 0 } });
      expect((await run(second, id)).status).toBe("running");
      w.child.kill("SIGCONT");

      const done = await until(async () => {
        const r = await run(first, id);
        return r.status !== "running" && r;
      }, "the import job");
      expect(done, w.stderr()).toMatchObject({
        status: "done",
        error: null,
        counts: { inserted: 499, updated: 0, unchanged: 0, rejected: 1 },
        progress: { processed: 500 },
      });
      expect(done.rejected[0]).toMatchObject({ line: 9, cells: { id: "a-7", score: "11" } });
      const csv = await second.request(`/api/v1/imports/runs/${id}/rejects`, { headers: auth });
      expect(csv.status).toBe(200);
      expect((await csv.text()).trim().split(/\r?\n/)[1]).toMatch(/^9;;score: .*;a-7;/);
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from survey_responses where id like 'a-%'`.execute(store.db);
      expect(Number(rows[0]?.n)).toBe(499);
      // The uploaded files are deleted once imported; the rejects file stays for the download.
      const files = await store.db.selectFrom("import_files").select("purpose").execute();
      expect(files.map((f) => f.purpose)).toEqual(["rejects"]);
      w.child.kill("SIGTERM");
      expect(await exited(w.child), w.stderr()).toBe(0);
      const job = (await queue.list({ status: "done", limit: 50 })).find((j) => j.kind === "imports.run");
      expect(job).toMatchObject({ attempts: 1 });
    }, 120_000);

    it("finishes the import of a worker SIGKILLed mid-way on the next worker, every answer stored once", async () => {
      const total = 30_000;
      const firstWorker = worker();
      await until(async () => (await liveJobRunners(store)) > 0, "the worker to register");
      const id = await startImport("iso.csv", answersCsv(total, "b", null));
      // Killed once some batches are committed and the run shows progress, before the end.
      const stored = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from survey_responses where id like 'b-%'`.execute(
              store.db,
            )
          ).rows[0]?.n,
        );
      await until(async () => {
        const n = await stored();
        return n > 0 && n < total && (await run(first, id)).progress.processed > 0;
      }, "the import to be under way");
      firstWorker.child.kill("SIGKILL");
      await exited(firstWorker.child);
      expect((await run(first, id)).status).toBe("running");

      const next = worker();
      const done = await until(
        async () => {
          const r = await run(second, id);
          return r.status !== "running" && r;
        },
        "the import job's retry",
        110_000,
      );
      expect(done, next.stderr()).toMatchObject({ status: "done", error: null });
      // The second attempt imported the file again: what the first had stored counts as unchanged.
      const c = done.counts;
      expect(c.inserted + c.updated + c.unchanged).toBe(total);
      expect(c.unchanged).toBeGreaterThan(0);
      expect(await stored()).toBe(total);
      const { rows } = await sql<{ n: number; ids: number }>`
        select count(*) as n, count(distinct id) as ids from survey_responses where id like 'b-%'`.execute(
        store.db,
      );
      expect(Number(rows[0]?.n)).toBe(total);
      expect(Number(rows[0]?.ids)).toBe(total);
      next.child.kill("SIGTERM");
      expect(await exited(next.child), next.stderr()).toBe(0);
      const job = (await queue.list({ status: "done", limit: 50 })).find(
        (j) => j.kind === "imports.run" && j.attempts === 2,
      );
      expect(job).toBeTruthy();
      const counts = lastJsonLine<Record<string, number>>((await runCli(["jobs", "--json"], cli.env)).stdout);
      expect(counts).toMatchObject({ running: 0, failed: 0 });
    }, 180_000);

    it("fails the run of a worker SIGKILLed on the job's last attempt once it is silent, and `kohtaamo jobs retry` resumes it", async () => {
      const total = 30_000;
      const later = () => Date.now() + ABANDONED_AFTER_MS + 60_000;
      const stored = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from survey_responses where id like 'c-%'`.execute(
              store.db,
            )
          ).rows[0]?.n,
        );
      const w1 = worker();
      await until(async () => (await liveJobRunners(store)) > 0, "the worker to register");
      w1.child.kill("SIGSTOP");
      const id = await startImport("viimeinen.csv", answersCsv(total, "c", null));
      // One attempt allowed: the worker's first is its last.
      if (queue.engine === "embedded")
        await sql`update jobs set max_attempts = 1 where kind = 'imports.run' and status = 'queued'`.execute(
          store.db,
        );
      else {
        const schema = (queue as GraphileQueue).schema;
        await sql`update ${sql.id(schema, "_private_jobs")} j set max_attempts = 1
          from ${sql.id(schema, "_private_tasks")} t where t.id = j.task_id and t.identifier = 'imports.run'`.execute(
          store.db,
        );
      }
      // Silent by the sweep's clock, but its job waits for the (frozen, live) worker: left alone.
      await sweeper.sweep(later());
      expect(await run(first, id)).toMatchObject({ status: "running", error: null });
      w1.child.kill("SIGCONT");
      await until(async () => {
        const n = await stored();
        return n > 0 && n < total && (await run(first, id)).progress.processed > 0;
      }, "the import to be under way");
      // Held by a live worker: left alone however silent it looks.
      await sweeper.sweep(later());
      expect(await run(first, id)).toMatchObject({ status: "running", error: null });

      w1.child.kill("SIGKILL");
      await exited(w1.child);
      await sweeper.sweep(later());
      const failed = await run(second, id);
      expect(failed).toMatchObject({ status: "failed", error: RUN_ERRORS.interrupted });
      const kept = await stored();
      expect(kept).toBeGreaterThan(0);
      // The upload stays for the user to import it again (or for the job's retry below).
      expect(await store.db.selectFrom("import_files").select("purpose").execute()).toContainEqual({
        purpose: "upload",
      });

      // The next worker finds the dead one's job on its last attempt: failed for good.
      const w2 = worker();
      await until(async () => (await queue.counts()).failed === 1, "the job to be kept as failed");
      expect(await stored()).toBe(kept);
      // `kohtaamo jobs retry`: the job runs again and resumes the run, which ends with every answer once.
      expect((await runCli(["jobs", "retry", "--all-failed"], cli.env)).code).toBe(0);
      const done = await until(
        async () => {
          const r = await run(first, id);
          return r.status === "done" && r;
        },
        "the retried job",
        110_000,
      );
      expect(done, w2.stderr()).toMatchObject({ status: "done", error: null });
      expect(done.counts.inserted + done.counts.updated + done.counts.unchanged).toBe(total);
      expect(done.counts.unchanged).toBeGreaterThanOrEqual(kept);
      const { rows } = await sql<{ n: number; ids: number }>`
        select count(*) as n, count(distinct id) as ids from survey_responses where id like 'c-%'`.execute(
        store.db,
      );
      expect([Number(rows[0]?.n), Number(rows[0]?.ids)]).toEqual([total, total]);
      w2.child.kill("SIGTERM");
      expect(await exited(w2.child), w2.stderr()).toBe(0);
      const counts = lastJsonLine<Record<string, number>>((await runCli(["jobs", "--json"], cli.env)).stdout);
      expect(counts).toMatchObject({ running: 0, failed: 0 });
    }, 240_000);
  });
}
