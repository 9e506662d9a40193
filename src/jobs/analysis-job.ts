import { createHash, randomUUID } from "node:crypto";
import os from "node:os";
import { sql, type Transaction } from "kysely";
import { z } from "zod";
import type { AnalysisThreads } from "../analysis/analysis-threads.ts";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { AnalysisDeferral } from "../ingest/ingest-pipeline.ts";
import { analyseItems } from "../ingest/reanalyzer.ts";
import { workspaceAnalyzer } from "../ingest/workspace-taxonomy.ts";
import { AnalysisQueueRepository } from "../store/analysis-queue-repository.ts";
import type { Store } from "../store/index.ts";
import type { Database } from "../store/schema.ts";
import { defineJobKind } from "./job-kind.ts";
import { jobDb } from "./job-table.ts";
import { liveWorkers } from "./worker-registry.ts";

/**
 * Subjects per job: small enough that a killed worker loses little work and two workers share a
 * batch of 1,000 encounters, large enough that the job's overhead (a transaction, a poll) is small.
 */
export const SUBJECTS_PER_JOB = { encounter: 250, response: 500, pulse: 500 } as const;

const payloadSchema = z.object({
  subjectKind: z.enum(["encounter", "response", "pulse"]),
  ids: z.array(z.string().min(1)).min(1).max(1000),
  /** The text was redacted when it was stored (KOHTAAMO_REDACTION=on then): not redacted again. */
  redacted: z.boolean().default(false),
});
export type AnalysisJobPayload = z.input<typeof payloadSchema>;

/**
 * Analyses records stored without their analysis (KOHTAAMO_ANALYSIS=queue). Idempotent: it analyses
 * only the named records still pending, and stores each analysis in the transaction that removes
 * the record's pending mark, only if the mark still carries the token the text was read under. A
 * retry after a killed worker therefore redoes only what was not committed, a second run of the
 * same job stores nothing, and a record written again meanwhile waits for its own newer job.
 */
export const analysisRecordsKind = defineJobKind({
  name: "analysis.records",
  description: "analyse records stored without their analysis (KOHTAAMO_ANALYSIS=queue)",
  schema: payloadSchema,
  handle: (ctx, payload) => analysePending(ctx.store, ctx.analyzer(), payload, ctx.analysisThreads),
  maxAttempts: 10,
  backoffMs: 5_000,
});

/** Analyses the still-pending records of one job; returns how many analyses it stored. */
export async function analysePending(
  store: Store,
  base: TextAnalyzer,
  payload: AnalysisJobPayload,
  threads?: AnalysisThreads,
): Promise<{ analysed: number; skipped: number }> {
  const tokens = await store.analysisQueue.tokens(payload.subjectKind, payload.ids);
  if (tokens.size === 0) return { analysed: 0, skipped: payload.ids.length };
  const analyzer = await workspaceAnalyzer(store, base);
  const items = await store.reanalysis.itemsOf(payload.subjectKind, [...tokens.keys()]);
  // On the analysis threads when configured (KOHTAAMO_ANALYSIS_THREADS): the same records, sooner.
  const records = await analyseItems(analyzer, items, payload.redacted ?? false, threads);
  // A pending record whose text is gone (erased, retention) loses its mark with nothing stored.
  const analysed = await store.writeQueuedAnalyses(payload.subjectKind, tokens, records);
  return { analysed, skipped: payload.ids.length - analysed };
}

/** How long a "is a worker running?" answer is reused by the auto mode. */
const WORKER_CHECK_MS = 5_000;

/**
 * The ingest pipeline's deferral for KOHTAAMO_ANALYSIS (config.ts): `queue` defers every batch;
 * `auto` (PostgreSQL's default) defers while a `kohtaamo worker` process is alive (its heartbeat in
 * job_workers), else the batch is analysed inline as before, so a deployment without workers still
 * gets its analysis. The web process's own runner does not count: it never takes analysis jobs.
 */
export function analysisDeferral(options: {
  mode: "queue" | "auto";
  databaseUrl: string | undefined;
}): AnalysisDeferral {
  const checked = new WeakMap<Store, { at: number; workers: boolean }>();
  const schemas = new WeakMap<Store, Promise<string | null>>();
  // Looked up (and installed) once per store; a failure is not kept, so the next batch tries again.
  const schemaOf = (store: Store) => {
    let found = schemas.get(store);
    if (!found) {
      found = queueSchema(store, options.databaseUrl);
      schemas.set(store, found);
      found.catch(() => schemas.delete(store));
    }
    return found;
  };
  return {
    mode: options.mode,
    async defers(store) {
      let defer = options.mode === "queue";
      if (!defer) {
        const last = checked.get(store);
        if (last && Date.now() - last.at < WORKER_CHECK_MS) defer = last.workers;
        else {
          defer = (await otherLiveWorkers(store)) > 0;
          checked.set(store, { at: Date.now(), workers: defer });
        }
      }
      // Before the write transaction opens: graphile-worker's schema must exist for its add_job.
      if (defer) await schemaOf(store);
      return defer;
    },
    async enqueue(trx, store, subjects, now, redacted) {
      const schema = await schemaOf(store);
      await AnalysisQueueRepository.defer(trx, subjects, randomUUID(), now);
      const size = SUBJECTS_PER_JOB[subjects.subjectKind];
      for (let i = 0; i < subjects.ids.length; i += size) {
        const ids = subjects.ids.slice(i, i + size);
        const payload = { subjectKind: subjects.subjectKind, ids, redacted };
        await enqueueWithin(trx, schema, payload, now);
      }
    },
  };
}

/** The live job runners' rows of the database (job_workers, by their heartbeat and process). */
const liveRunnerRows = (store: Store) => liveWorkers(jobDb(store.db));

/** Live runners other than this process's own (`kohtaamo worker` processes, here or elsewhere). */
export async function otherLiveWorkers(store: Store): Promise<number> {
  const self = (r: { pid: number; host: string }) => r.pid === process.pid && r.host === os.hostname();
  return (await liveRunnerRows(store)).filter((r) => !self(r)).length;
}

/** Live job runners of the database, this process's own (KOHTAAMO_WORKER=inline) included. */
export async function liveJobRunners(store: Store): Promise<number> {
  return (await liveRunnerRows(store)).length;
}

/**
 * PostgreSQL: the name of graphile-worker's schema for this database, installing it first when no
 * worker has yet (its add_job is called inside the write transaction). SQLite: null (the jobs table).
 */
async function queueSchema(store: Store, databaseUrl: string | undefined): Promise<string | null> {
  if (store.dialect.name !== "postgres") return null;
  const { graphileSchemaFor, openGraphileQueue } = await import("./graphile-queue.ts");
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
  const schema = graphileSchemaFor(rows[0]?.s ?? "public");
  const found = await sql<{
    ok: boolean;
  }>`select to_regprocedure(${`${schema}.add_job(text,json,text,timestamptz,integer,text,integer,text[],text)`}) is not null as ok`.execute(
    store.db,
  );
  if (!found.rows[0]?.ok) {
    if (!databaseUrl) throw new Error("the analysis queue on PostgreSQL needs the database URL");
    await (await openGraphileQueue(store, databaseUrl)).close();
  }
  return schema;
}

/**
 * Enqueues one analysis job in the caller's transaction, so it exists exactly when the records do.
 * Its key (the kind and a hash of the ids) folds a batch written again into the job still waiting;
 * while that job runs, a new one is added (it may have read the older text).
 */
async function enqueueWithin(
  trx: Transaction<Database>,
  graphileSchema: string | null,
  payload: AnalysisJobPayload,
  now: string,
): Promise<void> {
  const kind = analysisRecordsKind;
  const parsed = kind.schema.parse(payload);
  const digest = createHash("sha1").update(parsed.ids.join("\n")).digest("hex");
  const key = `${kind.name}:${parsed.subjectKind}:${digest}`;
  if (graphileSchema) {
    await sql`select ${sql.id(graphileSchema, "add_job")}(
        identifier => ${kind.name}::text, payload => ${JSON.stringify(parsed)}::json,
        max_attempts => ${kind.maxAttempts}::int, job_key => ${key}::text,
        job_key_mode => 'preserve_run_at')`.execute(trx);
    return;
  }
  const db = jobDb(trx);
  const live = await db
    .selectFrom("jobs")
    .select("status")
    .where("job_key", "=", key)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  if (live?.status === "queued") return;
  await db
    .insertInto("jobs")
    .values({
      kind: kind.name,
      payload: JSON.stringify(parsed),
      job_key: live ? null : key,
      status: "queued",
      attempts: 0,
      max_attempts: kind.maxAttempts,
      run_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
