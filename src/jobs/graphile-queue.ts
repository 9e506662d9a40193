import { EventEmitter } from "node:events";
import {
  Logger,
  makeWorkerUtils,
  type Runner,
  run,
  type TaskList,
  type WorkerEvents,
  type WorkerPool,
  type WorkerUtils,
} from "graphile-worker";
import { sql } from "kysely";
import type { z } from "zod";
import type { Store } from "../store/index.ts";
import { countJobs } from "./embedded-queue.ts";
import { errorText, type JobKind } from "./job-kind.ts";
import { type JobQueue, type JobRunner, type RunnerOptions, STOP_WAIT_MS } from "./job-queue.ts";
import {
  type AddOptions,
  type JobCounts,
  type JobDb,
  type JobStatus,
  type JobView,
  jobDb,
} from "./job-table.ts";
import { startPeriodicKinds } from "./periodic-kinds.ts";
import {
  DIED_MID_ATTEMPT,
  deadWorkers,
  HEARTBEAT_MS,
  heartbeat,
  liveWorkers,
  registerWorker,
  removeWorker,
  unregisterWorker,
} from "./worker-registry.ts";

/** How often a runner looks for dead runners whose jobs are still locked. */
const REAP_MS = 15_000;
/** After this long graphile-worker takes a locked job as free again (its fixed lock timeout). */
const GRAPHILE_LOCK_TIMEOUT_MS = 4 * 60 * 60 * 1000;

/**
 * graphile-worker's schema for the app's schema: `graphile_worker` beside `public` (the usual
 * case), else `<schema>_graphile_worker`, so that two workspaces (or test schemas) in one database
 * never run each other's jobs.
 */
export function graphileSchemaFor(appSchema: string): string {
  return appSchema === "public" ? "graphile_worker" : `${appSchema}_graphile_worker`;
}

export async function openGraphileQueue(store: Store, connectionString: string): Promise<GraphileQueue> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
  const schema = graphileSchemaFor(rows[0]?.s ?? "public");
  const logger = quietLogger();
  const utils = await makeWorkerUtils({ connectionString, schema, logger });
  // Installs or upgrades graphile-worker's own tables (its migrations, under a lock).
  await utils.migrate();
  return new GraphileQueue(store, connectionString, schema, utils, logger);
}

/**
 * PostgreSQL's queue: graphile-worker (SKIP LOCKED, LISTEN/NOTIFY, any number of worker processes).
 * It deletes a job when it succeeds, so each success is also recorded in the `jobs` table
 * (status done) for `kohtaamo jobs`. A worker process registers in `job_workers`; a runner that
 * finds a dead one (its process gone from this machine, or its heartbeat silent for 30 s) unlocks
 * that one's jobs (as forceUnlockWorkers would), so they are retried now rather than after
 * graphile-worker's own 4-hour lock timeout (the attempt the dead one began stays counted). A runner
 * stopped gracefully waits for its running jobs and has their outcomes written before it returns;
 * a job still running after `stopWaitMs` goes back to the queue with its attempt given back.
 */
export class GraphileQueue implements JobQueue {
  readonly engine = "graphile-worker";
  private readonly db: JobDb;

  constructor(
    private readonly store: Store,
    private readonly connectionString: string,
    readonly schema: string,
    private readonly utils: WorkerUtils,
    private readonly logger: Logger,
  ) {
    this.db = jobDb(store.db);
  }

  async add<S extends z.ZodType>(kind: JobKind<S>, payload: z.input<S>, options: AddOptions = {}) {
    const parsed = kind.schema.parse(payload);
    const job = await this.utils.addJob(kind.name, parsed ?? {}, {
      maxAttempts: options.maxAttempts ?? kind.maxAttempts,
      ...(options.runAt ? { runAt: options.runAt } : {}),
      // A keyed job already waiting keeps its time: adding it again only makes sure it exists.
      ...(options.jobKey ? { jobKey: options.jobKey, jobKeyMode: "preserve_run_at" as const } : {}),
    });
    return String(job.id);
  }

  private jobsView() {
    return sql.id(this.schema, "jobs");
  }

  async counts(): Promise<JobCounts> {
    const { rows } = await sql<{ queued: number; running: number; failed: number }>`
      select
        count(*) filter (where locked_at is null and attempts < max_attempts) as queued,
        count(*) filter (where locked_at is not null) as running,
        count(*) filter (where locked_at is null and attempts >= max_attempts) as failed
      from ${this.jobsView()}`.execute(this.store.db);
    const r = rows[0];
    const done = (await countJobs(this.db)).done;
    return {
      queued: Number(r?.queued ?? 0),
      running: Number(r?.running ?? 0),
      failed: Number(r?.failed ?? 0),
      done,
    };
  }

  async list(filter: { status?: JobStatus; limit: number }): Promise<JobView[]> {
    const live: JobView[] =
      filter.status === "done"
        ? []
        : (
            await sql<{
              id: string;
              task_identifier: string;
              attempts: number;
              max_attempts: number;
              run_at: string;
              last_error: string | null;
              updated_at: string;
              locked_at: string | null;
            }>`select id::text, task_identifier, attempts, max_attempts, run_at, last_error, updated_at, locked_at
               from ${this.jobsView()} order by id desc limit ${filter.limit}`.execute(this.store.db)
          ).rows
            .map((r) => ({
              id: r.id,
              kind: r.task_identifier,
              status: (r.locked_at
                ? "running"
                : Number(r.attempts) >= Number(r.max_attempts)
                  ? "failed"
                  : "queued") as JobStatus,
              attempts: Number(r.attempts),
              maxAttempts: Number(r.max_attempts),
              runAt: r.run_at,
              lastError: r.last_error,
              updatedAt: r.updated_at,
            }))
            .filter((j) => !filter.status || j.status === filter.status);
    const done =
      filter.status && filter.status !== "done"
        ? []
        : (
            await this.db
              .selectFrom("jobs")
              .selectAll()
              .where("status", "=", "done")
              .orderBy("id", "desc")
              .limit(filter.limit)
              .execute()
          ).map((r) => ({
            id: (r.job_key ?? "").replace(/^gw:/, ""),
            kind: r.kind,
            status: "done" as const,
            attempts: Number(r.attempts),
            maxAttempts: Number(r.max_attempts),
            runAt: r.run_at,
            lastError: r.last_error,
            updatedAt: r.updated_at,
          }));
    return [...live, ...done].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, filter.limit);
  }

  async livePayloads(kind: string): Promise<unknown[]> {
    const { rows } = await sql<{
      payload: unknown;
      locked_by: string | null;
      locked_at: string | null;
      attempts: number;
      max_attempts: number;
    }>`select j.payload, j.locked_by, j.locked_at, j.attempts, j.max_attempts
       from ${sql.id(this.schema, "_private_jobs")} j join ${sql.id(this.schema, "_private_tasks")} t on t.id = j.task_id
       where t.identifier = ${kind}`.execute(this.store.db);
    const live = new Set(
      (await liveWorkers(this.db)).flatMap((w) => JSON.parse(w.queue_worker_ids) as string[]),
    );
    const now = Date.now();
    return rows
      .filter((r) => {
        const attemptsLeft = Number(r.attempts) < Number(r.max_attempts);
        if (r.locked_at === null) return attemptsLeft;
        if (r.locked_by !== null && live.has(r.locked_by)) return true;
        // A dead worker's lock: our runners free it within a minute; graphile itself after 4 hours.
        return attemptsLeft && new Date(r.locked_at).getTime() < now - GRAPHILE_LOCK_TIMEOUT_MS;
      })
      .map((r) => r.payload);
  }

  async retry(target: { id: string } | "all-failed"): Promise<number> {
    const { rows } = await sql<{ id: string }>`
      select id::text from ${this.jobsView()}
      where locked_at is null and attempts >= max_attempts
      ${target === "all-failed" ? sql`` : sql`and id = ${target.id}::bigint`}`.execute(this.store.db);
    if (rows.length === 0) return 0;
    // Called directly: WorkerUtils.rescheduleJobs passes `attempts || null`, so 0 would keep them.
    const ids = rows.map((r) => r.id);
    const done = await sql<{ id: string }>`
      select id::text from ${sql.id(this.schema, "reschedule_jobs")}(
        ${ids}::bigint[], run_at := now(), attempts := ${0}::int)`.execute(this.store.db);
    return done.rows.length;
  }

  async startRunner(options: RunnerOptions): Promise<JobRunner> {
    const lease = await registerWorker(this.db, { exclusive: false, concurrency: options.concurrency });
    const periodic = options.kinds.filter((k) => k.every).map((k) => k.name);
    await this.reap(lease.id, periodic);
    const workerIds: string[] = [];
    const pools: WorkerPool[] = [];
    const events: WorkerEvents = new EventEmitter();
    // Jobs are locked in the name of the pool (graphile-worker 0.17) or of a worker: keep both.
    events.on("pool:create", ({ workerPool }) => {
      workerIds.push(workerPool.id);
      pools.push(workerPool);
    });
    events.on("worker:create", ({ worker }) => workerIds.push(worker.workerId));
    // Set when stop() stopped waiting: the jobs still running were given back to the queue, so a
    // handler that ends after that reports nothing (its job is the next runner's).
    let cutOff = false;
    const letGo = () => new Promise<never>(() => undefined);
    const taskList: TaskList = {};
    for (const kind of options.kinds) {
      taskList[kind.name] = async (payload, helpers) => {
        const parsed = kind.schema.safeParse(payload ?? {});
        if (!parsed.success) throw new Error(`payload does not fit ${kind.name}: ${parsed.error.message}`);
        const job = helpers.job;
        try {
          await kind.handle(options.context, parsed.data, {
            id: String(job.id),
            attempt: job.attempts,
            maxAttempts: job.max_attempts,
          });
        } catch (e) {
          if (cutOff) return letGo();
          options.onFailure?.({
            id: String(job.id),
            kind: kind.name,
            attempt: job.attempts,
            error: errorText(e),
          });
          throw e;
        }
        if (cutOff) return letGo();
        await this.recordDone(kind.name, parsed.data, job);
        if (cutOff) return letGo();
      };
    }
    let runner: Runner;
    try {
      runner = await run({
        connectionString: this.connectionString,
        schema: this.schema,
        concurrency: options.concurrency,
        taskList,
        noHandleSignals: true,
        pollInterval: options.pollMs ?? 1000,
        logger: this.logger,
        events,
        // Batched (after 0 ms) completions and failures are flushed before runner.stop() resolves.
        // Unbatched (graphile's default), the worker does not await them: stop() returned while the
        // last job's delete was still on its way, the process exited before it landed, and the job
        // stayed behind, unlocked with its attempts used up when a periodic enqueue of its key had
        // come while it ran (add_job marks a running keyed job so) - failed, with no error.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      });
    } catch (e) {
      await unregisterWorker(this.db, lease).catch(() => undefined);
      throw e;
    }
    await heartbeat(this.db, lease, workerIds);
    const beat = setInterval(
      () => void heartbeat(this.db, lease, workerIds).catch(() => undefined),
      HEARTBEAT_MS,
    );
    const reaper = setInterval(() => void this.reap(lease.id, periodic).catch(() => undefined), REAP_MS);
    const enqueuer = startPeriodicKinds(this, options, () => undefined);
    return {
      stop: async () => {
        clearInterval(beat);
        clearInterval(reaper);
        enqueuer.stop();
        let timer: NodeJS.Timeout | undefined;
        const stopped = await Promise.race([
          runner.stop().then(
            () => true,
            () => true,
          ),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), options.stopWaitMs ?? STOP_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
        if (!stopped) cutOff = true;
        // Stopped: every outcome is written, so the pool holds a job only if writing its outcome
        // failed. Cut off: the jobs still running. Either way the job goes back to the queue now,
        // its attempt not counted (unlike forceUnlockWorkers, which keeps it); handlers are idempotent.
        await this.giveBack(workerIds).catch(() => undefined);
        if (!stopped) {
          await Promise.all(
            pools.map((p) =>
              Promise.resolve()
                .then(() => p.forcefulShutdown("stop wait ran out"))
                .catch(() => undefined),
            ),
          );
        }
        await unregisterWorker(this.db, lease).catch(() => undefined);
      },
    };
  }

  /** Puts the jobs these ids hold back in the queue, due now, with the attempt they began not counted. */
  private async giveBack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`
      update ${sql.id(this.schema, "_private_jobs")}
      set locked_at = null, locked_by = null, attempts = greatest(attempts - 1, 0), run_at = now(), updated_at = now()
      where locked_by = any(${ids}::text[])`.execute(this.store.db);
    await sql`
      update ${sql.id(this.schema, "_private_job_queues")} set locked_at = null, locked_by = null
      where locked_by = any(${ids}::text[])`.execute(this.store.db);
  }

  /**
   * Unlocks the jobs of runners that died, so another worker retries them now (the attempt the dead
   * one began stays counted). One that was on its last attempt stays failed, with an error that says
   * why (graphile would leave it none). A periodic kind's job that lost its key while it ran (a newer
   * enqueue took the key and add_job marked this one's attempts used up) is deleted: the newer job
   * does its work, and it is no failure.
   */
  private async reap(self: string, periodic: string[]): Promise<void> {
    for (const dead of await deadWorkers(this.db, self)) {
      const ids = JSON.parse(dead.queue_worker_ids) as string[];
      if (!(await removeWorker(this.db, dead)) || ids.length === 0) continue;
      const jobs = sql.id(this.schema, "_private_jobs");
      await sql`
        delete from ${jobs} j using ${sql.id(this.schema, "_private_tasks")} t
        where j.task_id = t.id and j.locked_by = any(${ids}::text[]) and j.key is null
          and t.identifier = any(${periodic}::text[])`.execute(this.store.db);
      await sql`
        update ${jobs} set locked_at = null, locked_by = null, updated_at = now(),
          last_error = case when attempts >= max_attempts then ${DIED_MID_ATTEMPT} else last_error end
        where locked_by = any(${ids}::text[])`.execute(this.store.db);
      await sql`
        update ${sql.id(this.schema, "_private_job_queues")} set locked_at = null, locked_by = null
        where locked_by = any(${ids}::text[])`.execute(this.store.db);
    }
  }

  /** graphile-worker deletes a finished job: keep a record of it (once, even if the job ran twice). */
  private async recordDone(
    kind: string,
    payload: unknown,
    job: { id: string; attempts: number; max_attempts: number; run_at: Date; created_at: Date },
  ) {
    const key = `gw:${job.id}`;
    const now = new Date().toISOString();
    const ts = (d: Date | string) => new Date(d).toISOString();
    await sql`
      insert into jobs (kind, payload, job_key, status, attempts, max_attempts, run_at, created_at, updated_at, finished_at)
      select ${kind}, ${JSON.stringify(payload ?? {})}, ${key}, 'done', ${job.attempts}, ${job.max_attempts},
        ${ts(job.run_at)}::timestamptz, ${ts(job.created_at)}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      where not exists (select 1 from jobs where job_key = ${key} and status = 'done')`.execute(
      this.store.db,
    );
  }

  async close(): Promise<void> {
    await this.utils.release();
  }
}

/** graphile-worker's warnings and errors on stderr; its routine chatter is left out. */
function quietLogger(): Logger {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") process.stderr.write(`[jobs] ${message.split("\n")[0]}\n`);
  });
}
