import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisThreads } from "../../src/analysis/analysis-threads.ts";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { continueReanalysis, startReanalysis } from "../../src/ingest/reanalyzer.ts";
import { analysePending, analysisDeferral } from "../../src/jobs/analysis-job.ts";
import type { Store } from "../../src/store/index.ts";
import { ROOT, runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { exited, until } from "../support/waiting.ts";

/**
 * KOHTAAMO_ANALYSIS_THREADS: the analysis jobs and the reanalysis analyse their batches on worker
 * threads (analysis/analysis-threads.ts), and what they store is exactly what one thread stores.
 * The same records (the analysis digest corpus's texts: varied Finnish and English, PII included)
 * go to two databases with analysis queued; one is analysed by the job handler on its own thread,
 * the other by a real `kohtaamo worker` with KOHTAAMO_ANALYSIS_THREADS=2, which then stops on
 * SIGTERM (its threads closed: the process exits). Then both are reanalysed, on one and two threads.
 */
const corpus = fs
  .readFileSync(path.join(ROOT, "test/fixtures/analysis/corpus.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .flatMap((l) => {
    const r = JSON.parse(l) as { text?: string };
    return r.text ? [r.text] : [];
  });
const ENCOUNTERS = 150;
const TURNS = 8;
const RESPONSES = 600;

const encounters = Array.from({ length: ENCOUNTERS }, (_, i) => ({
  id: `enc-${i}`,
  channel: i % 2 === 0 ? "chat" : "phone",
  started_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  team: `team-${i % 3}`,
  turns: Array.from({ length: TURNS }, (_, t) => ({
    speaker: t % 2 === 0 ? "customer" : "agent",
    text: corpus[(i * TURNS + t) % corpus.length],
    at: t * 20,
  })),
}));
const responses = Array.from({ length: RESPONSES }, (_, i) => ({
  id: `resp-${i}`,
  kind: "nps",
  score: (i * 7) % 11,
  comment: corpus[(ENCOUNTERS * TURNS + i) % corpus.length],
  answered_at: new Date(Date.UTC(2026, 0, 1) + i * 30_000).toISOString(),
  channel: "email",
}));

/** Every stored analysis, as JSON text (the column as stored on SQLite, jsonb's text on PostgreSQL). */
async function stored(store: Store) {
  const { rows } = await sql<{ kind: string; id: string; version: string; result: string }>`
    select subject_kind as kind, subject_id as id, analyzer_version as version,
           ${store.dialect.name === "postgres" ? sql`result::text` : sql`result`} as result
    from analysis_results order by subject_kind, subject_id, analyzer_version`.execute(store.db);
  return rows;
}

for (const dialect of DIALECTS) {
  describe(`analysis on threads on ${dialect}`, () => {
    const analyzer = loadDefaultAnalyzer();
    const envs: Awaited<ReturnType<typeof freshCliEnv>>[] = [];
    const stores: Store[] = [];

    beforeAll(async () => {
      for (let k = 0; k < 2; k++) {
        const cli = await freshCliEnv(dialect);
        envs.push(cli);
        expect((await runCli(["migrate"], cli.env)).code).toBe(0);
        const store = storeFor(cli.env);
        stores.push(store);
        const pipeline = ingestPipeline({
          analyzer,
          deferral: analysisDeferral({ mode: "queue", databaseUrl: cli.env.DATABASE_URL }),
        });
        const opts = { timeZone: "Europe/Helsinki", pipeline };
        expect(await acceptBatch(store, "encounters", encounters, opts)).toMatchObject({
          imported: ENCOUNTERS,
        });
        expect(await acceptBatch(store, "responses", responses, opts)).toMatchObject({
          imported: RESPONSES,
        });
      }
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      for (const e of envs) await e.dispose();
    });

    it("a worker with KOHTAAMO_ANALYSIS_THREADS=2 stores exactly what one thread stores, and stops on SIGTERM", async () => {
      const [one, two] = stores as [Store, Store];
      // One thread: the job handler itself, job by job as they were queued.
      for (const subjectKind of ["encounter", "response"] as const) {
        const ids = subjectKind === "encounter" ? encounters.map((e) => e.id) : responses.map((r) => r.id);
        for (let i = 0; i < ids.length; i += 250)
          await analysePending(one, analyzer, { subjectKind, ids: ids.slice(i, i + 250) });
      }
      expect((await one.analysisQueue.counts()).total).toBe(0);

      const env = { ...(envs[1] as { env: Record<string, string> }).env, KOHTAAMO_ANALYSIS_THREADS: "2" };
      const worker = startCli(["worker", "--concurrency", "2"], env);
      let stderr = "";
      worker.stderr?.on("data", (d) => (stderr += d));
      try {
        await until(
          async () => (await two.analysisQueue.counts()).total === 0,
          "the worker to drain the queue",
          240_000,
        );
      } finally {
        worker.kill("SIGTERM");
      }
      // Its analysis threads closed with it: the process ends by itself.
      expect(await exited(worker), stderr).toBe(0);
      expect(stderr).not.toMatch(/failed/);

      const [a, b] = await Promise.all([stored(one), stored(two)]);
      expect(a.length).toBe(ENCOUNTERS + RESPONSES);
      expect(b).toEqual(a);
    }, 300_000);

    it("a reanalysis on two threads stores exactly what it stores on one", async () => {
      const threads = new AnalysisThreads(2);
      try {
        for (const [store, t] of [
          [stores[0] as Store, undefined],
          [stores[1] as Store, threads],
        ] as const) {
          const started = await startReanalysis(store, analyzer, "test", undefined, { deferred: true });
          expect(started).not.toBeNull();
          const summary = await continueReanalysis(
            store,
            analyzer,
            (started as { runId: string }).runId,
            undefined,
            t,
          );
          expect(summary).toMatchObject({ encounters: ENCOUNTERS, responses: RESPONSES });
        }
        expect(threads.batchesOnThreads).toBeGreaterThan(0);
        const [a, b] = await Promise.all([stored(stores[0] as Store), stored(stores[1] as Store)]);
        expect(a.length).toBe(ENCOUNTERS + RESPONSES);
        expect(b).toEqual(a);
      } finally {
        await threads.close();
      }
    }, 300_000);
  });
}
