import { groupBootstrap } from "../stats/bootstrap.ts";
import { correlations, MomentAccumulator } from "../stats/regression-moments.ts";
import { relativeWeights } from "../stats/relative-weights.ts";
import { SHAPLEY_MAX_DRIVERS, shapleyR2 } from "../stats/shapley-r2.ts";
import type { ListFilter, Store } from "../store/index.ts";
import { type AnswerCells, OPERATIONAL } from "./answer-cells.ts";
import type { Driver, DriverArea, DriversReport, QUADRANTS } from "./drivers-report-schema.ts";
import { type CubeOptions, cachedOnCube, loadAnswerCells } from "./report-cube.ts";
import { groupName, type LocalName, themeGroup, themeName } from "./theme-names.ts";

/** Bootstrap of the relative weights: random groups of answers, replicates, seed. */
export const DRIVER_BOOTSTRAP = { groups: 200, replicates: 400, seed: 20260402 } as const;
/** A theme becomes a driver when at least this many answers (and 1% of them) mention it with a tone. */
export const MIN_DRIVER_MENTIONS = 30;
/** An operational factor becomes a driver when it is known for at least this share of answers. */
export const MIN_OPERATIONAL_COVERAGE = 0.5;

export const OPERATIONAL_DRIVERS = OPERATIONAL;
type Operational = (typeof OPERATIONAL_DRIVERS)[number];

const OPERATIONAL_NAMES: Record<Operational, LocalName> = {
  waitMinutes: { fi: "Odotusaika (min)", en: "Wait time (min)" },
  transfers: { fi: "Siirrot", en: "Transfers" },
  repeatContact: { fi: "Uusintayhteydenotto", en: "Repeat contact" },
  resolved: { fi: "Ratkaistu", en: "Resolved" },
};

/**
 * The theme each operational factor belongs with: relative weights add up, so an area's importance
 * is what customers say about it plus what the encounter records show (theme:waiting + waitMinutes).
 */
export const OPERATIONAL_AREA: Record<Operational, string> = {
  waitMinutes: "waiting",
  transfers: "handoffs",
  resolved: "first_contact_resolution",
  repeatContact: "repeat_contact",
};

/** The taxonomy group each operational factor belongs to (see models/taxonomy.json groups). */
export const OPERATIONAL_GROUP: Record<Operational, string> = {
  waitMinutes: "access",
  transfers: "staff",
  resolved: "staff",
  repeatContact: "staff",
};

export type Quadrant = (typeof QUADRANTS)[number];
export const QUADRANT_NAMES: Record<Quadrant, LocalName> = {
  fix_first: { fi: "Korjaa ensin", en: "Fix first" },
  strength: { fi: "Vahvuus", en: "Strength" },
  monitor: { fi: "Seuraa", en: "Monitor" },
  low_priority: { fi: "Ei kiireellinen", en: "Low priority" },
};

export type { Driver, DriverArea, DriversReport } from "./drivers-report-schema.ts";

/**
 * Key drivers of the NPS score: every theme mentioned often enough (coded −1 negative, 0 not
 * mentioned or neutral, +1 positive) and the operational factors of the rated encounter, ranked by
 * Johnson's relative weights, with bootstrap intervals, a Shapley R² cross-check and an
 * importance × performance quadrant.
 */
export async function driversReport(
  store: Store,
  filter: ListFilter,
  options: DriversOptions = {},
): Promise<DriversReport> {
  const key = { report: "drivers", performanceTarget: options.performanceTarget ?? null } as const;
  return cachedOnCube(store, filter, options, key, async (cube) =>
    buildDriversReport(await loadAnswerCells(store, filter, cube), { ...options, ...cube }),
  );
}

/**
 * The performance line of the quadrant: a driver counts as performing well when at least this
 * share (%) of the answers it applies to are in a good state. An absolute line, not the median of
 * the drivers: with a median, a set of drivers that are all bad (billing never mentioned
 * positively: performance 0, median 0) would split into "strengths" and "fix first" by ties.
 */
export const DEFAULT_PERFORMANCE_TARGET = 50;

export interface DriversOptions extends CubeOptions {
  /** 0–100; default {@link DEFAULT_PERFORMANCE_TARGET}. */
  performanceTarget?: number;
}

/** The pure part of driversReport. */
export function buildDriversReport(cells: AnswerCells, options: DriversOptions = {}): DriversReport {
  const target = options.performanceTarget ?? DEFAULT_PERFORMANCE_TARGET;
  const design = driverDesign(cells);
  const p = design.drivers.length;
  const base = {
    metric: "drivers" as const,
    definition:
      "Key drivers of the NPS score (0–10): Johnson's relative weights (sum to R²) with random-group bootstrap 95% intervals; Shapley R² cross-check on the top drivers",
    outcome: "nps score (0–10)" as const,
    answers: design.n,
    performanceDefinition: `themes: % of mentions not negative; waitMinutes: % waited 5 min or less; transfers: % not transferred; repeatContact: % first contacts; resolved: % resolved. A driver performs well at ${target}% or more (strength or low priority), below it it is fix first (important) or monitor`,
    performanceTarget: target,
    bootstrap: { ...DRIVER_BOOTSTRAP },
  };
  if (p === 0 || design.n < 3) {
    return {
      ...base,
      r2: 0,
      n: 0,
      drivers: [],
      areas: [],
      groups: [],
      crossCheck: null,
      warning: "not enough answers with themes or operational data to estimate drivers",
    };
  }
  const groups = accumulate(cells, design);
  const all = groups.combine(null);
  const c = correlations(all);
  const rw = relativeWeights(c.rxx, c.rxy, { drop: c.constant });
  const rollups = [
    ...rollupOf(design.drivers, (d) =>
      d.startsWith("theme:") ? d.slice(6) : OPERATIONAL_AREA[d as Operational],
    ),
    ...rollupOf(design.drivers, (d) =>
      d.startsWith("theme:") ? themeGroup(d.slice(6)) : OPERATIONAL_GROUP[d as Operational],
    ).map((r) => ({ ...r, isGroup: true })),
  ];
  // Without the bootstrap (intervals "none": the reports.intervals job computes them) the
  // interval ends are NaN, null in JSON: unknown, not the point.
  const pending = options.intervals === "none";
  const boot = pending
    ? { low: [] as number[], high: [] as number[] }
    : groupBootstrap(DRIVER_BOOTSTRAP, (m) => {
        const r = correlations(groups.combine(m));
        const fit = relativeWeights(r.rxx, r.rxy, { drop: r.constant });
        const sums = rollups.map((a) => sumOf(fit.weights, a.columns));
        // Each area's share of the replicate's own R² as well: its interval stays within 0–100 %,
        // which the importance's interval divided by the point R² did not (up to 139 %).
        return [...fit.weights, ...sums, ...sums.map((x) => (fit.r2 > 0 ? (100 * x) / fit.r2 : Number.NaN))];
      });
  const end = (side: "low" | "high", at: number, point: number) =>
    pending
      ? Number.NaN
      : round4(
          side === "low" ? Math.min(boot.low[at] ?? point, point) : Math.max(boot.high[at] ?? point, point),
        );
  const shareEnd = (side: "low" | "high", at: number, importance: number) =>
    rw.r2 > 0 ? round2(end(side, at, (100 * importance) / rw.r2)) : Number.NaN;
  const rolled = rollups.map((a, k) => {
    const importance = sumOf(rw.weights, a.columns);
    return {
      isGroup: "isGroup" in a,
      area: a.key,
      name:
        "isGroup" in a
          ? groupName(a.key)
          : a.key === "repeat_contact"
            ? OPERATIONAL_NAMES.repeatContact
            : themeName(a.key),
      importance: round4(importance),
      low: end("low", p + k, importance),
      high: end("high", p + k, importance),
      share: rw.r2 > 0 ? round2((100 * importance) / rw.r2) : Number.NaN,
      shareLow: shareEnd("low", p + rollups.length + k, importance),
      shareHigh: shareEnd("high", p + rollups.length + k, importance),
      drivers: a.columns.map((j) => design.drivers[j] as string),
    };
  });
  const ranked = (isGroup: boolean): DriverArea[] =>
    rolled
      .filter((r) => r.isGroup === isGroup)
      .map(({ isGroup: _g, ...r }) => r)
      .sort((x, y) => y.importance - x.importance);
  const meanShare = 100 / p;
  const performances = design.performance;
  const drivers: Driver[] = design.drivers.map((driver, j) => {
    const importance = rw.weights[j] as number;
    const performance = performances[j] as number;
    const important = (rw.rescaled[j] as number) >= meanShare;
    // A driver with no answer in a good state is never strong, whatever the target.
    const strong = performance > 0 && performance >= target;
    const quadrant: Quadrant = important
      ? strong
        ? "strength"
        : "fix_first"
      : strong
        ? "low_priority"
        : "monitor";
    return {
      driver,
      name: design.names[j] as LocalName,
      importance: round4(importance),
      low: end("low", j, importance),
      high: end("high", j, importance),
      share: round2(rw.rescaled[j] as number),
      beta: round4(rw.betas[j] as number),
      n: design.nonZero[j] as number,
      performance: round2(performance),
      quadrant,
      quadrantName: QUADRANT_NAMES[quadrant],
    };
  });
  drivers.sort((a, b) => b.importance - a.importance);
  return {
    ...base,
    r2: round4(rw.r2),
    n: all.n,
    drivers,
    areas: ranked(false),
    groups: ranked(true),
    crossCheck: crossCheck(c.rxx, c.rxy, rw.weights, design.drivers),
    ...(pending ? { intervals: "pending" as const } : {}),
    ...(all.n < 100 ? { warning: `only ${all.n} answers: driver weights are unstable below 100` } : {}),
  };
}

interface DriverDesign {
  /** Answers in the selection. */
  n: number;
  drivers: string[];
  names: LocalName[];
  /** Each design column as a combination of cell moment columns (z): [z column, coefficient][]. */
  terms: [number, number][][];
  nonZero: number[];
  performance: number[];
}

/**
 * Chooses the drivers from the cells' totals: themes mentioned with a tone often enough (coded by
 * polarity), operational factors known often enough (an unknown value, no encounter linked or not
 * recorded, is replaced by the mean of the known ones: x = value·known + mean·unknown).
 */
export function driverDesign(cells: AnswerCells): DriverDesign {
  const L = cells.layout;
  const tot = cells.total;
  const m = (i: number, j: number) => tot[L.moment(i, j)] as number;
  let n = 0;
  for (let s = 0; s < 11; s++) n += tot[s] as number;
  const minMentions = Math.max(MIN_DRIVER_MENTIONS, Math.ceil(0.01 * n));
  const drivers: string[] = [];
  const names: LocalName[] = [];
  const terms: [number, number][][] = [];
  const nonZero: number[] = [];
  const performance: number[] = [];
  cells.themes.forEach((id, t) => {
    const z = L.zTheme(t);
    const toned = m(z, z);
    if (toned < minMentions) return;
    const negative = (toned - m(0, z)) / 2;
    drivers.push(`theme:${id}`);
    names.push(themeName(id));
    terms.push([[z, 1]]);
    nonZero.push(toned);
    performance.push(100 * (1 - negative / toned));
  });
  OPERATIONAL_DRIVERS.forEach((id, op) => {
    const known = n - m(0, L.zUnknown(op));
    if (known < MIN_OPERATIONAL_COVERAGE * n || known <= 0) return;
    const mean = m(0, L.zValue(op)) / known;
    drivers.push(id);
    names.push(OPERATIONAL_NAMES[id]);
    terms.push([
      [L.zValue(op), 1],
      [L.zUnknown(op), mean],
    ]);
    nonZero.push(tot[L.extra(op)] as number);
    performance.push(operationalPerformance(id, mean, known, tot, L));
  });
  return { n, drivers, names, terms, nonZero, performance };
}

/** Driver columns grouped by a key (their area or taxonomy group). */
function rollupOf(
  drivers: string[],
  keyOf: (driver: string) => string,
): { key: string; columns: number[] }[] {
  const out = new Map<string, number[]>();
  drivers.forEach((d, j) => {
    const key = keyOf(d);
    out.set(key, [...(out.get(key) ?? []), j]);
  });
  return [...out].map(([key, columns]) => ({ key, columns }));
}

function sumOf(values: readonly number[], columns: readonly number[]): number {
  let s = 0;
  for (const j of columns) s += values[j] as number;
  return s;
}

/**
 * The raw moments of the design per bootstrap group: n, Σx and the upper triangle of Σx·xᵀ over the
 * drivers and the score. A replicate is a weighted sum of these arrays (no shifting or merging is
 * needed: every group is centred on 0, as the row-by-row accumulator was), so 400 replicates over
 * 200 groups cost well under a tenth of a second.
 */
function accumulate(cells: AnswerCells, design: DriverDesign) {
  const L = cells.layout;
  const p = design.drivers.length;
  const k = p + 1;
  // The outcome (score) is z column 1.
  const columns = [...design.terms, [[1, 1]] as [number, number][]];
  const width = 1 + k + (k * (k + 1)) / 2;
  const raw = cells.groups.map((g) => {
    const out = new Float64Array(width);
    const m = (i: number, j: number) => g[L.moment(i, j)] as number;
    for (let s = 0; s < 11; s++) out[0] = (out[0] as number) + (g[s] as number);
    columns.forEach((terms, i) => {
      out[1 + i] = terms.reduce((s, [z, c]) => s + c * m(0, z), 0);
    });
    let at = 1 + k;
    for (let i = 0; i < k; i++)
      for (let j = i; j < k; j++) {
        let s = 0;
        for (const [za, ca] of columns[i] as [number, number][])
          for (const [zb, cb] of columns[j] as [number, number][]) s += ca * cb * m(za, zb);
        out[at++] = s;
      }
    return out;
  });
  const sum = new Float64Array(width);
  return {
    /** The moments of every group, each counted weights[g] times (null: once). */
    combine(weights: ArrayLike<number> | null): MomentAccumulator {
      sum.fill(0);
      raw.forEach((g, gi) => {
        const w = weights === null ? 1 : (weights[gi] as number);
        if (w === 0) return;
        for (let i = 0; i < width; i++) sum[i] = (sum[i] as number) + w * (g[i] as number);
      });
      const row = (i: number) => 1 + k + i * k - (i * (i - 1)) / 2;
      return MomentAccumulator.fromRawSums(
        p,
        sum[0] as number,
        sum.subarray(1, 1 + k),
        (i, j) => sum[row(i) + (j - i)] as number,
      );
    },
  };
}

/** % of answers in a good state for an operational factor. */
function operationalPerformance(
  id: Operational,
  mean: number,
  known: number,
  tot: Float64Array,
  L: AnswerCells["layout"],
): number {
  switch (id) {
    case "resolved":
      return 100 * mean;
    case "repeatContact":
      return 100 * (1 - mean);
    case "waitMinutes":
      return (100 * (tot[L.extra(4)] as number)) / known;
    case "transfers":
      return (100 * (tot[L.extra(5)] as number)) / known;
  }
}

/** Shapley R² of the SHAPLEY_MAX_DRIVERS most important drivers, with their relative weights in the same sub-model. */
function crossCheck(
  rxx: number[][],
  rxy: number[],
  weights: number[],
  names: string[],
): DriversReport["crossCheck"] {
  const top = weights
    .map((w, j) => [w, j] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, SHAPLEY_MAX_DRIVERS)
    .map(([, j]) => j);
  const subR = top.map((i) => top.map((j) => (rxx[i] as number[])[j] as number));
  const subY = top.map((j) => rxy[j] as number);
  const rw = relativeWeights(subR, subY);
  const sh = shapleyR2(subR, subY);
  const maxDifference = Math.max(...rw.weights.map((w, k) => Math.abs(w - (sh.weights[k] as number))));
  return {
    drivers: top.map((j) => names[j] as string),
    relativeWeights: rw.weights.map(round4),
    shapley: sh.weights.map(round4),
    maxDifference: round4(maxDifference),
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
