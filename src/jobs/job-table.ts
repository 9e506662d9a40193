import type { Generated, Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/** Migration 0015: the embedded queue (SQLite) and the record of finished jobs (both databases). */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  job_key: string | null;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobWorkersTable {
  id: string;
  token: string;
  pid: number;
  host: string;
  concurrency: number;
  /** JSON array: graphile-worker's ids of this process's workers (PostgreSQL), [] on SQLite. */
  queue_worker_ids: string;
  started_at: string;
  heartbeat_at: string;
}

export type JobStatus = "queued" | "running" | "done" | "failed";
export type JobTables = { jobs: JobsTable; job_workers: JobWorkersTable };
export type JobDb = Kysely<Database & JobTables>;

export function jobDb(db: Kysely<Database>): JobDb {
  return db.withTables<JobTables>();
}

export interface JobCounts {
  queued: number;
  running: number;
  failed: number;
  done: number;
}

/** A job as `kohtaamo jobs` lists it. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  updatedAt: string;
}

export interface AddOptions {
  /** At most one job with this key waits or runs at a time; adding another is a no-op. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}
