import type { z } from "zod";
import type { Store } from "../store/index.ts";
import type { JobContext, JobKind } from "./job-kind.ts";
import type { AddOptions, JobCounts, JobStatus, JobView } from "./job-table.ts";

/** Runs jobs of the given kinds until stopped. */
export interface JobRunner {
  /** Stops taking jobs, waits for the running ones (up to `stopWaitMs`), and gives back what is cut off. */
  stop(): Promise<void>;
}

/** RunnerOptions.stopWaitMs's default. */
export const STOP_WAIT_MS = 10_000;

export interface RunnerOptions {
  kinds: readonly JobKind[];
  context: JobContext;
  /** Jobs run side by side in this process. */
  concurrency: number;
  /** How often an idle runner looks for due jobs (default 1 s). */
  pollMs?: number;
  /**
   * How long stop() waits for running jobs (default 10 s). A job still running then goes back to the
   * queue with its attempt not counted, for the next runner: a graceful stop never uses up an attempt.
   */
  stopWaitMs?: number;
  /** A job's attempt failed (it is retried or kept as failed); for the process's log, never with customer text. */
  onFailure?: (job: { id: string; kind: string; attempt: number; error: string }) => void;
}

/**
 * The queue of one database: graphile-worker's on PostgreSQL, the `jobs` table on SQLite. Both
 * take the same kinds, report the same counts and retry failed jobs the same way.
 */
export interface JobQueue {
  readonly engine: "embedded" | "graphile-worker";
  /** Enqueues a job (its payload parsed by the kind's schema first); null when a job with its key already waits. */
  add<S extends z.ZodType>(
    kind: JobKind<S>,
    payload: z.input<S>,
    options?: AddOptions,
  ): Promise<string | null>;
  counts(): Promise<JobCounts>;
  list(filter: { status?: JobStatus; limit: number }): Promise<JobView[]>;
  /**
   * Payloads of this kind's jobs that will still run: waiting (now or after a backoff) with attempts
   * left, or held by a live runner. Not those failed for good, done, or held by a runner that died.
   */
  livePayloads(kind: string): Promise<unknown[]>;
  /** Queues failed jobs again with fresh attempts: one by id, or all of them. Returns how many. */
  retry(target: { id: string } | "all-failed"): Promise<number>;
  /** Starts running jobs in this process. On SQLite one runner per database: refused while another lives. */
  startRunner(options: RunnerOptions): Promise<JobRunner>;
  close(): Promise<void>;
}

/** The queue for a store: graphile-worker when the database is PostgreSQL (`databaseUrl`), else embedded. */
export async function openJobQueue(store: Store, databaseUrl: string | undefined): Promise<JobQueue> {
  if (store.dialect.name === "postgres") {
    if (!databaseUrl) throw new Error("the job queue on PostgreSQL needs the database URL");
    const { openGraphileQueue } = await import("./graphile-queue.ts");
    return openGraphileQueue(store, databaseUrl);
  }
  const { EmbeddedQueue } = await import("./embedded-queue.ts");
  return new EmbeddedQueue(store);
}
