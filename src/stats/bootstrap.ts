/**
 * Bootstrap intervals for statistics of a million rows, without touching the rows again.
 *
 * Random groups: each row goes to one of G groups by a hash of its index (assignGroup), each group
 * keeps its own sufficient statistics (e.g. a MomentAccumulator), and a replicate draws G groups
 * with replacement. The replicate's statistic is computed from the groups' statistics weighted by
 * their multiplicities m_g (Σ m_g = G), so a replicate costs O(G) merges instead of O(n) rows.
 *
 * Why it works: with rows i.i.d. and assigned to groups independently of their values, the groups
 * are i.i.d. subsamples of size ≈ n/G, and a smooth statistic of the whole sample is (to first order)
 * the average of its influence over the groups. Resampling G i.i.d. units with replacement is the
 * ordinary bootstrap with the group as the unit, so the spread of the replicates estimates the
 * sampling variance of the full-sample statistic — the random group method of Wolter, K. M. (2007),
 * Introduction to Variance Estimation, 2nd ed., Springer, ch. 2, with a bootstrap over the groups
 * instead of the plain between-group variance. For the mean: Var*(x̄*) ≈ Var(group mean)/G = σ²/n.
 * Kleiner, Talwalkar, Sarkar & Jordan (2014), "A scalable bootstrap for massive data", J. R. Stat.
 * Soc. B 76(4), 795–816, discuss the same trade-off of subsets against resamples of the full data.
 *
 * Caveats: (1) G sets the resolution: the variance is estimated from G − 1 degrees of freedom, so with
 * G = 200 the standard error itself is uncertain by about 1/√(2·199) ≈ 5%, and 2.5%/97.5% percentiles
 * need a few hundred replicates. (2) Group sizes vary (multinomially) and each replicate's total n
 * varies with them; for n/G in the thousands this adds well under 1% to the variance. (3) It assumes
 * rows are independent: if one customer answers many times, or answers come in clusters (a campaign,
 * a queue outage), assign groups by customer or cluster id instead of row index, or the interval is
 * too narrow. (4) Statistics that are not smooth (medians, maxima) or groups so small that a group's
 * statistic is unstable (n/G below ~30) break the approximation.
 */

const TWO_32 = 4294967296;

/**
 * xoshiro128** 1.1 (Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators",
 * ACM Trans. Math. Softw. 47(4), 36): 128 bits of state, period 2^128 − 1, passes BigCrush; all
 * arithmetic is 32-bit, which JavaScript does exactly with Math.imul and >>> 0. The state is filled
 * from the seed with SplitMix32-style mixing (mulberry32 outputs), so nearby seeds give unrelated
 * streams and the state is never all zero.
 * Example: const rng = new Xoshiro128ss(42); rng.int(200) → a group index in 0…199.
 */
export class Xoshiro128ss {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Xoshiro128ss: seed must be finite, got ${seed}`);
    let x = seed >>> 0;
    const mix = (): number => {
      x = (x + 0x6d2b79f5) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 15), z | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return (z ^ (z >>> 14)) >>> 0;
    };
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with the given 128-bit state (four 32-bit words, not all 0), as in the reference C code. */
  static fromState(state: readonly [number, number, number, number]): Xoshiro128ss {
    if (state.every((w) => w >>> 0 === 0))
      throw new RangeError("Xoshiro128ss: the state must not be all zero");
    const rng = new Xoshiro128ss(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = state.map((w) => w >>> 0) as [number, number, number, number];
    return rng;
  }

  /** Next 32-bit unsigned integer. */
  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  float(): number {
    return this.uint32() / TWO_32;
  }

  /** Uniform integer in [0, bound) by multiply-shift (Lemire 2019); bias ≤ bound / 2^32. */
  int(bound: number): number {
    return Math.floor((this.uint32() / TWO_32) * bound);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The random group (0 … groups − 1) of row `index`: a 32-bit avalanche hash of the index (lowbias32,
 * C. Wellons' hash-prospector), mapped by multiply-shift. Deterministic, so rows can be read in any
 * order, in chunks or on several workers, and still land in the same groups; a hash rather than
 * index mod G, so that periodic order in the data (daily batches, one agent per shift) does not line
 * up with the groups. Indices up to 2^53 are supported; `seed` gives an independent assignment.
 * Example: assignGroup(0, 200) === assignGroup(0, 200), and 1e6 rows give ≈ 5,000 per group.
 */
export function assignGroup(index: number, groups: number, seed = 0): number {
  if (!Number.isInteger(groups) || groups < 1)
    throw new RangeError(`assignGroup: groups must be ≥ 1, got ${groups}`);
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`assignGroup: bad row index ${index}`);
  const high = Math.floor(index / TWO_32);
  const h = lowbias32((index >>> 0) ^ lowbias32((high ^ seed ^ 0x9e3779b9) >>> 0));
  return Math.floor((h / TWO_32) * groups);
}

function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export interface GroupBootstrapOptions {
  /** Number of random groups G the rows were assigned to. */
  groups: number;
  /** Number of bootstrap replicates (a few hundred for 95% percentile intervals). */
  replicates: number;
  seed: number;
  /** Two-sided coverage of the percentile interval; 0.95 gives the 2.5% and 97.5% percentiles. */
  level?: number;
}

export interface GroupBootstrapResult {
  low: number[];
  high: number[];
  /** Standard deviation of the replicates: the bootstrap standard error of each component. */
  se: number[];
  replicates: number;
  /** Replicates with a finite value, per component (the rest are left out of the percentiles). */
  valid: number[];
}

/**
 * Percentile bootstrap over random groups: for each replicate draw G group indices uniformly with
 * replacement, count them into multiplicities m (a fresh Float64Array, Σ m = G), evaluate
 * statistic(m), and report the (1 − level)/2 and (1 + level)/2 quantiles of each component
 * (Hyndman & Fan 1996 type 7, R's default). Percentile method: Efron & Tibshirani (1993), An
 * Introduction to the Bootstrap, ch. 13.
 * Example: groupBootstrap({ groups: 200, replicates: 400, seed: 1 },
 *   (m) => relativeWeights(...).weights) with the weights computed from combine(groupAccumulators, m).
 */
export function groupBootstrap(
  options: GroupBootstrapOptions,
  statistic: (multiplicity: Float64Array, replicate: number) => readonly number[],
): GroupBootstrapResult {
  const { groups, replicates, seed } = options;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(groups) || groups < 2)
    throw new RangeError(`groupBootstrap: need ≥ 2 groups, got ${groups}`);
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(`groupBootstrap: replicates must be a positive integer, got ${replicates}`);
  }
  if (!(level > 0 && level < 1))
    throw new RangeError(`groupBootstrap: level must be in (0, 1), got ${level}`);
  const rng = new Xoshiro128ss(seed);
  const columns: number[][] = [];
  for (let b = 0; b < replicates; b++) {
    const multiplicity = new Float64Array(groups);
    for (let draw = 0; draw < groups; draw++) {
      const g = rng.int(groups);
      multiplicity[g] = (multiplicity[g] as number) + 1;
    }
    const values = statistic(multiplicity, b);
    if (b > 0 && values.length !== columns.length) {
      throw new RangeError(
        `groupBootstrap: statistic returned ${values.length} values, earlier ${columns.length}`,
      );
    }
    values.forEach((v, c) => {
      if (b === 0) columns.push([]);
      if (Number.isFinite(v)) (columns[c] as number[]).push(v);
    });
  }
  const lowQ = (1 - level) / 2;
  const highQ = (1 + level) / 2;
  const sorted = columns.map((values) => Float64Array.from(values).sort());
  return {
    low: sorted.map((v) => quantile(v, lowQ)),
    high: sorted.map((v) => quantile(v, highQ)),
    se: sorted.map(standardDeviation),
    replicates,
    valid: sorted.map((v) => v.length),
  };
}

/** Type 7 quantile of sorted values: linear interpolation at h = (N − 1)·q. NaN when empty. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function standardDeviation(values: Float64Array): number {
  if (values.length < 2) return Number.NaN;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
