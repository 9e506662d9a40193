import { createHash } from "node:crypto";
import type { ListFilter, Store } from "../store/index.ts";
import { ReportIntervalRepository } from "../store/report-interval-repository.ts";
import { themeNamesKey } from "./theme-names.ts";

/**
 * Bootstrap intervals of the theme and driver reports computed by a job, not by the reader (issue 14
 * item 4). A report served over HTTP (intervals "stored") is the one the reports.intervals job stored
 * for the selection at the cube's current generation (report_intervals, migration 0021), whichever
 * process computed it; when there is none yet, the reader gets the point figures at once, marked
 * `intervals: "pending"` with null interval ends, and the selection is recorded for the job. The job
 * (jobs/report-intervals-job.ts) computes every selection asked for whose stored report is older than
 * the cube, so after a write the next run recomputes what the dashboard reads: cached until the data
 * change. Why: the drivers' bootstrap took about 1 s after every change (bench:scale, 10M answers),
 * and it was cached per process, so every web process paid it again.
 */

const DAY = 86_400_000;

/** Which cube-served report, and its option that changes the figures. */
export type CubeReportKey = { report: "themes" } | { report: "drivers"; performanceTarget: number | null };

/** What the job needs to compute a selection's report again. */
export interface IntervalParams {
  key: CubeReportKey;
  filter: ListFilter;
  timeZone: string;
  /** themeNamesKey() of the process that asked: the names the stored report carries. */
  names: string;
}

/**
 * A selection as this process asks for it (its own theme names), with the stored row's key: a hash
 * of everything that makes the report differ.
 */
function selectionOf(key: CubeReportKey, filter: ListFilter, timeZone: string) {
  const params: IntervalParams = { key, filter, timeZone, names: themeNamesKey() };
  const json = JSON.stringify(params);
  return { key: createHash("sha256").update(json).digest("hex"), report: key.report, params: json };
}

/**
 * The stored report of a selection at `generation`, or null after recording that it was asked for
 * (the caller then serves the point figures as pending).
 */
export async function storedReport<T>(
  store: Store,
  key: CubeReportKey,
  filter: ListFilter,
  timeZone: string,
  generation: string,
): Promise<T | null> {
  const selection = selectionOf(key, filter, timeZone);
  const repo = new ReportIntervalRepository(store.db);
  const value = await repo.stored(selection.key, generation);
  const now = new Date();
  if (value !== null) {
    await repo.touch(selection.key, now.toISOString(), new Date(+now - DAY).toISOString());
    return JSON.parse(value) as T;
  }
  await repo.request(selection, now.toISOString());
  return null;
}

/**
 * The whole-history theme and driver reports (what the dashboard opens on) as selections to keep up
 * to date even before anyone asked, so the first reader after a start or an import finds them.
 */
export async function requestDefaults(store: Store, timeZone: string): Promise<void> {
  const repo = new ReportIntervalRepository(store.db);
  const keys: CubeReportKey[] = [{ report: "themes" }, { report: "drivers", performanceTarget: null }];
  for (const key of keys) {
    await repo.request(selectionOf(key, {}, timeZone), new Date().toISOString(), { keepTime: true });
  }
}
