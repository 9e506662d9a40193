import { randomUUID } from "node:crypto";
import os from "node:os";
import { KohtaamoError } from "../domain/index.ts";
import type { JobDb, JobWorkersTable } from "./job-table.ts";

/** A runner writes its heartbeat this often… */
export const HEARTBEAT_MS = 5_000;
/** …and one silent for this long is dead, wherever it runs. */
export const STALE_AFTER_MS = 30_000;

/** The error kept with a job whose runner died (killed, crashed) during its last attempt. */
export const DIED_MID_ATTEMPT = "the worker stopped during this attempt (process killed or crashed)";

/** The row of the one runner of an SQLite database. */
export const EMBEDDED_RUNNER_ID = "embedded";

/**
 * Whether a runner's row belongs to a live process. A runner on this machine whose process is
 * gone (killed, crashed) is dead at once, so its jobs go back to the queue without waiting;
 * elsewhere only a silent heartbeat tells.
 */
export function isAlive(
  row: Pick<JobWorkersTable, "pid" | "host" | "heartbeat_at">,
  now = Date.now(),
): boolean {
  if (Date.parse(row.heartbeat_at) < now - STALE_AFTER_MS) return false;
  if (row.host !== os.hostname()) return true;
  try {
    process.kill(row.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface WorkerLease {
  id: string;
  token: string;
  /** The previous holder of this row (exclusive runners only), when it was dead and was taken over. */
  previous: JobWorkersTable | null;
}

/**
 * Registers this process as a runner. `exclusive` (SQLite: one runner per database file) takes the
 * fixed row by compare-and-set and refuses while its holder lives; otherwise a row of its own.
 */
export async function registerWorker(
  db: JobDb,
  options: { exclusive: boolean; concurrency: number },
): Promise<WorkerLease> {
  const now = new Date().toISOString();
  const token = randomUUID();
  const row: JobWorkersTable = {
    id: options.exclusive ? EMBEDDED_RUNNER_ID : `w-${token}`,
    token,
    pid: process.pid,
    host: os.hostname(),
    concurrency: options.concurrency,
    queue_worker_ids: "[]",
    started_at: now,
    heartbeat_at: now,
  };
  if (!options.exclusive) {
    await db.insertInto("job_workers").values(row).execute();
    return { id: row.id, token, previous: null };
  }
  const held = await db.selectFrom("job_workers").selectAll().where("id", "=", row.id).executeTakeFirst();
  if (!held) {
    await db
      .insertInto("job_workers")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else if (!isAlive(held)) {
    const { id: _id, ...rest } = row;
    await db
      .updateTable("job_workers")
      .set(rest)
      .where("id", "=", row.id)
      .where("token", "=", held.token)
      .execute();
  }
  const now2 = await db.selectFrom("job_workers").selectAll().where("id", "=", row.id).executeTakeFirst();
  if (now2?.token !== token) {
    const holder = now2 ?? held;
    throw new KohtaamoError(
      "conflict",
      `the jobs of this SQLite database are already run by process ${holder?.pid ?? "?"} on ${holder?.host ?? "?"} (kohtaamo start runs them unless KOHTAAMO_WORKER=off; one runner per SQLite file)`,
    );
  }
  return { id: row.id, token, previous: held ?? null };
}

/** Renews the heartbeat; false when the row is no longer this runner's (taken over as dead). */
export async function heartbeat(db: JobDb, lease: WorkerLease, queueWorkerIds?: string[]): Promise<boolean> {
  const result = await db
    .updateTable("job_workers")
    .set({
      heartbeat_at: new Date().toISOString(),
      ...(queueWorkerIds ? { queue_worker_ids: JSON.stringify(queueWorkerIds) } : {}),
    })
    .where("id", "=", lease.id)
    .where("token", "=", lease.token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unregisterWorker(db: JobDb, lease: WorkerLease): Promise<void> {
  await db.deleteFrom("job_workers").where("id", "=", lease.id).where("token", "=", lease.token).execute();
}

/** Rows of runners that are alive now (by their heartbeat and process). */
export async function liveWorkers(db: JobDb): Promise<JobWorkersTable[]> {
  const rows = await db.selectFrom("job_workers").selectAll().execute();
  return rows.filter((r) => isAlive(r));
}

/** Rows of runners that are dead now (other than `except`), to hand their jobs back. */
export async function deadWorkers(db: JobDb, except?: string): Promise<JobWorkersTable[]> {
  const rows = await db.selectFrom("job_workers").selectAll().execute();
  return rows.filter((r) => r.id !== except && !isAlive(r));
}

export async function removeWorker(db: JobDb, row: Pick<JobWorkersTable, "id" | "token">): Promise<boolean> {
  const result = await db
    .deleteFrom("job_workers")
    .where("id", "=", row.id)
    .where("token", "=", row.token)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
