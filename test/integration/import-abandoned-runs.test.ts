import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { importRunKind } from "../../src/jobs/import-job.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { jobDb } from "../../src/jobs/job-table.ts";
import { registerWorker, unregisterWorker, type WorkerLease } from "../../src/jobs/worker-registry.ts";
import { ABANDONED_AFTER_MS } from "../../src/server/abandoned-import-runs.ts";
import { createApp } from "../../src/server/app.ts";
import { ImportJobs } from "../../src/server/import-jobs.ts";
import { RUN_ERRORS } from "../../src/server/import-run-errors.ts";
import type { ImportRunBody } from "../../src/server/import-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore, postgresUrl } from "../support/databases.ts";
import { finishedRun } from "../support/import-runs.ts";

/**
 * Web imports that nothing will finish end as failed, honestly, instead of "running" for ever: a run
 * silent for ABANDONED_AFTER_MS whose job is failed for good or missing (a web process killed while
 * importing a file itself leaves exactly that: a running run, its upload, no job) is failed by the
 * sweep with an error that says what to do; one whose job still waits is left alone; a run whose job
 * could not be queued fails at once. The upload is kept, so the same upload can be started again.
 * Time is moved by the sweep's clock parameter, not by sleeping. The worker processes' side
 * (SIGKILL on the last attempt, `kohtaamo jobs retry`) is in import-jobs-worker.test.ts.
 */
type App = ReturnType<typeof createApp>;

const CSV = [
  "id;answered_at;kind;score;comment",
  "h-1;2025-03-01T10:00:00Z;nps;9;Nopeaa",
  "h-2;2025-03-02T10:00:00Z;nps;3;Hidasta",
].join("\n");
const SETTINGS = { kind: "responses" };
const MINUTE = 60 * 1000;

for (const dialect of DIALECTS) {
  describe(`abandoned web imports on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let auth: Record<string, string>;
    let queue: JobQueue;
    let sweeper: ImportJobs;
    const context = () => ({
      store,
      timeZone: "Europe/Helsinki",
      pipeline: ingestPipeline({ analyzer: null }),
      jobs: queue,
    });
    const post = (app: App, path: string, body: unknown, type = "application/json") =>
      app.request(path, {
        method: "POST",
        headers: { "content-type": type, ...auth },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const uploadId = async (app: App) => {
      const up = await post(app, "/api/v1/imports/uploads?name=hylatty.csv", CSV, "application/octet-stream");
      expect(up.status).toBe(201);
      return ((await up.json()) as { id: string }).id;
    };
    const show = async (app: App, id: string | number) =>
      (await (await app.request(`/api/v1/imports/runs/${id}`, { headers: auth })).json()) as ImportRunBody;
    const finished = (app: App, id: string) => finishedRun(app, auth, id);
    /** A run as a web process leaves it when killed while importing the file itself: running, with its upload, no job. */
    const orphanRun = async (app: App) => {
      const fileId = await uploadId(app);
      const owner = (await store.db.selectFrom("import_files").select("owner").executeTakeFirstOrThrow())
        .owner;
      const runId = await store.webImports.begin({
        kind: "responses",
        owner,
        actor: owner,
        fileId,
        fileName: "hylatty.csv",
        settings: SETTINGS,
        totalBytes: CSV.length,
      });
      expect(runId).not.toBeNull();
      return { fileId, runId: runId as number };
    };

    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      queue = await openJobQueue(store, dialect === "postgres" ? postgresUrl() : undefined);
      sweeper = new ImportJobs(context());
      auth = (await signedIn(store, "analyst")).headers;
    });
    afterEach(async () => {
      await sweeper.dispose();
      await queue.close();
      await dispose();
    });

    it("fails a silent run without a job after the bound, keeps its upload, and the upload can be started again", async () => {
      const app = createApp(context());
      const { fileId, runId } = await orphanRun(app);
      // The upload is old (the import ran long): failing the run renews it for another hour.
      await sql`update import_files set created_at = ${new Date(Date.now() - 2 * 60 * MINUTE).toISOString()}`.execute(
        store.db,
      );

      await sweeper.sweep(Date.now() + ABANDONED_AFTER_MS - MINUTE);
      expect(await show(app, runId)).toMatchObject({ status: "running", error: null });

      await sweeper.sweep(Date.now() + ABANDONED_AFTER_MS + MINUTE);
      expect(await show(app, runId)).toMatchObject({
        status: "failed",
        error: RUN_ERRORS.interrupted,
        errorCode: "interrupted",
      });
      expect(await store.db.selectFrom("import_files").select("id").execute()).toEqual([{ id: fileId }]);
      const audit = await store.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "records.import")
        .execute();
      expect(audit.map((a) => JSON.parse(String(a.details)))).toEqual([
        { run: runId, status: "failed", abandoned: true },
      ]);

      // Started again from the same upload (the API's flow; the web app uploads the file again): imported.
      const again = await post(app, `/api/v1/imports/uploads/${fileId}/runs`, SETTINGS);
      expect(again.status).toBe(202);
      const done = await finished(app, ((await again.json()) as ImportRunBody).id);
      expect(done).toMatchObject({ status: "done", counts: { inserted: 2, rejected: 0 } });
      // The abandoned run stays failed, and has let go of the upload (deleted once imported).
      expect(await show(app, runId)).toMatchObject({
        status: "failed",
        error: RUN_ERRORS.interrupted,
        errorCode: "interrupted",
      });
      expect(await store.db.selectFrom("import_files").select("id").execute()).toEqual([]);
    });

    it("shows a silent run failed when it is looked at, before the next sweep", async () => {
      const app = createApp(context());
      const { runId } = await orphanRun(app);
      const old = new Date(Date.now() - ABANDONED_AFTER_MS - MINUTE).toISOString();
      await sql`update import_runs set progress_at = ${old} where id = ${runId}`.execute(store.db);
      expect(await show(app, runId)).toMatchObject({
        status: "failed",
        error: RUN_ERRORS.interrupted,
        errorCode: "interrupted",
      });
    });

    it("leaves a silent run alone while its job waits, and fails it once the job has failed for good", async () => {
      const app = createApp(context());
      const { runId } = await orphanRun(app);
      await queue.add(importRunKind, { runId });
      // No runner takes it here: the job waits with its attempts left, as for a worker that comes later.
      await sweeper.sweep(Date.now() + 3 * ABANDONED_AFTER_MS);
      expect(await show(app, runId)).toMatchObject({ status: "running", error: null });

      // Its attempts used up (as when the worker was killed on the last one): nothing will run it.
      if (queue.engine === "embedded")
        await sql`update jobs set status = 'failed', attempts = max_attempts where kind = 'imports.run'`.execute(
          store.db,
        );
      else
        await sql`update ${sql.id((queue as unknown as { schema: string }).schema, "_private_jobs")} set attempts = max_attempts`.execute(
          store.db,
        );
      expect(await queue.livePayloads(importRunKind.name)).toEqual([]);
      await sweeper.sweep(Date.now() + 3 * ABANDONED_AFTER_MS);
      expect(await show(app, runId)).toMatchObject({
        status: "failed",
        error: RUN_ERRORS.interrupted,
        errorCode: "interrupted",
      });
    });

    it("fails the run at once with an error when its job cannot be queued, and the upload can be started again", async () => {
      // A live runner, so the start enqueues; a queue whose database is gone, so adding fails.
      const lease: WorkerLease = await registerWorker(jobDb(store.db), { exclusive: false, concurrency: 1 });
      const other = await freshStore(dialect);
      const broken = await openJobQueue(other.store, dialect === "postgres" ? postgresUrl() : undefined);
      await broken.close();
      await other.dispose();
      const app = createApp({ ...context(), jobs: broken });
      const fileId = await uploadId(app);
      const started = await post(app, `/api/v1/imports/uploads/${fileId}/runs`, SETTINGS);
      expect(started.status).toBe(503);
      expect(((await started.json()) as { error: { message: string } }).error.message).toBe(
        RUN_ERRORS.not_queued,
      );
      const runs = await store.db.selectFrom("import_runs").select(["id", "status", "error"]).execute();
      expect(runs).toEqual([{ id: expect.anything(), status: "failed", error: RUN_ERRORS.not_queued }]);
      // The web app words it from its code in the user's language.
      expect(await show(app, runs[0]?.id as number)).toMatchObject({ errorCode: "not_queued" });

      // Started again when the queue works (here: no runner, so this process imports it).
      await unregisterWorker(jobDb(store.db), lease);
      const again = await post(createApp(context()), `/api/v1/imports/uploads/${fileId}/runs`, SETTINGS);
      expect(again.status).toBe(202);
      const done = await finished(app, ((await again.json()) as ImportRunBody).id);
      expect(done).toMatchObject({ status: "done", counts: { inserted: 2 } });
    });
  });
}
