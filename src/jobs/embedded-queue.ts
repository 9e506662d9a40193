import { sql } from "kysely";
import type { z } from "zod";
import type { Store } from "../store/index.ts";
import { backoffDelay, errorText, type JobKind } from "./job-kind.ts";
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
  HEARTBEAT_MS,
  heartbeat,
  liveWorkers,
  registerWorker,
  unregisterWorker,
} from "./worker-registry.ts";

/**
 * The queue of an SQLite database: the `jobs` table, run by one runner in one process (the server's,
 * or `kohtaamo worker`'s). A job is claimed by compare-and-set (queued → running with the runner's
 * token); a failed attempt waits its kind's exponential backoff; a runner that takes over from a dead
 * one first puts the jobs that were running back in the queue (their attempt counted). A runner
 * stopped gracefully waits for its running jobs up to `stopWaitMs`, then puts the ones still running
 * back in the queue with their attempt given back.
 */
export class EmbeddedQueue implements JobQueue {
  readonly engine = "embedded";
  private readonly db: JobDb;

  constructor(store: Store) {
    this.db = jobDb(store.db);
  }

  async add<S extends z.ZodType>(kind: JobKind<S>, payload: z.input<S>, options: AddOptions = {}) {
    const parsed = kind.schema.parse(payload);
    const now = new Date().toISOString();
    const row = await this.db
      .insertInto("jobs")
      .values({
        kind: kind.name,
        payload: JSON.stringify(parsed ?? {}),
        job_key: options.jobKey ?? null,
        status: "queued",
        attempts: 0,
        max_attempts: options.maxAttempts ?? kind.maxAttempts,
        run_at: (options.runAt ?? new Date()).toISOString(),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    return row ? String(row.id) : null;
  }

  async counts(): Promise<JobCounts> {
    return countJobs(this.db);
  }

  async list(filter: { status?: JobStatus; limit: number }): Promise<JobView[]> {
    let q = this.db.selectFrom("jobs").selectAll().orderBy("id", "desc").limit(filter.limit);
    if (filter.status) q = q.where("status", "=", filter.status);
    return (await q.execute()).map((r) => ({
      id: String(r.id),
      kind: r.kind,
      status: r.status,
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      runAt: r.run_at,
      lastError: r.last_error,
      updatedAt: r.updated_at,
    }));
  }

  async livePayloads(kind: string): Promise<unknown[]> {
    const rows = await this.db
      .selectFrom("jobs")
      .select(["payload", "status", "locked_by"])
      .where("kind", "=", kind)
      .where("status", "in", ["queued", "running"])
      .execute();
    // A job marked running whose runner died waits for the next runner's requeueOrphans: on its
    // last attempt that fails it; so it is live only while its runner is.
    const live = new Set((await liveWorkers(this.db)).map((w) => w.token));
    return rows
      .filter((r) => r.status === "queued" || (r.locked_by !== null && live.has(r.locked_by)))
      .map((r) => JSON.parse(r.payload) as unknown);
  }

  async retry(target: { id: string } | "all-failed"): Promise<number> {
    let q = this.db.selectFrom("jobs").select("id").where("status", "=", "failed");
    if (target !== "all-failed") q = q.where("id", "=", Number(target.id));
    let n = 0;
    for (const { id } of await q.execute()) {
      const now = new Date().toISOString();
      try {
        const r = await this.db
          .updateTable("jobs")
          .set({ status: "queued", attempts: 0, run_at: now, finished_at: null, updated_at: now })
          .where("id", "=", id)
          .where("status", "=", "failed")
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      } catch {
        // Its key is taken by a job of the same work already waiting: that one will do it.
      }
    }
    return n;
  }

  async startRunner(options: RunnerOptions): Promise<JobRunner> {
    const lease = await registerWorker(this.db, { exclusive: true, concurrency: options.concurrency });
    // One runner per file: whatever is still marked running was left by a dead one.
    await requeueOrphans(this.db);
    const kinds = new Map(options.kinds.map((k) => [k.name, k]));
    const active = new Set<Promise<void>>();
    const activeIds = new Set<number>();
    // Jobs stop() gave back to the queue while their handler still ran: it reports nothing when it ends.
    const givenBack = new Set<number>();
    let stopped = false;
    let poll: NodeJS.Timeout | undefined;
    // A claim in flight: stop() lets it land, so what it claims is among the jobs stop() waits for.
    let ticking: Promise<void> | undefined;

    const runOne = async (row: {
      id: number;
      kind: string;
      payload: string;
      attempts: number;
      max_attempts: number;
    }) => {
      const kind = kinds.get(row.kind) as JobKind;
      const attempt = Number(row.attempts);
      try {
        const parsed = kind.schema.safeParse(JSON.parse(row.payload));
        if (!parsed.success) {
          await this.settle(
            row.id,
            lease.token,
            "failed",
            `payload does not fit ${kind.name}: ${parsed.error.message}`,
          );
          return;
        }
        await kind.handle(options.context, parsed.data, {
          id: String(row.id),
          attempt,
          maxAttempts: Number(row.max_attempts),
        });
        await this.settle(row.id, lease.token, "done", null);
      } catch (e) {
        if (givenBack.has(row.id)) return;
        const error = errorText(e);
        options.onFailure?.({ id: String(row.id), kind: row.kind, attempt, error });
        const last = attempt >= Number(row.max_attempts);
        const runAt = new Date(Date.now() + backoffDelay(kind, attempt)).toISOString();
        await this.settle(row.id, lease.token, last ? "failed" : "queued", error, runAt).catch(
          () => undefined,
        );
      }
    };

    const tick = async () => {
      if (stopped) return;
      const free = options.concurrency - active.size;
      if (free > 0) {
        for (const row of await this.claim([...kinds.keys()], lease.token, free)) {
          const p = runOne(row).finally(() => {
            active.delete(p);
            activeIds.delete(row.id);
            schedule(0);
          });
          active.add(p);
          activeIds.add(row.id);
        }
      }
      schedule(options.pollMs ?? 1000);
    };
    const schedule = (ms: number) => {
      if (stopped) return;
      clearTimeout(poll);
      poll = setTimeout(() => {
        ticking = tick()
          .catch(() => schedule(options.pollMs ?? 1000))
          .finally(() => (ticking = undefined));
      }, ms);
    };
    const beat = setInterval(() => {
      void heartbeat(this.db, lease)
        .then(async (ours) => {
          // Taken over as dead (e.g. the machine slept): stop claiming; the new runner retries our jobs.
          if (!ours) stopped = true;
          // A job whose outcome could not be written (a database error) goes back to the queue.
          else await requeueOrphans(this.db, { token: lease.token, except: [...activeIds] });
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    const periodic = startPeriodicKinds(this, options, () => schedule(0));
    schedule(0);
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(poll);
        clearInterval(beat);
        periodic.stop();
        await ticking;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...active]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, options.stopWaitMs ?? STOP_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
        // Cut off by the stop, not by a crash: back in the queue, due now, the attempt not counted.
        for (const id of activeIds) givenBack.add(id);
        if (givenBack.size > 0) await this.giveBack([...givenBack], lease.token).catch(() => undefined);
        await unregisterWorker(this.db, lease).catch(() => undefined);
      },
    };
  }

  /** Claims up to `limit` due jobs of the known kinds, each by compare-and-set. */
  private async claim(kinds: string[], token: string, limit: number) {
    const now = new Date().toISOString();
    const due = await this.db
      .selectFrom("jobs")
      .select("id")
      .where("status", "=", "queued")
      .where("run_at", "<=", now)
      .where("kind", "in", kinds)
      .orderBy("run_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    const claimed = [];
    for (const { id } of due) {
      const row = await this.db
        .updateTable("jobs")
        .set((eb) => ({
          status: "running",
          attempts: eb("attempts", "+", 1),
          locked_at: now,
          locked_by: token,
          updated_at: now,
        }))
        .where("id", "=", id)
        .where("status", "=", "queued")
        .returning(["id", "kind", "payload", "attempts", "max_attempts"])
        .executeTakeFirst();
      if (row) claimed.push(row);
    }
    return claimed;
  }

  private async giveBack(ids: number[], token: string) {
    const now = new Date().toISOString();
    await this.db
      .updateTable("jobs")
      .set((eb) => ({
        status: "queued",
        attempts: eb("attempts", "-", 1),
        locked_at: null,
        locked_by: null,
        run_at: now,
        updated_at: now,
      }))
      .where("id", "in", ids)
      .where("locked_by", "=", token)
      .where("status", "=", "running")
      .execute();
  }

  private async settle(id: number, token: string, status: JobStatus, error: string | null, runAt?: string) {
    const now = new Date().toISOString();
    await this.db
      .updateTable("jobs")
      .set({
        status,
        locked_at: null,
        locked_by: null,
        last_error: error,
        updated_at: now,
        ...(status === "queued" && runAt ? { run_at: runAt } : { finished_at: now }),
      })
      .where("id", "=", id)
      .where("locked_by", "=", token)
      .where("status", "=", "running")
      .execute();
  }

  async close(): Promise<void> {}
}

/** Jobs whose runner died mid-way: back in the queue, or failed when that was their last attempt. */
async function requeueOrphans(db: JobDb, own?: { token: string; except: number[] }): Promise<number> {
  const now = new Date().toISOString();
  const error = own ? "the outcome of this attempt could not be recorded" : DIED_MID_ATTEMPT;
  await db
    .updateTable("jobs")
    .set({
      status: "failed",
      locked_at: null,
      locked_by: null,
      last_error: error,
      updated_at: now,
      finished_at: now,
    })
    .where("status", "=", "running")
    .where((eb) => eb("attempts", ">=", eb.ref("max_attempts")))
    .$if(Boolean(own), (q) => q.where("locked_by", "=", own?.token ?? ""))
    .$if((own?.except.length ?? 0) > 0, (q) => q.where("id", "not in", own?.except ?? []))
    .execute();
  const r = await db
    .updateTable("jobs")
    .set({
      status: "queued",
      locked_at: null,
      locked_by: null,
      last_error: error,
      run_at: now,
      updated_at: now,
    })
    .where("status", "=", "running")
    .$if(Boolean(own), (q) => q.where("locked_by", "=", own?.token ?? ""))
    .$if((own?.except.length ?? 0) > 0, (q) => q.where("id", "not in", own?.except ?? []))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Counts of the `jobs` table by status (on PostgreSQL only `done` comes from it). */
export async function countJobs(db: JobDb): Promise<JobCounts> {
  const rows = await db
    .selectFrom("jobs")
    .select(["status", sql<number>`count(*)`.as("n")])
    .groupBy("status")
    .execute();
  const counts: JobCounts = { queued: 0, running: 0, failed: 0, done: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as keyof JobCounts] = Number(r.n);
  return counts;
}
