import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { computeStaleIntervals } from "../../src/jobs/report-intervals-job.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { themesReport } from "../../src/workflows/themes-report.ts";
import { signedIn } from "../support/auth.ts";
import { runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * Bootstrap intervals by a job (issue 14 item 4): a report route never computes the theme or driver
 * bootstrap itself when a job queue runs. It serves the point figures at once with `intervals:
 * "pending"` (null interval ends, nothing called significant) and the reports.intervals job computes
 * and stores the report; then this process and another one (a `kohtaamo start` child process that
 * runs no jobs) serve the stored report, equal to the one computed inline. After an import the
 * stored report is out of date: pending again until the job ran, then with the new answers.
 */
const ZONE = "Europe/Helsinki";

type Impact = { value: number | null; low: number | null; high: number | null; significant: boolean };
type Themes = {
  n: number;
  intervals?: string;
  themes: { theme: string; answers: number; npsImpact: Impact }[];
};
type Drivers = { n: number; intervals?: string; drivers: { driver: string; low: number | null }[] };

for (const dialect of DIALECTS) {
  describe(`report intervals by a job (${dialect})`, { timeout: 300_000 }, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let queue: JobQueue;
    let app: ReturnType<typeof createApp>;
    let headers: Record<string, string>;
    let other: ChildProcess | undefined;
    let otherBase = "";

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      const demo = await runCli(["demo"], cli.env);
      if (demo.code !== 0) throw new Error(demo.stderr);
      store = storeFor(cli.env);
      // A queue, as `kohtaamo start` has one, but no runner: the test runs the job when it wants.
      queue = await openJobQueue(store, cli.env.DATABASE_URL);
      app = createApp({ store, timeZone: ZONE, pipeline: ingestPipeline({ analyzer: null }), jobs: queue });
      headers = (await signedIn(store, "analyst")).headers;
    }, 300_000);

    afterAll(async () => {
      if (other && other.exitCode === null) {
        other.kill("SIGTERM");
        await new Promise((r) => other?.once("exit", r));
      }
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    const get = async <T>(url: string, base?: string): Promise<T> => {
      // A keep-alive socket the server closed while the test ran a job is retried once (undici's race).
      const res = base
        ? await fetch(`${base}/api/v1${url}`, { headers }).catch(() =>
            fetch(`${base}/api/v1${url}`, { headers }),
          )
        : await app.request(`/api/v1${url}`, { headers });
      expect(res.status, url).toBe(200);
      return (await res.json()) as T;
    };
    const inline = async () => JSON.parse(JSON.stringify(await themesReport(store, {}, { timeZone: ZONE })));

    it("serves the point figures with the intervals pending, then the job's report", async () => {
      const pending = await get<Themes>("/reports/themes?from=2026-01-01&to=2026-04-01");
      expect(pending.intervals).toBe("pending");
      const measured = pending.themes.filter((t) => t.answers > 0);
      expect(measured.length).toBeGreaterThan(3);
      for (const t of measured) {
        expect(t.npsImpact.low).toBeNull();
        expect(t.npsImpact.high).toBeNull();
        expect(t.npsImpact.significant).toBe(false);
      }
      const drivers = await get<Drivers>("/reports/drivers");
      expect(drivers.intervals).toBe("pending");
      expect(drivers.drivers[0]?.low).toBeNull();
      // An agent's report reads that agent's rows (not the cube), and is a job's all the same.
      const busiest = await store.db
        .selectFrom("survey_responses")
        .select("agent_id")
        .where("kind", "=", "nps")
        .where("agent_id", "is not", null)
        .groupBy("agent_id")
        .orderBy((eb) => eb.fn.countAll(), "desc")
        .executeTakeFirstOrThrow();
      const agentUrl = `/reports/themes?agent=${encodeURIComponent(busiest.agent_id as string)}`;
      const agentPending = await get<Themes>(agentUrl);
      expect(agentPending.intervals).toBe("pending");
      expect(agentPending.n).toBeGreaterThan(0);

      const run = await computeStaleIntervals(store, ZONE);
      // The three asked for, and the whole-history themes report kept up to date without being asked.
      expect(run.computed).toBe(4);
      const agentReady = await get<Themes>(agentUrl);
      expect(agentReady.intervals).toBeUndefined();
      expect(agentReady).toEqual(
        JSON.parse(
          JSON.stringify(
            await themesReport(store, { agent: busiest.agent_id as string }, { timeZone: ZONE, scan: true }),
          ),
        ),
      );
      const ready = await get<Themes>("/reports/themes?from=2026-01-01&to=2026-04-01");
      expect(ready.intervals).toBeUndefined();
      const computedInline = JSON.parse(
        JSON.stringify(
          await themesReport(
            store,
            { from: "2025-12-31T22:00:00.000Z", to: "2026-03-31T21:00:00.000Z" },
            { timeZone: ZONE },
          ),
        ),
      );
      expect(ready).toEqual(computedInline);
      expect(ready.themes.some((t) => t.npsImpact.significant)).toBe(true);
      // Same point figures as while pending.
      for (const t of measured) {
        expect(ready.themes.find((x) => x.theme === t.theme)?.npsImpact.value).toBe(t.npsImpact.value);
      }
      expect((await get<Drivers>("/reports/drivers")).drivers[0]?.low).toEqual(expect.any(Number));
      // Nothing left to compute until the data change.
      expect((await computeStaleIntervals(store, ZONE)).computed).toBe(0);
    });

    it("another process serves the stored report without computing it", async () => {
      other = startCli(["start", "--port", "0", "--no-demo"], {
        ...cli.env,
        KOHTAAMO_TIMEZONE: ZONE,
        // No jobs in that process: what it serves can only come from the stored reports.
        KOHTAAMO_WORKER: "off",
      });
      let stderr = "";
      other.stderr?.on("data", (d) => (stderr += d));
      for (let i = 0; i < 600 && !otherBase; i++) {
        const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
        if (m?.[1]) otherBase = m[1];
        else await sleep(100);
      }
      expect(otherBase, stderr).not.toBe("");
      const here = await get<Themes>("/reports/themes");
      const there = await get<Themes>("/reports/themes", otherBase);
      expect(there.intervals).toBeUndefined();
      expect(there).toEqual(here);
      expect(there).toEqual(await inline());
    });

    it("after an import, the other process says pending until the job ran, then has the new answers", async () => {
      const before = await get<Themes>("/reports/themes", otherBase);
      const answers = Array.from({ length: 20 }, (_, i) => ({
        id: `interval-test-${i}`,
        kind: "nps",
        score: i % 11,
        answered_at: "2026-02-14T10:00:00Z",
        comment: "Lasku oli väärin ja jonotin puhelimessa tunnin.",
      }));
      const written = await acceptBatch(store, "responses", answers, {
        timeZone: ZONE,
        pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
      });
      expect(written.errors).toEqual([]);
      const pending = await get<Themes>("/reports/themes", otherBase);
      expect(pending.intervals).toBe("pending");
      expect(pending.n).toBe(before.n + 20);
      expect((await computeStaleIntervals(store, ZONE)).computed).toBeGreaterThanOrEqual(1);
      const ready = await get<Themes>("/reports/themes", otherBase);
      expect(ready.intervals).toBeUndefined();
      expect(ready.n).toBe(before.n + 20);
      expect(ready).toEqual(await inline());
    });
  });
}
