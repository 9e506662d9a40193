/**
 * Sufficient statistics for a linear regression of one outcome on p drivers, gathered in one pass.
 *
 * Key-driver reports run on up to a million survey answers, so every later step (correlations,
 * relative weights, Shapley R², the bootstrap) works on these moments, never on the rows again.
 *
 * Numerics: "shifted data" sums (Chan, Golub & LeVeque 1983, "Algorithms for computing the sample
 * variance: analysis and recommendations", The American Statistician 37(3), 242–247). Each column
 * is stored as Σ(v − c) and Σ(v − c)(w − d), where the shift (c, d, …) is the first row added (or one
 * the caller supplies). The textbook Σv² − (Σv)²/n has a relative error growing with κ², where
 * κ = sqrt(1 + x̄²/σ²) is their condition number, and loses every digit when the mean dwarfs the
 * spread; shifting replaces x̄ by x̄ − c, and a typical data point lies within a few σ of the mean.
 * For integer-coded drivers (−1/0/+1 mentions, 0/1 flags, whole minutes) the sums are exact (< 2^53).
 * Welford's update would divide once per row and value; shifted sums cost one multiply-add per pair
 * of non-zero deviations (sparse theme mentions and 0/1 flags equal to the shift cost nothing) and
 * merge exactly. Merging uses the pairwise update of Chan, Golub & LeVeque (1979, "Updating formulae
 * and a pairwise algorithm for computing sample variances", Stanford STAN-CS-79-773):
 * M = M_a + M_b + n_a n_b/(n_a + n_b) · δδᵀ, written against the receiving accumulator's shift.
 */

/**
 * One-pass moments of p drivers x and an outcome y: n, Σ(v − shift) and the upper triangle of
 * Σ(v − shift)(v − shift)ᵀ over the k = p + 1 columns (x₁ … x_p, y).
 *
 * Example: const acc = new MomentAccumulator(2); acc.add([1, 0], 9); acc.add([0, 1], 6); … correlations(acc)
 */
export class MomentAccumulator {
  /** Number of drivers. */
  readonly p: number;
  /** Columns stored: the p drivers, then the outcome. */
  readonly k: number;
  private count = 0;
  private shift: Float64Array | null = null;
  private readonly sums: Float64Array;
  /** Row-major k × k; only the upper triangle (i ≤ j) is kept up to date. */
  private readonly cross: Float64Array;
  private readonly deviation: Float64Array;
  private readonly nonZero: Int32Array;

  /**
   * @param p number of drivers
   * @param options.shift k = p + 1 values (drivers, then outcome) to centre on. Defaults to the first
   *   row added. Any value near the data works; 0 for sparse −1/0/+1 columns lets `add` skip them.
   */
  constructor(p: number, options: { shift?: ArrayLike<number> } = {}) {
    if (!Number.isInteger(p) || p < 1)
      throw new RangeError(`MomentAccumulator: p must be a positive integer, got ${p}`);
    this.p = p;
    this.k = p + 1;
    this.sums = new Float64Array(this.k);
    this.cross = new Float64Array(this.k * this.k);
    this.deviation = new Float64Array(this.k);
    this.nonZero = new Int32Array(this.k);
    if (options.shift !== undefined) {
      if (options.shift.length !== this.k) {
        throw new RangeError(`MomentAccumulator: shift needs ${this.k} values (drivers, then outcome)`);
      }
      this.shift = Float64Array.from(options.shift);
    }
  }

  /**
   * An accumulator from raw (unshifted) sums gathered elsewhere, e.g. summed from stored aggregates:
   * n, Σv per column and Σv_i·v_j (via `cross(i, j)`, i ≤ j) over the k = p + 1 columns. Equivalent to
   * adding the same rows to `new MomentAccumulator(p, { shift: zeros })`.
   */
  static fromRawSums(
    p: number,
    n: number,
    sums: ArrayLike<number>,
    cross: (i: number, j: number) => number,
  ): MomentAccumulator {
    const acc = new MomentAccumulator(p, { shift: new Float64Array(p + 1) });
    const k = acc.k;
    for (let i = 0; i < k; i++) {
      acc.sums[i] = sums[i] as number;
      for (let j = i; j < k; j++) acc.cross[i * k + j] = cross(i, j);
    }
    acc.count = n;
    return acc;
  }

  /** Total weight added: the number of rows, or the sum of their weights. */
  get n(): number {
    return this.count;
  }

  /**
   * Adds one row (drivers x, outcome y) with an optional frequency weight. Does not allocate.
   * Values must be finite: a single NaN would silently poison every later figure, so it throws.
   */
  add(x: ArrayLike<number>, y: number, weight = 1): void {
    const k = this.k;
    const p = this.p;
    if (x.length !== p) throw new RangeError(`MomentAccumulator.add: expected ${p} drivers, got ${x.length}`);
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`MomentAccumulator.add: bad weight ${weight}`);
    let shift = this.shift;
    if (shift === null) {
      this.check(x, y);
      shift = new Float64Array(k);
      for (let i = 0; i < p; i++) shift[i] = x[i] as number;
      shift[p] = y;
      this.shift = shift;
    }
    // Deviations from the shift; only the non-zero ones take part in the products below.
    const d = this.deviation;
    const nz = this.nonZero;
    let m = 0;
    let total = 0;
    for (let i = 0; i < k; i++) {
      const di = (i < p ? (x[i] as number) : y) - (shift[i] as number);
      d[i] = di;
      total += di;
      if (di !== 0) nz[m++] = i;
    }
    // One test for the whole row: NaN or ±∞ anywhere makes the total non-finite.
    if (!Number.isFinite(total)) this.check(x, y);

    const sums = this.sums;
    const cross = this.cross;
    for (let a = 0; a < m; a++) {
      const i = nz[a] as number;
      const wdi = weight * (d[i] as number);
      sums[i] = (sums[i] as number) + wdi;
      const row = i * k;
      for (let b = a; b < m; b++) {
        const j = nz[b] as number;
        cross[row + j] = (cross[row + j] as number) + wdi * (d[j] as number);
      }
    }
    this.count += weight;
  }

  /**
   * Adds everything `other` accumulated, `weight` times (a bootstrap multiplicity; 0 skips it).
   * Exact in real arithmetic: with m = other's mean and δ = m − shift,
   * Σ(v − shift) += w·n·δ and Σ(v − shift)(v − shift)ᵀ += w·(M + n·δδᵀ), M = other's centred co-moments.
   */
  merge(other: MomentAccumulator, weight = 1): this {
    if (other.p !== this.p) throw new RangeError(`MomentAccumulator.merge: ${other.p} drivers vs ${this.p}`);
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`MomentAccumulator.merge: bad weight ${weight}`);
    const no = other.count;
    const oshift = other.shift;
    if (weight === 0 || no === 0 || oshift === null) return this;
    const k = this.k;
    const os = other.sums;
    const oc = other.cross;
    let shift = this.shift;
    if (shift === null) {
      shift = new Float64Array(k);
      for (let i = 0; i < k; i++) shift[i] = (oshift[i] as number) + (os[i] as number) / no;
      this.shift = shift;
    }
    const delta = this.deviation;
    for (let i = 0; i < k; i++)
      delta[i] = (oshift[i] as number) + (os[i] as number) / no - (shift[i] as number);
    const sums = this.sums;
    const cross = this.cross;
    for (let i = 0; i < k; i++) {
      const osi = os[i] as number;
      const di = delta[i] as number;
      sums[i] = (sums[i] as number) + weight * no * di;
      const row = i * k;
      for (let j = i; j < k; j++) {
        const centred = (oc[row + j] as number) - (osi * (os[j] as number)) / no;
        cross[row + j] = (cross[row + j] as number) + weight * (centred + no * di * (delta[j] as number));
      }
    }
    this.count += weight * no;
    return this;
  }

  /** Throws on a non-finite value (the slow path of `add`, taken only when the row's total is not finite). */
  private check(x: ArrayLike<number>, y: number): void {
    for (let i = 0; i < this.p; i++) {
      if (!Number.isFinite(x[i] as number))
        throw new RangeError(`MomentAccumulator.add: driver ${i} is ${x[i]}`);
    }
    if (!Number.isFinite(y)) throw new RangeError(`MomentAccumulator.add: outcome is ${y}`);
  }

  /** Mean of column i (drivers 0…p−1, outcome p); NaN when empty. */
  mean(i: number): number {
    if (this.shift === null || this.count === 0) return Number.NaN;
    return (this.shift[i] as number) + (this.sums[i] as number) / this.count;
  }

  /** Centred co-moment Σ(v_i − v̄_i)(v_j − v̄_j) of columns i and j. */
  comoment(i: number, j: number): number {
    if (this.count === 0) return 0;
    const [a, b] = i <= j ? [i, j] : [j, i];
    return (
      (this.cross[a * this.k + b] as number) -
      ((this.sums[a] as number) * (this.sums[b] as number)) / this.count
    );
  }
}

/**
 * Σ_g weights[g] · accs[g]: the moments of the rows of every accumulator, each repeated weights[g]
 * times. With weights = bootstrap multiplicities of random groups this is one bootstrap replicate.
 * Example: combine([a, b], [2, 0]) has the moments of a's rows twice over, and nothing of b.
 */
export function combine(accs: readonly MomentAccumulator[], weights?: ArrayLike<number>): MomentAccumulator {
  const first = accs[0];
  if (first === undefined) throw new RangeError("combine: no accumulators");
  if (weights !== undefined && weights.length !== accs.length) {
    throw new RangeError(`combine: ${accs.length} accumulators but ${weights.length} weights`);
  }
  const out = new MomentAccumulator(first.p);
  accs.forEach((acc, g) => {
    out.merge(acc, weights === undefined ? 1 : (weights[g] as number));
  });
  return out;
}

export interface Correlations {
  /** p × p driver correlations; a constant driver has 1 on its diagonal and 0 elsewhere. */
  rxx: number[][];
  /** Correlation of each driver with the outcome (0 for a constant driver or outcome). */
  rxy: number[];
  means: number[];
  /** Sample standard deviations (n − 1 denominator); NaN when n ≤ 1. */
  sds: number[];
  meanY: number;
  sdY: number;
  /** Drivers without spread: their correlations are set to 0 rather than 0/0. */
  constant: boolean[];
  constantOutcome: boolean;
  n: number;
}

/**
 * Pearson correlations from the moments: r_ij = M_ij / sqrt(M_ii · M_jj), M the centred co-moments
 * (M_ij = Σ(v_i − shift_i)(v_j − shift_j) − S_i S_j / n), clamped to [−1, 1].
 * A column whose standard deviation is 0, or below 1e−12 of its mean (rounding left by merging), is
 * "constant": its correlations are 0 and its diagonal 1, so it enters relative weights and Shapley R²
 * as an uninformative, uncorrelated driver with weight 0 instead of turning every figure into NaN.
 * Example: rows (x, y) = (1, 2), (2, 4), (3, 7) → rxy = [0.9934], means [2], sds [1].
 */
export function correlations(acc: MomentAccumulator): Correlations {
  const { p, k } = acc;
  const n = acc.n;
  const variance = new Float64Array(k);
  const flat: boolean[] = [];
  for (let i = 0; i < k; i++) {
    const m2 = Math.max(0, acc.comoment(i, i));
    variance[i] = m2;
    const sd = n > 0 ? Math.sqrt(m2 / n) : 0;
    flat.push(!(m2 > 0) || sd <= 1e-12 * Math.abs(acc.mean(i)));
  }
  const r = (i: number, j: number): number => {
    if (flat[i] || flat[j]) return 0;
    const v = acc.comoment(i, j) / Math.sqrt((variance[i] as number) * (variance[j] as number));
    return Math.min(1, Math.max(-1, v));
  };
  const rxx: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) row.push(i === j ? 1 : r(i, j));
    rxx.push(row);
  }
  const sd = (i: number): number => (n > 1 ? Math.sqrt((variance[i] as number) / (n - 1)) : Number.NaN);
  const drivers = Array.from({ length: p }, (_, i) => i);
  return {
    rxx,
    rxy: drivers.map((i) => r(i, p)),
    means: drivers.map((i) => acc.mean(i)),
    sds: drivers.map(sd),
    meanY: acc.mean(p),
    sdY: sd(p),
    constant: flat.slice(0, p),
    constantOutcome: flat[p] === true,
    n,
  };
}
