import { z } from "zod";
import { config } from "../config.ts";
import type { Store } from "../store/index.ts";
import { ReportIntervalRepository } from "../store/report-interval-repository.ts";
import { driversReport } from "../workflows/drivers-report.ts";
import { refreshCube } from "../workflows/report-cube.ts";
import { type IntervalParams, requestDefaults } from "../workflows/report-intervals.ts";
import { withThemeNames } from "../workflows/theme-names.ts";
import { themesReport } from "../workflows/themes-report.ts";
import { defineJobKind } from "./job-kind.ts";

/** Selections computed per run (the most recently asked first); the rest wait for the next run. */
const PER_RUN = 20;
/** A selection nobody asked for in this long is no longer kept up to date. */
const FORGET_AFTER_MS = 30 * 86_400_000;

/**
 * Brings the cube up to date, then computes the theme and driver reports, bootstrap intervals
 * included, of every selection asked for (and the whole-history ones, requestDefaults) whose stored
 * report is older than the cube (workflows/report-intervals.ts), and stores them for that generation.
 * Idempotent: a report computed twice for one generation is the same report (seeded bootstrap).
 * Selections in another time zone than this process's are left alone: computing them would rebuild
 * the cube in that zone (deployment.md: every process has the same KOHTAAMO_TIMEZONE).
 */
export async function computeStaleIntervals(
  store: Store,
  timeZone: string,
): Promise<{ computed: number; forgotten: number }> {
  const repo = new ReportIntervalRepository(store.db);
  const now = Date.now();
  const forgotten = await repo.forget(new Date(now - FORGET_AFTER_MS).toISOString());
  await requestDefaults(store, timeZone);
  await refreshCube(store, timeZone);
  const generation = await store.cube.generation();
  if (generation === null) return { computed: 0, forgotten };
  let computed = 0;
  for (const selection of await repo.stale(generation, PER_RUN)) {
    const p = JSON.parse(selection.params) as IntervalParams;
    if (p.timeZone !== timeZone) continue;
    // Under the asking process's names, scoped to this computation: the process's own names (what
    // requests answered meanwhile show) are never swapped out.
    await withThemeNames(JSON.parse(p.names), () => computeOne(store, repo, selection.key, generation, p));
    computed++;
  }
  return { computed, forgotten };
}

/** One selection's report under the asking process's theme names (the stored report carries them). */
async function computeOne(
  store: Store,
  repo: ReportIntervalRepository,
  key: string,
  generation: string,
  p: IntervalParams,
): Promise<void> {
  // Stored for the generation read above: should a write land meanwhile (the report refreshes the
  // cube again), the row stays older than the cube and the next run computes it again.
  const options = { timeZone: p.timeZone, intervals: "inline", fresh: true } as const;
  const report =
    p.key.report === "themes"
      ? await themesReport(store, p.filter, options)
      : await driversReport(store, p.filter, {
          ...options,
          ...(p.key.performanceTarget === null ? {} : { performanceTarget: p.key.performanceTarget }),
        });
  await repo.save(key, generation, JSON.stringify(report), new Date().toISOString());
}

/**
 * Periodic: every runner enqueues it (at most one waits at a time), so intervals asked for appear
 * within seconds, and after any write the selections asked for are computed again.
 */
export const reportIntervalsKind = defineJobKind({
  name: "reports.intervals",
  description:
    "compute the bootstrap intervals of the theme and driver reports the dashboard asked for, once per change of the data",
  schema: z.object({}),
  handle: (ctx) => computeStaleIntervals(ctx.store, config().timeZone),
  maxAttempts: 3,
  backoffMs: 5_000,
  every: 5_000,
});
