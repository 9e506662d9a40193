import { assignGroup, groupBootstrap } from "../stats/bootstrap.ts";
import { combine, correlations, MomentAccumulator } from "../stats/regression-moments.ts";
import { relativeWeights } from "../stats/relative-weights.ts";
import { SHAPLEY_MAX_DRIVERS, shapleyR2 } from "../stats/shapley-r2.ts";
import type { ListFilter, Store } from "../store/index.ts";
import { type AnswerTable, loadAnswerTable } from "./answer-table.ts";
import type { Driver, DriverArea, DriversReport, QUADRANTS } from "./drivers-report-schema.ts";
import { groupName, type LocalName, themeGroup, themeName } from "./theme-names.ts";

/** Bootstrap of the relative weights: random groups of answers, replicates, seed. */
export const DRIVER_BOOTSTRAP = { groups: 200, replicates: 400, seed: 20260402 } as const;
/** A theme becomes a driver when at least this many answers (and 1% of them) mention it with a tone. */
export const MIN_DRIVER_MENTIONS = 30;
/** An operational factor becomes a driver when it is known for at least this share of answers. */
export const MIN_OPERATIONAL_COVERAGE = 0.5;

export const OPERATIONAL_DRIVERS = ["waitMinutes", "transfers", "repeatContact", "resolved"] as const;
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
  return buildDriversReport(await loadAnswerTable(store, filter), options);
}

/**
 * The performance line of the quadrant: a driver counts as performing well when at least this
 * share (%) of the answers it applies to are in a good state. An absolute line, not the median of
 * the drivers: with a median, a set of drivers that are all bad (billing never mentioned
 * positively: performance 0, median 0) would split into "strengths" and "fix first" by ties.
 */
export const DEFAULT_PERFORMANCE_TARGET = 50;

export interface DriversOptions {
  /** 0–100; default {@link DEFAULT_PERFORMANCE_TARGET}. */
  performanceTarget?: number;
}

/** The pure part of driversReport. */
export function buildDriversReport(table: AnswerTable, options: DriversOptions = {}): DriversReport {
  const target = options.performanceTarget ?? DEFAULT_PERFORMANCE_TARGET;
  const design = driverDesign(table);
  const p = design.drivers.length;
  const base = {
    metric: "drivers" as const,
    definition:
      "Key drivers of the NPS score (0–10): Johnson's relative weights (sum to R²) with random-group bootstrap 95% intervals; Shapley R² cross-check on the top drivers",
    outcome: "nps score (0–10)" as const,
    answers: table.n,
    performanceDefinition: `themes: % of mentions not negative; waitMinutes: % waited 5 min or less; transfers: % not transferred; repeatContact: % first contacts; resolved: % resolved. A driver performs well at ${target}% or more (strength or low priority), below it it is fix first (important) or monitor`,
    performanceTarget: target,
    bootstrap: { ...DRIVER_BOOTSTRAP },
  };
  if (p === 0 || table.n < 3) {
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
  const groups = accumulate(table, design);
  const all = combine(groups);
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
  const boot = groupBootstrap(DRIVER_BOOTSTRAP, (m) => {
    const r = correlations(combine(groups, m));
    const weights = relativeWeights(r.rxx, r.rxy, { drop: r.constant }).weights;
    return [...weights, ...rollups.map((a) => sumOf(weights, a.columns))];
  });
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
      low: round4(Math.min(boot.low[p + k] ?? importance, importance)),
      high: round4(Math.max(boot.high[p + k] ?? importance, importance)),
      drivers: a.columns.map((j) => design.drivers[j] as string),
    };
  });
  const ranked = (isGroup: boolean): DriverArea[] =>
    rolled
      .filter((r) => r.isGroup === isGroup)
      .map(({ isGroup: _g, ...r }) => r)
      .sort((x, y) => y.importance - x.importance);
  const meanShare = 100 / p;
  const performances = design.performance();
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
      low: round4(Math.min(boot.low[j] ?? importance, importance)),
      high: round4(Math.max(boot.high[j] ?? importance, importance)),
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
    ...(all.n < 100 ? { warning: `only ${all.n} answers: driver weights are unstable below 100` } : {}),
  };
}

interface DriverDesign {
  drivers: string[];
  names: LocalName[];
  /** Column of each answer-table theme in the design, or −1 when the theme is not a driver. */
  themeColumn: Int32Array;
  /** Unknown values (no encounter linked, not recorded) are replaced by the mean of the known ones. */
  operational: { id: Operational; column: number; values: Float32Array; mean: number; imputed: number }[];
  nonZero: number[];
  performance(): number[];
}

/** Chooses the drivers: themes mentioned with a tone often enough, operational factors known often enough. */
export function driverDesign(table: AnswerTable): DriverDesign {
  const toned = new Array(table.themes.length).fill(0) as number[];
  const negative = new Array(table.themes.length).fill(0) as number[];
  const setUse = new Int32Array(table.themeSets.length);
  for (let i = 0; i < table.n; i++) {
    const set = table.themeSet[i] as number;
    setUse[set] = (setUse[set] as number) + 1;
  }
  table.themeSets.forEach((set, s) => {
    const uses = setUse[s] as number;
    set.theme.forEach((t, k) => {
      const polarity = set.polarity[k] as number;
      if (polarity !== 0) toned[t] = (toned[t] as number) + uses;
      if (polarity < 0) negative[t] = (negative[t] as number) + uses;
    });
  });
  const minMentions = Math.max(MIN_DRIVER_MENTIONS, Math.ceil(0.01 * table.n));
  const themeColumn = new Int32Array(table.themes.length).fill(-1);
  const drivers: string[] = [];
  const names: LocalName[] = [];
  const nonZero: number[] = [];
  const themePerformance: number[] = [];
  table.themes.forEach((id, t) => {
    if ((toned[t] as number) < minMentions) return;
    themeColumn[t] = drivers.length;
    drivers.push(`theme:${id}`);
    names.push(themeName(id));
    nonZero.push(toned[t] as number);
    themePerformance.push(100 * (1 - (negative[t] as number) / (toned[t] as number)));
  });
  const operational: DriverDesign["operational"] = [];
  for (const id of OPERATIONAL_DRIVERS) {
    const values = table[id];
    let known = 0;
    let nz = 0;
    let sum = 0;
    for (let i = 0; i < table.n; i++) {
      const v = values[i] as number;
      if (!Number.isNaN(v)) {
        known++;
        sum += v;
        if (v !== 0) nz++;
      }
    }
    if (known < MIN_OPERATIONAL_COVERAGE * table.n || known === 0) continue;
    operational.push({ id, column: drivers.length, values, mean: sum / known, imputed: table.n - known });
    drivers.push(id);
    names.push(OPERATIONAL_NAMES[id]);
    nonZero.push(nz);
  }
  return {
    drivers,
    names,
    themeColumn,
    operational,
    nonZero,
    performance() {
      return [
        ...themePerformance,
        ...operational.map(({ id, mean }) => operationalPerformance(id, mean, table)),
      ];
    },
  };
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

/** One moment accumulator per random group of answers, over the complete cases of the design. */
function accumulate(table: AnswerTable, design: DriverDesign): MomentAccumulator[] {
  const p = design.drivers.length;
  const groups = Array.from(
    { length: DRIVER_BOOTSTRAP.groups },
    () => new MomentAccumulator(p, { shift: new Float64Array(p + 1) }),
  );
  const x = new Float64Array(p);
  const setColumns = table.themeSets.map((set) => {
    const cols: number[] = [];
    const vals: number[] = [];
    set.theme.forEach((t, k) => {
      const col = design.themeColumn[t] as number;
      if (col >= 0 && set.polarity[k] !== 0) {
        cols.push(col);
        vals.push(set.polarity[k] as number);
      }
    });
    return { cols, vals };
  });
  for (let i = 0; i < table.n; i++) {
    x.fill(0);
    for (const op of design.operational) {
      const v = op.values[i] as number;
      x[op.column] = Number.isNaN(v) ? op.mean : v;
    }
    const set = setColumns[table.themeSet[i] as number];
    if (set) for (let k = 0; k < set.cols.length; k++) x[set.cols[k] as number] = set.vals[k] as number;
    (groups[assignGroup(i, DRIVER_BOOTSTRAP.groups)] as MomentAccumulator).add(x, table.score[i] as number);
  }
  return groups;
}

/** % of answers in a good state for an operational factor. */
function operationalPerformance(id: Operational, mean: number, table: AnswerTable): number {
  switch (id) {
    case "resolved":
      return 100 * mean;
    case "repeatContact":
      return 100 * (1 - mean);
    case "transfers":
    case "waitMinutes": {
      const values = table[id];
      const limit = id === "waitMinutes" ? 5 : 0;
      let known = 0;
      let good = 0;
      for (let i = 0; i < table.n; i++) {
        const v = values[i] as number;
        if (Number.isNaN(v)) continue;
        known++;
        if (v <= limit) good++;
      }
      return known > 0 ? (100 * good) / known : 0;
    }
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
