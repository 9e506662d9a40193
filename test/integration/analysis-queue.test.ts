import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { analysePending, analysisDeferral, analysisRecordsKind } from "../../src/jobs/analysis-job.ts";
import type { JobContext } from "../../src/jobs/job-kind.ts";
import { type JobQueue, type JobRunner, openJobQueue } from "../../src/jobs/job-queue.ts";
import { jobDb } from "../../src/jobs/job-table.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshCliEnv, freshStore, storeFor } from "../support/databases.ts";
import { liveTimes, syntheticEncounter, syntheticResponse } from "../support/synthetic-records.ts";
import { until } from "../support/waiting.ts";

/** Recent answers, so the detractors open cases on both sides of the comparison below. */
const ANSWER_TIMES = liveTimes();

/**
 * KOHTAAMO_ANALYSIS=queue on both databases, in-process: the write path stores records without
 * analysis and with their pending marks and jobs; the real runner (embedded / graphile-worker) runs
 * the analysis.records jobs; each record is analysed once, and running a job again stores nothing.
 */
const ENCOUNTERS = 600;
/** Sent through the API's batch POST on top of the ones written directly. */
const POSTED = 100;
const RESPONSES = 30;

/** Numbers to 10 significant digits: a sum over rows read in another order differs in its last bits. */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number(value.toPrecision(10));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

async function analysisRows(store: Store) {
  const { rows } = await sql<{ kind: string; n: number; subjects: number; latest: string | null }>`
    select subject_kind as kind, count(*) as n, count(distinct subject_id) as subjects,
           max(created_at) as latest
    from analysis_results group by subject_kind order by subject_kind`.execute(store.db);
  return rows.map((r) => ({ ...r, n: Number(r.n), subjects: Number(r.subjects) }));
}

for (const dialect of DIALECTS) {
  describe(`analysis queue on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    let runner: JobRunner | undefined;
    const analyzer = loadDefaultAnalyzer();
    const pipeline = () =>
      ingestPipeline({
        analyzer,
        deferral: analysisDeferral({ mode: "queue", databaseUrl: cli.env.DATABASE_URL }),
      });
    const write = (kind: "encounters" | "responses", items: Record<string, unknown>[]) =>
      acceptBatch(store, kind, items, { timeZone: "Europe/Helsinki", pipeline: pipeline() });

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      store = storeFor(cli.env);
      await store.migrate();
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
    });
    afterAll(async () => {
      await runner?.stop();
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("stores a batch without analysing it: each record with text pending, its jobs queued", async () => {
      const encounters = Array.from({ length: ENCOUNTERS }, (_, i) => syntheticEncounter(i, 4));
      const accepted = await write("encounters", encounters);
      expect(accepted).toMatchObject({ imported: ENCOUNTERS, errors: [] });
      // Answers about the first encounters: their copies of the encounter's facts follow its analysis.
      const responses = Array.from({ length: RESPONSES }, (_, i) => ({
        ...syntheticResponse(i, ANSWER_TIMES),
        encounter_id: `enc-${i}`,
      }));
      expect(await write("responses", responses)).toMatchObject({ imported: RESPONSES });

      expect(await analysisRows(store)).toEqual([]);
      const facts = await store.db
        .selectFrom("encounters")
        .select((eb) => eb.fn.count<number>("tone_score").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(facts.n)).toBe(0);
      // Every third synthetic answer has a comment.
      const commented = responses.filter((r) => r.comment).length;
      expect(await store.analysisQueue.counts()).toEqual({
        encounter: ENCOUNTERS,
        response: commented,
        pulse: 0,
        total: ENCOUNTERS + commented,
      });
      // 250 encounters per job: 3 jobs, and one for the comments.
      expect(await queue.counts()).toMatchObject({ queued: 4, running: 0, failed: 0 });
    });

    it("GET /analysis/status counts them; a batch POST is stored and queued, not analysed", async () => {
      const app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: pipeline(), jobs: queue });
      const analyst = (await signedIn(store, "analyst")).headers;
      const status = async (headers: Record<string, string>) => {
        const res = await app.request("/api/v1/analysis/status", { headers });
        return { code: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const commented = Math.ceil(RESPONSES / 3);
      expect(await status(analyst)).toMatchObject({
        code: 200,
        body: {
          mode: "queue",
          pending: { encounter: ENCOUNTERS, response: commented, pulse: 0, total: ENCOUNTERS + commented },
          workers: 0,
        },
      });
      expect((await status(analyst)).body.oldestPendingAt).toEqual(expect.any(String));
      // Agents have no overview: no status either.
      expect((await status((await signedIn(store, "agent")).headers)).code).toBe(403);

      const items = Array.from({ length: POSTED }, (_, i) => syntheticEncounter(ENCOUNTERS + i, 4));
      const posted = await app.request("/api/v1/encounters", {
        method: "POST",
        headers: { ...analyst, "content-type": "application/json" },
        body: JSON.stringify(items),
      });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toMatchObject({ imported: POSTED });
      expect(await analysisRows(store)).toEqual([]);
      expect((await status(analyst)).body).toMatchObject({
        pending: { encounter: ENCOUNTERS + POSTED, total: ENCOUNTERS + POSTED + commented },
      });
      expect(await queue.counts()).toMatchObject({ queued: 5 });
    });

    it("runs the jobs: every pending record analysed exactly once, its facts on the record", async () => {
      const context = { store, analyzer: () => analyzer } as unknown as JobContext;
      runner = await queue.startRunner({
        kinds: [analysisRecordsKind],
        context,
        concurrency: 2,
        pollMs: 100,
      });
      await until(async () => (await store.analysisQueue.counts()).total === 0, "the queue to drain");
      // graphile-worker records a job done just before it releases it: wait for both.
      await until(async () => {
        const c = await queue.counts();
        return c.done === 5 && c.running === 0 && c.queued === 0;
      }, "the 5 jobs to be done and released");
      const commented = Math.ceil(RESPONSES / 3);
      const encounters = ENCOUNTERS + POSTED;
      expect(await analysisRows(store)).toMatchObject([
        { kind: "encounter", n: encounters, subjects: encounters },
        { kind: "response", n: commented, subjects: commented },
      ]);
      const facts = await store.db
        .selectFrom("encounters")
        .select((eb) => eb.fn.count<number>("tone_score").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(facts.n)).toBe(encounters);
      expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, failed: 0, done: 5 });
    });

    it("once analysis catches up, facts, answer copies, cases and reports equal those of inline analysis", async () => {
      const inline = await freshStore(dialect);
      try {
        const opts = { timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer }) };
        const encounters = Array.from({ length: ENCOUNTERS + POSTED }, (_, i) => syntheticEncounter(i, 4));
        await acceptBatch(inline.store, "encounters", encounters, opts);
        const responses = Array.from({ length: RESPONSES }, (_, i) => ({
          ...syntheticResponse(i, ANSWER_TIMES),
          encounter_id: `enc-${i}`,
        }));
        await acceptBatch(inline.store, "responses", responses, opts);
        const facts = (db: Store) =>
          Promise.all([
            db.db
              .selectFrom("encounters")
              .select(["id", "theme_codes", "tone_score", "tone_label", "trajectory", "effort_codes"])
              .orderBy("id")
              .execute(),
            db.db
              .selectFrom("survey_responses")
              .select(["id", "theme_codes", "tone_score", "tone_label", "enc_theme_codes", "enc_linked"])
              .orderBy("id")
              .execute(),
            sql<{ n: number }>`select count(*) as n from cases`
              .execute(db.db)
              .then((r) => Number(r.rows[0]?.n)),
          ]);
        const [queued, direct] = await Promise.all([facts(store), facts(inline.store)]);
        expect(queued[0].filter((e) => e.theme_codes !== null).length).toBeGreaterThan(0);
        expect(direct[2]).toBeGreaterThan(0);
        expect(queued).toEqual(direct);
        const analyst = async (s: Store) => ({
          app: createApp({ store: s, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer }) }),
          headers: (await signedIn(s, "analyst")).headers,
        });
        const [a, b] = await Promise.all([analyst(store), analyst(inline.store)]);
        for (const report of ["themes", "drivers", "consistency"]) {
          const [x, y] = await Promise.all(
            [a, b].map(async ({ app, headers }) => {
              const res = await app.request(`/api/v1/reports/${report}`, { headers });
              expect(res.status, report).toBe(200);
              return rounded(await res.json());
            }),
          );
          expect(x, report).toEqual(y);
        }
      } finally {
        await inline.dispose();
      }
    });

    it("a job run again stores nothing: its records are no longer pending", async () => {
      const before = await analysisRows(store);
      const ids = Array.from({ length: 250 }, (_, i) => `enc-${i}`);
      expect(await analysePending(store, analyzer, { subjectKind: "encounter", ids })).toEqual({
        analysed: 0,
        skipped: 250,
      });
      expect(await analysisRows(store)).toEqual(before);
    });

    it("an analysis of text that was written again before it was stored is not kept", async () => {
      await runner?.stop();
      runner = undefined;
      const first = { ...syntheticEncounter(9000, 2), id: "enc-rewritten" };
      await write("encounters", [first]);
      const tokens = await store.analysisQueue.tokens("encounter", ["enc-rewritten"]);
      const [item] = await store.reanalysis.itemsOf("encounter", ["enc-rewritten"]);
      const { analyseItem } = await import("../../src/ingest/reanalyzer.ts");
      const stale = item ? analyseItem(analyzer, item) : [];
      // The record changes (a turn is added) while its analysis is under way.
      await write("encounters", [{ ...syntheticEncounter(9000, 4), id: "enc-rewritten" }]);
      expect(await store.writeQueuedAnalyses("encounter", tokens, stale)).toBe(0);
      expect((await store.analysisQueue.counts()).encounter).toBe(1);
      // The job of the new text analyses it.
      expect(
        await analysePending(store, analyzer, { subjectKind: "encounter", ids: ["enc-rewritten"] }),
      ).toEqual({ analysed: 1, skipped: 0 });
      const stored = await store.analysis.latest("encounter", "enc-rewritten");
      expect((stored?.result as { turns?: unknown[] } | undefined)?.turns).toHaveLength(4);
      expect((await store.analysisQueue.counts()).total).toBe(0);
    });

    it("redacts personal data before anything is written, and the queued analysis never sees it", async () => {
      const text = "Laskuni on väärin! Soittakaa minulle numeroon 040 123 4567, jonotin jo tunnin.";
      const item = {
        ...syntheticEncounter(9100, 2),
        id: "enc-pii",
        turns: [
          { speaker: "customer", text, at: 0 },
          { speaker: "agent", text: "Korjaan laskun.", at: 20 },
        ],
      };
      await write("encounters", [item]);
      const stored = await store.encounters.get("enc-pii");
      expect(stored?.turns[0]?.text).toBe(
        "Laskuni on väärin! Soittakaa minulle numeroon [PHONE], jonotin jo tunnin.",
      );
      expect(await store.analysis.latest("encounter", "enc-pii")).toBeUndefined();
      expect(
        await analysePending(store, analyzer, { subjectKind: "encounter", ids: ["enc-pii"], redacted: true }),
      ).toEqual({ analysed: 1, skipped: 0 });
      const analysis = await store.analysis.latest("encounter", "enc-pii");
      expect(JSON.stringify(analysis?.result)).not.toContain("040 123 4567");
      const themes = (analysis?.result as { themes?: { id: string }[] } | undefined)?.themes ?? [];
      // The turn names three topics; the analysis keeps what it is sure of, and nothing else.
      expect(themes.length).toBeGreaterThan(0);
      for (const t of themes) expect(["billing", "callback", "waiting"]).toContain(t.id);
    });

    it("a re-import of unchanged records queues nothing", async () => {
      const jobs = await queue.counts();
      const encounters = Array.from({ length: 10 }, (_, i) => syntheticEncounter(i, 4));
      expect(await write("encounters", encounters)).toMatchObject({ unchanged: 10 });
      expect((await store.analysisQueue.counts()).total).toBe(0);
      expect(await queue.counts()).toEqual(jobs);
    });

    it("auto: analysed in the write while no worker runs, queued while one does", async () => {
      const auto = () =>
        ingestPipeline({
          analyzer,
          deferral: analysisDeferral({ mode: "auto", databaseUrl: cli.env.DATABASE_URL }),
        });
      const opts = { timeZone: "Europe/Helsinki" };
      await acceptBatch(store, "encounters", [{ ...syntheticEncounter(1, 2), id: "enc-auto-1" }], {
        ...opts,
        pipeline: auto(),
      });
      expect(await store.analysis.latest("encounter", "enc-auto-1")).toBeDefined();
      expect((await store.analysisQueue.counts()).total).toBe(0);

      // A `kohtaamo worker` on another machine, its heartbeat fresh.
      const now = new Date().toISOString();
      const workers = jobDb(store.db);
      await workers
        .insertInto("job_workers")
        .values({
          id: "w-elsewhere",
          token: "t",
          pid: 1,
          host: "another-host.example.org",
          concurrency: 2,
          queue_worker_ids: "[]",
          started_at: now,
          heartbeat_at: now,
        })
        .execute();
      try {
        await acceptBatch(store, "encounters", [{ ...syntheticEncounter(2, 2), id: "enc-auto-2" }], {
          ...opts,
          pipeline: auto(),
        });
        expect(await store.analysis.latest("encounter", "enc-auto-2")).toBeUndefined();
        expect((await store.analysisQueue.counts()).encounter).toBe(1);
      } finally {
        await workers.deleteFrom("job_workers").where("id", "=", "w-elsewhere").execute();
      }
      // The worker gone, the record written again is analysed in the write, and awaits nothing more.
      await acceptBatch(store, "encounters", [{ ...syntheticEncounter(2, 4), id: "enc-auto-2" }], {
        ...opts,
        pipeline: auto(),
      });
      expect(await store.analysis.latest("encounter", "enc-auto-2")).toBeDefined();
      expect((await store.analysisQueue.counts()).total).toBe(0);
    });
  });
  it(`on ${dialect}, the first queued write installs the job queue itself when no worker ever ran`, async () => {
    const fresh = await freshCliEnv(dialect);
    const db = storeFor(fresh.env);
    try {
      await db.migrate();
      const pipeline = ingestPipeline({
        analyzer: loadDefaultAnalyzer(),
        deferral: analysisDeferral({ mode: "queue", databaseUrl: fresh.env.DATABASE_URL }),
      });
      const items = [syntheticEncounter(1, 2)];
      expect(await acceptBatch(db, "encounters", items, { timeZone: "UTC", pipeline })).toMatchObject({
        imported: 1,
      });
      const queue = await openJobQueue(db, fresh.env.DATABASE_URL);
      try {
        expect(await queue.counts()).toMatchObject({ queued: 1 });
      } finally {
        await queue.close();
      }
    } finally {
      await db.close();
      await fresh.dispose();
    }
  });
}
