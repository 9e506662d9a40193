import { Xoshiro128ss } from "./bootstrap.ts";

/** The level of measurement, which picks alpha's difference function δ². */
export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** One unit's values, one per observer; null or undefined: that observer did not code the unit. */
export type AlphaUnit = readonly (number | null | undefined)[];

export interface AlphaResult {
  /** α = 1 − D_o / D_e; null when it is undefined (no pairable values, or no variation at all: D_e = 0). */
  value: number | null;
  /** Observed and expected disagreement (D_o, D_e); null when there are no pairable values. */
  observed: number | null;
  expected: number | null;
  /** Pairable values n (values in units that at least two observers coded). */
  n: number;
  /** Units that at least two observers coded; the others cannot be paired and are left out. */
  units: number;
}

/**
 * Krippendorff's alpha for any number of observers, missing values and the nominal, ordinal,
 * interval and ratio levels, computed from the coincidence matrix as in K. Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability", Univ. of Pennsylvania, repository.upenn.edu/asc_papers/43:
 *
 *   o_ck = Σ_u Σ_{i≠j} [v_iu = c][v_ju = k] / (m_u − 1)   (units with m_u ≥ 2 values only)
 *   n_c  = Σ_k o_ck,  n = Σ_c n_c
 *   α    = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
 *
 * with δ²_ck = [c ≠ k] (nominal), (Σ_{g=c..k} n_g − (n_c + n_k)/2)² (ordinal, over the values in
 * their order), (c − k)² (interval), ((c − k)/(c + k))² (ratio). A unit coded by one observer only
 * adds nothing (it has no pair), which is how alpha treats missing values.
 *
 * Example (Krippendorff 2011, 4 observers × 12 units with missing values): nominal α = 0.743,
 * ordinal 0.815, interval 0.849, ratio 0.797 (krippendorff-alpha.test.ts). By hand: units
 * [[1, 1], [2, 2], [1, 2]] → n = 6, n_1 = n_2 = 3, nominal α = 1 − 5 · 2 / (2 · 3 · 3) = 0.444.
 */
export function krippendorffAlpha(data: readonly AlphaUnit[], level: AlphaLevel): AlphaResult {
  const pairable: number[][] = [];
  for (const unit of data) {
    const values = unit.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
    if (values.length >= 2) pairable.push(values);
  }
  const domain = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(domain.map((v, i) => [v, i]));
  const size = domain.length;
  const o = new Float64Array(size * size);
  for (const values of pairable) {
    const counts = new Map<number, number>();
    for (const v of values) {
      const i = index.get(v) as number;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const weight = 1 / (values.length - 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        // Ordered pairs of different observers: n_c·n_k, or n_c·(n_c − 1) on the diagonal.
        const at = c * size + k;
        o[at] = (o[at] as number) + (c === k ? nc * (nc - 1) : nc * nk) * weight;
      }
    }
  }
  const marginals = new Float64Array(size);
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) marginals[c] = (marginals[c] as number) + (o[c * size + k] as number);
  }
  const n = marginals.reduce((a, b) => a + b, 0);
  if (pairable.length === 0) {
    return { value: null, observed: null, expected: null, n: 0, units: 0 };
  }
  const delta = differenceFunction(level, domain, marginals);
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta(c, k);
      if (d === 0) continue;
      observedSum += (o[c * size + k] as number) * d;
      expectedSum += (marginals[c] as number) * (marginals[k] as number) * d;
    }
  }
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  return {
    value: expected === 0 ? null : 1 - observed / expected,
    observed,
    expected,
    n: Math.round(n * 1e9) / 1e9,
    units: pairable.length,
  };
}

function differenceFunction(
  level: AlphaLevel,
  domain: readonly number[],
  marginals: Float64Array,
): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => ((domain[c] as number) - (domain[k] as number)) ** 2;
    case "ratio":
      return (c, k) => {
        const a = domain[c] as number;
        const b = domain[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    case "ordinal": {
      // Cumulative marginals: Σ_{g=c..k} n_g = cum[k + 1] − cum[c] for c ≤ k.
      const cum = new Float64Array(marginals.length + 1);
      for (let i = 0; i < marginals.length; i++) cum[i + 1] = (cum[i] as number) + (marginals[i] as number);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        if (lo === hi) return 0;
        const between = (cum[hi + 1] as number) - (cum[lo] as number);
        return (between - ((marginals[lo] as number) + (marginals[hi] as number)) / 2) ** 2;
      };
    }
  }
}

export interface AlphaEstimate {
  /** α, rounded to 3 decimals; null when undefined (see krippendorffAlpha). */
  value: number | null;
  /** 2.5% and 97.5% percentiles of α over bootstrap resamples of the units; null when not computable. */
  low: number | null;
  high: number | null;
  /** Pairable values. */
  n: number;
  units: number;
  level: AlphaLevel;
}

/**
 * Alpha with a 95% percentile interval from resampling the units with replacement (seeded, so a
 * report reads the same twice). Hayes & Krippendorff (2007, Communication Methods and Measures 1(1),
 * 77–89) bootstrap the pairable values instead; resampling units is the plainer choice for a
 * handful of QA criteria and keeps each unit's observers together. Below 3 units the interval is
 * left out (null): with so few units it says nothing. Resamples in which α is undefined (all values
 * equal) are skipped.
 * Example: alphaEstimate(data, "nominal") on Krippendorff's 12-unit example → value 0.743, an interval around it.
 */
export function alphaEstimate(
  data: readonly AlphaUnit[],
  level: AlphaLevel,
  options: { replicates?: number; seed?: number } = {},
): AlphaEstimate {
  const point = krippendorffAlpha(data, level);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const base = {
    value: point.value === null ? null : round(point.value),
    n: point.n,
    units: point.units,
    level,
  };
  const units = data.filter((u) => u.filter((v) => v !== null && v !== undefined).length >= 2);
  if (point.value === null || units.length < 3) return { ...base, low: null, high: null };
  const rng = new Xoshiro128ss(options.seed ?? 20110125);
  const replicates = options.replicates ?? 1000;
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const sample: AlphaUnit[] = [];
    for (let i = 0; i < units.length; i++) sample.push(units[rng.int(units.length)] as AlphaUnit);
    const a = krippendorffAlpha(sample, level).value;
    if (a !== null) values.push(a);
  }
  if (values.length < replicates / 2) return { ...base, low: null, high: null };
  values.sort((a, b) => a - b);
  const at = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))] as number;
  return { ...base, low: round(at(0.025)), high: round(at(0.975)) };
}
