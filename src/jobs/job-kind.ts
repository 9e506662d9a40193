import type { z } from "zod";
import type { AnalysisThreads } from "../analysis/analysis-threads.ts";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { Store } from "../store/index.ts";
import type { DispatchDeps } from "../workflows/notification-dispatcher.ts";

/** What every handler may use: the database and the process's configured services. */
export interface JobContext {
  store: Store;
  /** The notification dispatcher's dependencies (settings, SMTP mailer when e-mail is on). */
  notifications: DispatchDeps;
  /** The base analyzer (shipped models); the workspace's taxonomy is applied per run. Loaded on first use. */
  analyzer: () => TextAnalyzer;
  /** Analysis jobs' batches on worker threads (KOHTAAMO_ANALYSIS_THREADS); absent: on the job's thread. */
  analysisThreads?: AnalysisThreads;
  /** How often periodic kinds run, by kind name (ms); a kind's own `every` otherwise. */
  intervals?: Readonly<Record<string, number>>;
}

/** Which attempt this is (1-based) of how many, and the queue's id of the job. */
export interface JobRun {
  id: string;
  attempt: number;
  maxAttempts: number;
}

/**
 * One kind of background work (CONVENTIONS 8): its payload is parsed with `schema` before `handle`
 * runs, on either queue. Handlers must be idempotent: a job is retried after a failure or after its
 * worker died mid-way, so running it twice must leave the data as running it once.
 */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  handle(ctx: JobContext, payload: z.output<S>, run: JobRun): Promise<unknown>;
  /** Attempts before the job is kept as failed. */
  maxAttempts: number;
  /** Delay before the retry after attempt n of the embedded runner: backoffMs · 2^(n−1), capped at an hour. */
  backoffMs: number;
  /** Periodic kinds: enqueued (deduplicated by their name as job key) every this many ms by every runner. */
  every?: number;
}

export function defineJobKind<S extends z.ZodType>(kind: JobKind<S>): JobKind<S> {
  return kind;
}

/** Exponential backoff: the delay after a failed attempt `attempt` (1-based). */
export function backoffDelay(kind: Pick<JobKind, "backoffMs">, attempt: number): number {
  return Math.min(kind.backoffMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** A job's outcome is kept without customer text: handlers' errors are cut to this length. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}
