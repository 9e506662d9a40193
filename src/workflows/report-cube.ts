import { DateTime } from "luxon";
import { assignGroup } from "../stats/bootstrap.ts";
import {
  NPS_ANSWER_COLUMNS as C,
  type CubeCell,
  type ListFilter,
  parseThemeCodes,
  type Store,
} from "../store/index.ts";
import {
  type AnswerCells,
  AnswerCellsBuilder,
  AnswerDecoder,
  addAnswer,
  addWidened,
  CELL_GROUPS,
  CellLayout,
  compact,
  GrowingVectors,
} from "./answer-cells.ts";
import { type CubeReportKey, storedReport } from "./report-intervals.ts";
import { themeNamesVersion } from "./theme-names.ts";

/**
 * The report cube as the theme and driver reports use it: answers and analysed encounters summed
 * per month (of the workspace's time zone) × team × channel (× bucket, for answers) by
 * store/cube-repository.ts, refreshed from the rows for every month a write marked dirty.
 *
 * A report reads the cube when its selection is made of whole cells: whole months of the zone (or no
 * period), any team, teams or channel, no agent or touchpoint. Any other selection scans its rows,
 * as before; both give the same point figures (report-cube.test.ts). The bootstrap then resamples
 * cells (month × team × channel × one of CUBE_BUCKETS random buckets of answers) in CELL_GROUPS
 * random groups: a cluster bootstrap, a little more conservative than resampling answers, because
 * answers of one team in one month are not independent.
 */
export const CUBE_BUCKETS = 16;

export interface CubeOptions {
  /** The workspace's time zone (config.timeZone): months of the cube and of whole-month periods. */
  timeZone?: string;
  /** Scan the rows even when the cube could answer (tests and benchmarks compare the two). */
  scan?: boolean;
  /** The cube was refreshed just before (cachedOnCube passes this to what it computes). */
  fresh?: boolean;
  /**
   * Bootstrap intervals of the theme and driver reports: "inline" (default) computes them now;
   * "stored" (the HTTP routes) serves the report the reports.intervals job stored for the cube's
   * generation, or the point figures marked pending and asks the job for it (report-intervals.ts);
   * "none" leaves them out.
   */
  intervals?: "inline" | "stored" | "none";
  /**
   * Who brings the cube up to date before a read: "reader" (default) refreshes it first; "job" reads
   * it as last committed and leaves the refresh to the reports.intervals job, which a live `kohtaamo
   * worker` runs every few seconds (the HTTP routes choose it when one runs). Only a cube never
   * built is refreshed by the reader. Why: during a large import every batch marks months dirty, and
   * readers that rebuilt them (about 260,000 answers per batch at 1,000,000) spent the web process's
   * CPU on it while 20 dashboard readers waited (bench:load).
   */
  refresh?: "reader" | "job";
}

/** Brings the cube up to date before a read, unless it was just now or a job keeps it (options.refresh). */
export async function readyCube(store: Store, timeZone: string, options: CubeOptions): Promise<void> {
  if (options.fresh) return;
  if (options.refresh === "job" && (await store.cube.generation()) !== null) return;
  await refreshCube(store, timeZone);
}

/**
 * The cube's cells of a selection with the theme ids of their columns, or null when the cube cannot
 * answer it (the caller scans the rows). An agent's selection is answered from the agent cells
 * (migration 0025) only for point figures (intervals "none", what a reader serves while the
 * reports.intervals job computes the report): they have no buckets to resample, so a bootstrap of
 * one agent still reads that agent's answers, as the job does.
 */
async function cubeCells(
  store: Store,
  source: "answers" | "encounters",
  filter: ListFilter,
  options: CubeOptions,
): Promise<{ themes: string[]; cells: CubeCell[] } | null> {
  if (options.scan || !options.timeZone) return null;
  const byAgent = Boolean(filter.agent) && options.intervals === "none";
  const months = cubeMonths(filter, options.timeZone, byAgent ? "agents" : "vectors");
  if (months === null) return null;
  await readyCube(store, options.timeZone, options);
  const [themes, cells] = await Promise.all([
    store.cube.themes(),
    byAgent ? store.cube.agentCells(source, months, filter) : store.cube.cells(source, months, filter),
  ]);
  return { themes, cells };
}

/** The NPS answers of a selection as bootstrap-group vectors, from the cube when it can answer. */
export async function loadAnswerCells(
  store: Store,
  filter: ListFilter,
  options: CubeOptions = {},
): Promise<AnswerCells> {
  const read = await cubeCells(store, "answers", filter, options);
  if (read === null) {
    const builder = new AnswerCellsBuilder();
    await store.insights.scanNpsAnswers(filter, (row) => builder.add(row));
    return builder.build();
  }
  const { themes, cells } = read;
  const layout = new CellLayout(themes.length);
  const groups = Array.from({ length: CELL_GROUPS }, () => new Float64Array(layout.length));
  const layouts = new Map<number, CellLayout>();
  for (const cell of cells) {
    let from = layouts.get(cell.themes);
    if (!from) {
      from = new CellLayout(cell.themes);
      layouts.set(cell.themes, from);
    }
    const g = assignGroup(
      hash32(
        `${cell.month}|${cell.team}|${cell.channel}|${cell.bucket}${cell.agent ? `|${cell.agent}` : ""}`,
      ),
      CELL_GROUPS,
    );
    addWidened(groups[g] as Float64Array, layout, cell.stats, from);
  }
  return compact(themes, layout, groups);
}

const CACHE_SIZE = 32;
const reportCache = new WeakMap<Store, Map<string, unknown>>();
/** Point figures served while the job computes a selection's intervals, per generation (or computing). */
const pendingCache = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** A per-store LRU map of at most CACHE_SIZE entries. */
function cacheOf<V>(caches: WeakMap<Store, Map<string, V>>, store: Store): Map<string, V> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
}

function remember<V>(cache: Map<string, V>, id: string, value: V): void {
  cache.delete(id);
  cache.set(id, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * A report cached until the data changes: keyed by the cube's generation (a new one with every
 * refresh that rebuilt a month, whichever process wrote), the theme names, the report and its
 * selection. Also a selection the cube cannot answer (an agent, a period edge inside a month): it
 * reads rows, but every write to them marks a month dirty, so the generation changes with them too.
 * The caller gets a copy, so suppressing groups for one role never reaches another's answer.
 */
export async function cachedOnCube<T>(
  store: Store,
  filter: ListFilter,
  options: CubeOptions,
  key: CubeReportKey,
  compute: (options: CubeOptions) => Promise<T>,
): Promise<T> {
  if (options.scan || !options.timeZone) {
    return compute(options.intervals === "stored" ? { ...options, intervals: "inline" } : options);
  }
  await readyCube(store, options.timeZone, options);
  const generation = await store.cube.generation();
  const id = JSON.stringify([key, generation, themeNamesVersion(), options.timeZone, filter]);
  const cache = cacheOf(reportCache, store);
  if (cache.has(id)) {
    const hit = cache.get(id) as T;
    remember(cache, id, hit);
    return structuredClone(hit);
  }
  let value: T;
  if (options.intervals === "stored" && generation !== null) {
    // The job's report for this generation, or the point figures now and the intervals pending.
    const stored = await storedReport<T>(store, key, filter, options.timeZone, generation);
    if (stored === null) {
      // Computed once per generation and selection, however many readers ask while the job works:
      // during an import the generation changes every few seconds, and each of 20 dashboard readers
      // computing the same point figures again kept the web process busy (bench:load).
      const pending = cacheOf(pendingCache, store);
      let point = pending.get(id) as Promise<T> | undefined;
      if (!point) {
        point = compute({ ...options, fresh: true, intervals: "none" });
        remember(pending, id, point);
        point.catch(() => pending.delete(id));
      }
      return structuredClone(await point);
    }
    value = stored;
  } else value = await compute({ ...options, fresh: true, intervals: "inline" });
  remember(cache, id, structuredClone(value));
  return value;
}

/** Analysed encounters by month and theme: volume, tone and monthly counts. */
export interface EncounterVolumes {
  months: string[];
  monthTotals: number[];
  total: number;
  themes: Map<string, { negative: number; neutral: number; positive: number; monthly: number[] }>;
}

/** Theme volumes of the analysed encounters of a selection, from the cube when it can answer. */
export async function loadEncounterThemeMonths(
  store: Store,
  filter: ListFilter,
  options: CubeOptions = {},
): Promise<EncounterVolumes> {
  const read = await cubeCells(store, "encounters", filter, options);
  if (read === null) return encounterVolumes(await store.insights.encounterThemeMonths(filter));
  const { themes, cells } = read;
  const monthList = [...new Set(cells.map((c) => c.month))].sort();
  const at = new Map(monthList.map((m, i) => [m, i]));
  const out: EncounterVolumes = {
    months: monthList,
    monthTotals: monthList.map(() => 0),
    total: 0,
    themes: new Map(),
  };
  for (const cell of cells) {
    const m = at.get(cell.month) as number;
    const n = cell.stats[0] as number;
    out.monthTotals[m] = (out.monthTotals[m] as number) + n;
    out.total += n;
    for (let t = 0; t < cell.themes; t++) {
      const [neg, neu, pos] = [1, 2, 3].map((k) => cell.stats[3 * t + k] as number) as [
        number,
        number,
        number,
      ];
      if (neg + neu + pos === 0) continue;
      const id = themes[t] as string;
      let v = out.themes.get(id);
      if (!v) {
        v = { negative: 0, neutral: 0, positive: 0, monthly: monthList.map(() => 0) };
        out.themes.set(id, v);
      }
      v.negative += neg;
      v.neutral += neu;
      v.positive += pos;
      v.monthly[m] = (v.monthly[m] as number) + neg + neu + pos;
    }
  }
  return out;
}

/** Rows of (month, theme codes, count) → EncounterVolumes: the scan path. */
export function encounterVolumes(
  rows: { month: string; themeCodes: string | null; n: number }[],
): EncounterVolumes {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const monthTotals = months.map(() => 0);
  const themes: EncounterVolumes["themes"] = new Map();
  let total = 0;
  for (const row of rows) {
    const m = months.indexOf(row.month);
    monthTotals[m] = (monthTotals[m] as number) + row.n;
    total += row.n;
    for (const [theme, polarity] of parseThemeCodes(row.themeCodes)) {
      const v = themes.get(theme) ?? { negative: 0, neutral: 0, positive: 0, monthly: months.map(() => 0) };
      if (polarity < 0) v.negative += row.n;
      else if (polarity > 0) v.positive += row.n;
      else v.neutral += row.n;
      v.monthly[m] = (v.monthly[m] as number) + row.n;
      themes.set(theme, v);
    }
  }
  return { months, monthTotals, total, themes };
}

/**
 * Brings both cubes up to date: recomputes every month a write marked dirty since the last refresh
 * (all months when the time zone changed). Imports call it when they finish, so the first
 * dashboard reader after an import does not pay for it. Returns the months rebuilt. The score
 * cells need no rebuild (migration 0024's triggers keep them with every write): they are recounted
 * only in a new zone, and on PostgreSQL the writers' deltas are folded into them here.
 */
export async function refreshCube(
  store: Store,
  timeZone: string,
): Promise<{ answers: string[]; encounters: string[] }> {
  await store.cube.tidyScores(timeZone);
  const answers = await store.cube.refresh("answers", timeZone, async (month, themeIndex) => {
    const cells = new GrowingVectors(0, true);
    const keys = new Map<string, { team: string; channel: string; bucket: number; agent?: string }>();
    const decoder = new AnswerDecoder((theme) => {
      const t = themeIndex(theme);
      cells.ensure(t);
      return t;
    });
    await store.insights.scanNpsAnswers({ from: month.from, to: month.to }, (row) => {
      const a = decoder.decode(row);
      const team = (row[C.team] as string | null) ?? "";
      const channel = (row[C.channel] as string | null) ?? "";
      const bucket = hash32(String(row[C.id])) % CUBE_BUCKETS;
      const key = `${team}\u0000${channel}\u0000${bucket}`;
      if (!keys.has(key)) keys.set(key, { team, channel, bucket });
      addAnswer(cells.get(key), cells.layout, a);
      // The agent's cell of the same answer (migration 0025): no bucket, point figures only.
      const agent = row[C.agent] as string | null;
      if (agent) {
        const agentKey = `${agent}\u0000${team}\u0000${channel}\u0000a`;
        if (!keys.has(agentKey)) keys.set(agentKey, { team, channel, bucket: 0, agent });
        addAnswer(cells.get(agentKey), cells.layout, a);
      }
    });
    return [...keys].map(
      ([key, k]): CubeCell => ({
        month: month.month,
        ...k,
        themes: cells.layout.themes,
        stats: cells.get(key),
      }),
    );
  });
  const encounters = await store.cube.refresh("encounters", timeZone, async (month, themeIndex) => {
    const cells = new Map<string, { team: string; channel: string; agent?: string; stats: number[] }>();
    let width = 0;
    await store.insights.scanAnalysedEncounters({ from: month.from, to: month.to }, (row) => {
      const team = (row[0] as string | null) ?? "";
      const channel = (row[1] as string | null) ?? "";
      const agent = row[3] as string | null;
      // The month's cell of the encounter and, when it has an agent, that agent's (migration 0025).
      const targets: [string, string | undefined][] = [[`${team}\u0000${channel}`, undefined]];
      if (agent) targets.push([`${agent}\u0000${team}\u0000${channel}\u0000a`, agent]);
      const themes = parseThemeCodes(row[2] as string | null);
      for (const [key, cellAgent] of targets) {
        let cell = cells.get(key);
        if (!cell) {
          cell = { team, channel, ...(cellAgent === undefined ? {} : { agent: cellAgent }), stats: [0] };
          cells.set(key, cell);
        }
        cell.stats[0] = (cell.stats[0] as number) + 1;
        for (const [theme, polarity] of themes) {
          const t = themeIndex(theme);
          width = Math.max(width, t + 1);
          const at = 1 + 3 * t + (polarity < 0 ? 0 : polarity > 0 ? 2 : 1);
          cell.stats[at] = (cell.stats[at] ?? 0) + 1;
        }
      }
    });
    return [...cells.values()].map((c): CubeCell => {
      const stats = new Float64Array(1 + 3 * width);
      c.stats.forEach((v, i) => {
        stats[i] = v ?? 0;
      });
      return {
        month: month.month,
        team: c.team,
        channel: c.channel,
        bucket: 0,
        themes: width,
        stats,
        ...(c.agent === undefined ? {} : { agent: c.agent }),
      };
    });
  });
  return { answers, encounters };
}

/**
 * The cube months [from, to) of a filter, or null when the cube cannot answer it exactly: a customer
 * filter, a period edge that is not the start of a month in the zone, a touchpoint filter unless
 * `cells` is "scores" (the score counts have touchpoints; the vectors do not), or an agent filter
 * when `cells` is "vectors" (the agent cells, "agents", have agents but no buckets).
 */
export function cubeMonths(
  filter: ListFilter,
  timeZone: string,
  cells: "vectors" | "agents" | "scores" = "vectors",
): { from: string | null; to: string | null } | null {
  if (filter.customerId) return null;
  if (cells !== "scores" && filter.touchpoint) return null;
  if (cells === "vectors" && filter.agent) return null;
  const month = (instant: string | undefined): string | null | undefined => {
    if (!instant) return null;
    const t = DateTime.fromISO(instant, { zone: "utc" }).setZone(timeZone);
    if (!t.isValid || +t !== +t.startOf("month")) return undefined;
    return t.toFormat("yyyy-MM");
  };
  const from = month(filter.from);
  const to = month(filter.to);
  return from === undefined || to === undefined ? null : { from, to };
}

/** FNV-1a, 32 bits: a stable hash of a string (bucket of an answer, group of a cell). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
