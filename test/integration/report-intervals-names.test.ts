import type { KyselyPlugin, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { computeStaleIntervals } from "../../src/jobs/report-intervals-job.ts";
import type { Store } from "../../src/store/index.ts";
import { loadAnswerCells, loadEncounterThemeMonths } from "../../src/workflows/report-cube.ts";
import { setWorkspaceThemeNames, withThemeNames } from "../../src/workflows/theme-names.ts";
import { buildThemesReport, themesReport } from "../../src/workflows/themes-report.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { CUSTOMER_LINES } from "../support/synthetic-records.ts";

/**
 * The reports.intervals job computes a selection under the theme names of the process that asked
 * for it, and a request this process answers meanwhile keeps this process's names. The job is
 * paused as it stores each report (a Kysely plugin on the job's handle of report_intervals holds
 * it there, no timing involved); while it waits, a request builds a themes report. On the old code
 * (names swapped process-wide, restored after each report) the request built under the other
 * process's names showed them; now each computation sees its own names, and the report cache keeps
 * the two apart.
 */
const ZONE = "Europe/Helsinki";

type Names = { id: string; name: { fi: string; en: string } }[];
const named = (ids: string[], prefix: string): Names =>
  ids.map((id) => ({ id, name: { fi: `${prefix} ${id} fi`, en: `${prefix} ${id} en` } }));
const enNames = (report: { themes: { name: { en: string } }[] }) => report.themes.map((t) => t.name.en);

/** Holds every query that stores a report's value (the job's save) until the test lets it go on. */
class PauseAtSave implements KyselyPlugin {
  private saves = new Set<unknown>();
  private waiting: (() => void) | null = null;
  private reachedNext: (() => void) | null = null;
  private reached: Promise<void> = this.arm();

  private arm(): Promise<void> {
    this.reached = new Promise((r) => {
      this.reachedNext = r;
    });
    return this.reached;
  }

  transformQuery(args: { node: RootOperationNode; queryId: unknown }): RootOperationNode {
    const node = args.node;
    if (node.kind === "UpdateQueryNode" && JSON.stringify(node.table).includes('"report_intervals"')) {
      const columns = JSON.stringify(node.updates ?? []);
      if (columns.includes('"value"')) this.saves.add(args.queryId);
    }
    return node;
  }

  async transformResult<R extends { rows: UnknownRow[] }>(args: { result: R; queryId: unknown }): Promise<R> {
    if (!this.saves.delete(args.queryId)) return args.result;
    const go = new Promise<void>((r) => {
      this.waiting = r;
    });
    this.reachedNext?.();
    await go;
    return args.result;
  }

  /** Resolves once the job waits in a save; the next call waits for the next save. */
  async nextSave(): Promise<void> {
    await this.reached;
    this.arm();
  }

  release(): void {
    const go = this.waiting;
    this.waiting = null;
    go?.();
  }
}

for (const dialect of DIALECTS) {
  describe(`report intervals under another process's theme names (${dialect})`, { timeout: 120_000 }, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let ids: string[] = [];

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
      await writeThroughPipeline(
        store,
        pipeline,
        "responses",
        Array.from({ length: 60 }, (_, i) => ({
          id: `r-${i}`,
          kind: "nps" as const,
          score: (i * 7) % 11,
          comment: CUSTOMER_LINES[i % CUSTOMER_LINES.length] as string,
          answeredAt: new Date(Date.UTC(2026, i % 3, 1 + (i % 27), 9)).toISOString(),
          channel: "chat",
          team: `team-${i % 3}`,
        })),
      );
      const shipped = await themesReport(store, {}, { timeZone: ZONE, scan: true });
      ids = shipped.themes.map((t) => t.theme);
    }, 120_000);

    afterAll(async () => {
      setWorkspaceThemeNames(null);
      await dispose?.();
    });

    it("a request answered while the job computes under other names keeps this process's names", async () => {
      expect(ids.length).toBeGreaterThan(1);
      const ours = named(ids, "ours");
      const theirs = named(ids, "theirs");
      // Another process (or this one before its taxonomy was edited) asked for the report under its names.
      setWorkspaceThemeNames(theirs);
      expect((await themesReport(store, {}, { timeZone: ZONE, intervals: "stored" })).intervals).toBe(
        "pending",
      );
      // This process's names, as the server sets them before each request.
      setWorkspaceThemeNames(ours);
      expect((await themesReport(store, {}, { timeZone: ZONE, intervals: "stored" })).intervals).toBe(
        "pending",
      );

      // What a request reads before it names the themes (loaded now: the job holds SQLite's connection while paused).
      const cells = await loadAnswerCells(store, {}, { scan: true });
      const volumes = await loadEncounterThemeMonths(store, {}, { scan: true });

      const pause = new PauseAtSave();
      const jobStore = Object.create(store, { db: { value: store.db.withPlugin(pause) } }) as Store;
      let done = false;
      const job = computeStaleIntervals(jobStore, ZONE).finally(() => {
        done = true;
      });
      const seen: string[][] = [];
      while (!done) {
        await Promise.race([pause.nextSave(), job]);
        if (done) break;
        // The job has computed a report and is storing it: a request answered now, in this process.
        seen.push(enNames(buildThemesReport(cells, volumes)));
        pause.release();
      }
      const run = await job;
      // The two selections asked for, and the whole-history drivers report kept up to date unasked.
      expect(run.computed).toBe(3);
      expect(seen).toHaveLength(3);
      expect(seen.flat().filter((n) => !n.startsWith("ours "))).toEqual([]);

      // Each stored report carries the names it was asked under, and the cache keeps them apart.
      const stored = await themesReport(store, {}, { timeZone: ZONE, intervals: "stored" });
      expect(stored.intervals).toBeUndefined();
      expect(enNames(stored).filter((n) => !n.startsWith("ours "))).toEqual([]);
      const other = await withThemeNames(theirs, () =>
        themesReport(store, {}, { timeZone: ZONE, intervals: "stored" }),
      );
      expect(other.intervals).toBeUndefined();
      expect(enNames(other).filter((n) => !n.startsWith("theirs "))).toEqual([]);
      expect(enNames(await themesReport(store, {}, { timeZone: ZONE, intervals: "stored" }))).toEqual(
        enNames(stored),
      );
    });
  });
}
