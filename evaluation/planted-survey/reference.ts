// Independent reference computations on the TRUE driver values of the planted survey:
// Shapley (LMG) decomposition of the OLS R² and raw NPS impact per theme.
// Written from scratch (normal equations + Gaussian elimination with partial pivoting) so it
// shares no code with the analyzer it is meant to check.

import type { TruthRow } from "./generate.ts";
import { THEMES } from "./planted-model.ts";

export type TruthInput = { rows: readonly TruthRow[] } | readonly TruthRow[];

const MAX_EXACT_DRIVERS = 16;

function rowsOf(truth: TruthInput): readonly TruthRow[] {
  return "rows" in truth ? truth.rows : truth;
}

/** Value of a driver for a row: `theme:<id>` → polarity (0 when not mentioned), else the named field. */
export function driverValue(row: TruthRow, driver: string): number {
  if (driver.startsWith("theme:")) {
    const polarity = (row.themes as Record<string, number | undefined>)[driver.slice(6)];
    return polarity ?? 0;
  }
  switch (driver) {
    case "waitMinutes":
      return row.waitMinutes;
    case "transfers":
      return row.transfers;
    case "repeatContact":
      return row.repeatContact;
    case "resolved":
      return row.resolved;
    default:
      throw new Error(`unknown driver "${driver}"`);
  }
}

/**
 * Solves A x = b by Gaussian elimination with partial pivoting (A is copied, not changed).
 * Throws on a (numerically) singular matrix.
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  const scale = Math.max(1e-300, ...m.map((row) => Math.max(...row.slice(0, n).map(Math.abs))));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    const pivotRow = m[pivot] as number[];
    const pv = pivotRow[col] ?? 0;
    if (Math.abs(pv) <= 1e-12 * scale) throw new Error("singular system in solveLinear");
    [m[col], m[pivot]] = [pivotRow, m[col] as number[]];
    for (let r = col + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[col] ?? 0) / pv;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (pivotRow[c] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] ?? 0;
    for (let c = r + 1; c < n; c++) s -= (row[c] ?? 0) * (x[c] ?? 0);
    x[r] = s / (row[r] ?? 1);
  }
  return x;
}

interface CrossProducts {
  sxx: number[][];
  sxy: number[];
  syy: number;
}

/** Centred cross-products of the drivers and the score (the cache every subset fit reuses). */
function crossProducts(rows: readonly TruthRow[], drivers: readonly string[]): CrossProducts {
  const p = drivers.length;
  const n = rows.length;
  const xs = rows.map((r) => drivers.map((d) => driverValue(r, d)));
  const mx = drivers.map((_, j) => xs.reduce((s, x) => s + (x[j] ?? 0), 0) / n);
  const my = rows.reduce((s, r) => s + r.score, 0) / n;
  const sxx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const sxy = new Array<number>(p).fill(0);
  let syy = 0;
  rows.forEach((r, i) => {
    const x = (xs[i] as number[]).map((v, j) => v - (mx[j] ?? 0));
    const y = r.score - my;
    syy += y * y;
    for (let j = 0; j < p; j++) {
      sxy[j] = (sxy[j] ?? 0) + (x[j] ?? 0) * y;
      const rowJ = sxx[j] as number[];
      for (let k = 0; k < p; k++) rowJ[k] = (rowJ[k] ?? 0) + (x[j] ?? 0) * (x[k] ?? 0);
    }
  });
  return { sxx, sxy, syy };
}

/** R² of the OLS fit (with intercept) on the drivers in `mask`: R² = sxyᵀ β / syy, Sxx β = sxy. */
function subsetR2(cp: CrossProducts, mask: number, usable: readonly boolean[]): number {
  const idx: number[] = [];
  for (let j = 0; j < cp.sxy.length; j++) if (mask & (1 << j) && usable[j]) idx.push(j);
  if (idx.length === 0 || cp.syy === 0) return 0;
  const a = idx.map((j) => idx.map((k) => cp.sxx[j]?.[k] ?? 0));
  const b = idx.map((j) => cp.sxy[j] ?? 0);
  const beta = solveLinear(a, b);
  return beta.reduce((s, v, i) => s + v * (b[i] ?? 0), 0) / cp.syy;
}

function factorials(n: number): number[] {
  const f = [1];
  for (let i = 1; i <= n; i++) f.push((f[i - 1] ?? 1) * i);
  return f;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/**
 * Shapley / LMG decomposition of R² (Lindeman, Merenda & Gold 1980; Grömping 2006):
 * w_j = Σ_{S ⊆ D∖{j}} |S|! (p−|S|−1)! / p! · (R²(S ∪ {j}) − R²(S)); Σ_j w_j = R²(D).
 * Exact over all 2^p subsets. Example: two uncorrelated drivers with R² 0.2 and 0.1 alone get
 * weights 0.2 and 0.1.
 */
export function referenceDriverWeights(
  truth: TruthInput,
  drivers: readonly string[],
): { r2: number; weights: Record<string, number> } {
  const p = drivers.length;
  if (p > MAX_EXACT_DRIVERS) throw new Error(`at most ${MAX_EXACT_DRIVERS} drivers (got ${p})`);
  const cp = crossProducts(rowsOf(truth), drivers);
  const usable = cp.sxx.map((row, j) => (row[j] ?? 0) > 1e-12); // a constant driver explains nothing
  const r2 = new Float64Array(1 << p);
  for (let mask = 1; mask < 1 << p; mask++) r2[mask] = subsetR2(cp, mask, usable);
  const fact = factorials(p);
  const weights: Record<string, number> = {};
  drivers.forEach((driver, j) => {
    const bit = 1 << j;
    let w = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & bit) continue;
      const s = popcount(mask);
      w +=
        (((fact[s] ?? 1) * (fact[p - s - 1] ?? 1)) / (fact[p] ?? 1)) *
        ((r2[mask | bit] ?? 0) - (r2[mask] ?? 0));
    }
    weights[driver] = w;
  });
  return { r2: r2[(1 << p) - 1] ?? 0, weights };
}

/**
 * Plain OLS with intercept via uncentred normal equations [1 X]ᵀ[1 X] b = [1 X]ᵀ y, and
 * R² = 1 − SSE/SST from the residuals: a second route to the full-model R².
 */
export function referenceOls(
  truth: TruthInput,
  drivers: readonly string[],
): { intercept: number; coefficients: Record<string, number>; r2: number } {
  const rows = rowsOf(truth);
  const design = rows.map((r) => [1, ...drivers.map((d) => driverValue(r, d))]);
  const q = drivers.length + 1;
  const xtx = Array.from({ length: q }, (_, j) =>
    Array.from({ length: q }, (_, k) => design.reduce((s, x) => s + (x[j] ?? 0) * (x[k] ?? 0), 0)),
  );
  const xty = Array.from({ length: q }, (_, j) =>
    design.reduce((s, x, i) => s + (x[j] ?? 0) * (rows[i]?.score ?? 0), 0),
  );
  const b = solveLinear(xtx, xty);
  const mean = rows.reduce((s, r) => s + r.score, 0) / rows.length;
  let sse = 0;
  let sst = 0;
  rows.forEach((r, i) => {
    const fitted = (design[i] as number[]).reduce((s, v, j) => s + v * (b[j] ?? 0), 0);
    sse += (r.score - fitted) ** 2;
    sst += (r.score - mean) ** 2;
  });
  const coefficients = Object.fromEntries(drivers.map((d, j) => [d, b[j + 1] ?? 0]));
  return { intercept: b[0] ?? 0, coefficients, r2: 1 - sse / sst };
}

/** NPS = 100 × (share of 9–10 − share of 0–6); NaN for no answers. */
export function nps(scores: readonly number[]): number {
  if (scores.length === 0) return Number.NaN;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

/** npsImpact(theme) = NPS(all answers) − NPS(answers that do not mention the theme). */
export function referenceThemeImpact(
  truth: TruthInput,
): { theme: string; mentions: number; npsImpact: number }[] {
  const rows = rowsOf(truth);
  const seen = new Set(rows.flatMap((r) => Object.keys(r.themes)));
  const order = [
    ...THEMES.filter((t) => seen.has(t)),
    ...[...seen].filter((t) => !(THEMES as string[]).includes(t)),
  ];
  const all = nps(rows.map((r) => r.score));
  return order.map((theme) => {
    const without = rows.filter((r) => !(theme in r.themes)).map((r) => r.score);
    return { theme, mentions: rows.length - without.length, npsImpact: all - nps(without) };
  });
}
