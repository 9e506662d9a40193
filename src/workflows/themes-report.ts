import { groupBootstrap } from "../stats/bootstrap.ts";
import { type Estimate, npsEstimate, SMALL_SAMPLE, smallSampleWarning } from "../stats/nps-estimate.ts";
import { emergingTest, holm } from "../stats/rate-change.ts";
import type { ListFilter, Store } from "../store/index.ts";
import { type AnswerCells, CELL_GROUPS, npsClass } from "./answer-cells.ts";
import {
  type CubeOptions,
  cachedOnCube,
  type EncounterVolumes,
  loadAnswerCells,
  loadEncounterThemeMonths,
} from "./report-cube.ts";
import { themeName } from "./theme-names.ts";
import type { EmergingTheme, ThemeInsight, ThemesReport } from "./themes-report-schema.ts";

/** Random groups and replicates of the bootstrap (see src/stats/bootstrap.ts). */
export const BOOTSTRAP = { groups: CELL_GROUPS, replicates: 1000, seed: 20260401 } as const;
/** A theme must be this many times its baseline share, not only significantly above it, to be news. */
export const EMERGING_MIN_RATIO = 1.5;
/** Months of history a month is compared against, and the fewest that make a baseline. */
export const EMERGING_BASELINE = { months: 6, minMonths: 3 } as const;

export type { EmergingTheme, ThemeInsight, ThemesReport } from "./themes-report-schema.ts";

/** A theme's NPS impact with its bootstrap interval. */
interface ThemeImpact extends Estimate {
  significant: boolean;
  /** Set when some answers but fewer than SMALL_SAMPLE mention the theme (nps-estimate.ts). */
  warning?: string;
}

/**
 * Every theme's volume, share and tone in encounters, its NPS impact among survey answers, and
 * whether it is emerging; themes are ranked by impact, the most harmful first, then by volume, then by id.
 */
export async function themesReport(
  store: Store,
  filter: ListFilter,
  options: CubeOptions = {},
): Promise<ThemesReport> {
  return cachedOnCube(store, filter, options, { report: "themes" }, async (cube) => {
    const [cells, volumes] = await Promise.all([
      loadAnswerCells(store, filter, cube),
      loadEncounterThemeMonths(store, filter, cube),
    ]);
    return buildThemesReport(cells, volumes, cube);
  });
}

/**
 * The pure part of themesReport, for tests and benchmarks. With `intervals: "none"` the impacts'
 * bootstrap is left out (low and high NaN, `intervals: "pending"`): the point figures alone, while
 * the reports.intervals job computes the whole report (report-intervals.ts).
 */
export function buildThemesReport(
  cells: AnswerCells,
  encounters: EncounterVolumes,
  options: Pick<CubeOptions, "intervals"> = {},
): ThemesReport {
  const pending = options.intervals === "none";
  const impacts = themeImpacts(cells, !pending);
  const emerging = emergingThemes(encounters);
  const ids = new Set([...cells.themes, ...encounters.themes.keys()]);
  const themes: ThemeInsight[] = [...ids].map((id) => {
    const v = encounters.themes.get(id);
    const answerIndex = cells.themes.indexOf(id);
    const impact = answerIndex >= 0 ? impacts.themes[answerIndex] : undefined;
    const mentions = v ? v.negative + v.neutral + v.positive : 0;
    return {
      theme: id,
      name: themeName(id),
      volume: mentions,
      share: pct(mentions, encounters.total),
      tone: {
        negative: pct(v?.negative ?? 0, mentions),
        neutral: pct(v?.neutral ?? 0, mentions),
        positive: pct(v?.positive ?? 0, mentions),
      },
      answers: impact?.n ?? 0,
      nps: npsOf(impact?.counts),
      npsImpact: impact?.impact ?? { value: 0, low: 0, high: 0, n: 0, significant: false },
      emerging: emerging.get(id) ?? null,
      monthly: encounters.months.map((month, m) => ({
        month,
        volume: v?.monthly[m] ?? 0,
        share: pct(v?.monthly[m] ?? 0, encounters.monthTotals[m] ?? 0),
      })),
    };
  });
  // Ties by theme id: the ids come in the order the cube's scan met them, which is no order.
  themes.sort(
    (a, b) =>
      a.npsImpact.value - b.npsImpact.value ||
      b.volume - a.volume ||
      (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
  );
  return {
    metric: "themes",
    definition:
      "Themes of encounters and survey comments: volume, share and tone; NPS impact = NPS(all) − NPS(answers without the theme) with a bootstrap 95% interval; emerging = volume significantly above the theme's own baseline (Holm-adjusted)",
    nps: npsEstimate(impacts.counts),
    n: impacts.counts.reduce((a, b) => a + b, 0),
    encounters: encounters.total,
    bootstrap: { ...BOOTSTRAP },
    ...(pending ? { intervals: "pending" as const } : {}),
    themes,
  };
}

interface AnswerImpacts {
  counts: number[];
  themes: { n: number; counts: number[]; impact: ThemeImpact }[];
}

/**
 * NPS impact of every theme with a random-group bootstrap: promoters, detractors and answers are
 * summed per group, overall and per theme (from the cells' score counts), so a replicate costs
 * groups × themes additions.
 */
export function themeImpacts(cells: AnswerCells, withIntervals = true): AnswerImpacts {
  const L = cells.layout;
  const T = cells.themes.length;
  const G = cells.groups.length;
  // Per group: [n, promoters, detractors] overall, then the same for each theme.
  const sums = new Float64Array(G * (T + 1) * 3);
  const classes = (vec: Float64Array, at: (s: number) => number, out: Float64Array, base: number) => {
    for (let s = 0; s <= 10; s++) {
      const c = vec[at(s)] as number;
      if (c === 0) continue;
      out[base] = (out[base] as number) + c;
      const k = npsClass(s);
      if (k > 0) out[base + 1] = (out[base + 1] as number) + c;
      else if (k < 0) out[base + 2] = (out[base + 2] as number) + c;
    }
  };
  cells.groups.forEach((g, gi) => {
    const base = gi * (T + 1) * 3;
    classes(g, (s) => s, sums, base);
    for (let t = 0; t < T; t++) classes(g, (s) => L.themeScore(t, s), sums, base + (t + 1) * 3);
  });
  const counts = Array.from({ length: 11 }, (_, s) => cells.total[s] as number);
  const themeCounts = Array.from({ length: T }, (_, t) =>
    Array.from({ length: 11 }, (_, s) => cells.total[L.themeScore(t, s)] as number),
  );
  const n = counts.reduce((a, b) => a + b, 0);
  const impactsOf = (weights: ArrayLike<number> | null): number[] => {
    const total = new Float64Array((T + 1) * 3);
    for (let g = 0; g < G; g++) {
      const w = weights ? (weights[g] as number) : 1;
      if (w === 0) continue;
      const base = g * (T + 1) * 3;
      for (let k = 0; k < total.length; k++) total[k] = (total[k] as number) + w * (sums[base + k] as number);
    }
    const [n, p, d] = [total[0] as number, total[1] as number, total[2] as number];
    const all = n > 0 ? (100 * (p - d)) / n : 0;
    const out: number[] = [];
    for (let t = 0; t < T; t++) {
      const o = (t + 1) * 3;
      const rest = n - (total[o] as number);
      const without =
        rest > 0 ? (100 * (p - (total[o + 1] as number) - (d - (total[o + 2] as number)))) / rest : all;
      out.push(all - without);
    }
    return out;
  };
  const point = impactsOf(null);
  const interval =
    T > 0 && n > 0 && withIntervals
      ? groupBootstrap({ ...BOOTSTRAP, groups: G }, (multiplicity) => impactsOf(multiplicity))
      : { low: [] as number[], high: [] as number[] };
  return {
    counts,
    themes: themeCounts.map((tc, t) => {
      const n = tc.reduce((s, x) => s + x, 0);
      const value = point[t] as number;
      // Without the bootstrap the interval is unknown (null in JSON), not the point.
      const low = withIntervals ? Math.min(interval.low[t] ?? value, value) : Number.NaN;
      const high = withIntervals ? Math.max(interval.high[t] ?? value, value) : Number.NaN;
      return {
        n,
        counts: tc,
        impact: {
          value: round(value),
          low: round(low),
          high: round(high),
          n,
          significant: low > 0 || high < 0,
          // One or two answers barely move the whole NPS: an impact near zero that says little.
          ...(n > 0 && n < SMALL_SAMPLE ? { warning: smallSampleWarning(n) } : {}),
        },
      };
    }),
  };
}

/**
 * Tests every theme in every month against its previous months (EMERGING_BASELINE), adjusts all
 * p-values together (Holm), and keeps, per theme, the first month that is significant and at
 * least EMERGING_MIN_RATIO times the baseline share.
 */
function emergingThemes(v: EncounterVolumes): Map<string, EmergingTheme> {
  const tests: {
    theme: string;
    month: number;
    share: number;
    baselineShare: number;
    ratio: number;
    p: number;
  }[] = [];
  for (const [theme, counts] of v.themes) {
    for (let m = EMERGING_BASELINE.minMonths; m < v.months.length; m++) {
      const first = Math.max(0, m - EMERGING_BASELINE.months);
      const baseline = [];
      for (let b = first; b < m; b++)
        baseline.push({ count: counts.monthly[b] ?? 0, total: v.monthTotals[b] ?? 0 });
      const r = emergingTest(baseline, { count: counts.monthly[m] ?? 0, total: v.monthTotals[m] ?? 0 });
      tests.push({
        theme,
        month: m,
        share: r.currentShare,
        baselineShare: r.baselineShare,
        ratio: r.ratio,
        p: r.pValue,
      });
    }
  }
  const adjusted = holm(tests.map((t) => t.p));
  const out = new Map<string, EmergingTheme>();
  tests.forEach((t, i) => {
    const p = adjusted[i] as number;
    if (p >= 0.05 || t.ratio < EMERGING_MIN_RATIO || out.has(t.theme)) return;
    out.set(t.theme, {
      month: v.months[t.month] as string,
      share: round(100 * t.share),
      baselineShare: round(100 * t.baselineShare),
      ratio: round(t.ratio),
      pValue: p,
    });
  });
  return out;
}

function npsOf(counts: number[] | undefined): Estimate {
  const e = npsEstimate(counts ?? []);
  return { value: e.value, low: e.low, high: e.high, n: e.n };
}

function pct(part: number, whole: number): number {
  return whole > 0 ? round((100 * part) / whole) : 0;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
