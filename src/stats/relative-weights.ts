import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/**
 * Eigenvalues at or below this fraction of the largest are treated as 0: the predictors are then
 * linearly dependent (a driver coded twice, mentions that always co-occur) and the matching
 * directions carry no information. 1e−10 keeps honest collinearity (λ ≈ 1e−4 for r ≈ 0.9999) and drops
 * rounding noise (λ ≈ 1e−16 for an exact duplicate).
 */
export const EIGEN_TOLERANCE = 1e-10;

export interface SymmetricEigen {
  values: number[];
  vectors: Matrix;
}

/** Eigendecomposition R = V diag(λ) Vᵀ of a symmetric matrix, with λ below the tolerance set to 0. */
export function symmetricEigen(r: readonly (readonly number[])[]): SymmetricEigen {
  const evd = new EigenvalueDecomposition(new Matrix(r.map((row) => [...row])), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const top = Math.max(0, ...raw);
  return { values: raw.map((l) => (l > EIGEN_TOLERANCE * top ? l : 0)), vectors: evd.eigenvectorMatrix };
}

/** V diag(f(λ)) Vᵀ, with f applied only to the kept (positive) eigenvalues and 0 elsewhere. */
export function spectralFunction(eigen: SymmetricEigen, f: (lambda: number) => number): Matrix {
  const { values, vectors } = eigen;
  return vectors.mmul(Matrix.diag(values.map((l) => (l > 0 ? f(l) : 0)))).mmul(vectors.transpose());
}

/**
 * Standardized regression from correlations: b = Rxx⁺ rxy and R² = rxyᵀ Rxx⁺ rxy, with Rxx⁺ the
 * Moore–Penrose inverse (eigenvalues below EIGEN_TOLERANCE dropped), so collinear drivers share
 * their coefficient instead of producing ±∞. Example: rxx = I, rxy = [0.3, 0.4] → b = [0.3, 0.4], R² = 0.25.
 */
export function standardizedRegression(
  rxx: readonly (readonly number[])[],
  rxy: readonly number[],
): { betas: number[]; r2: number } {
  if (rxy.length === 0) return { betas: [], r2: 0 };
  const inverse = spectralFunction(symmetricEigen(rxx), (l) => 1 / l);
  const betas = inverse.mmul(Matrix.columnVector([...rxy])).getColumn(0);
  return { betas, r2: Math.max(0, dot(betas, rxy)) };
}

export interface RelativeWeights {
  /** Model R² = Σ weights. */
  r2: number;
  /** Raw relative weight ε_j of each driver; they sum to R². */
  weights: number[];
  /** ε_j as a percentage of R² (sums to 100, or all 0 when R² = 0). */
  rescaled: number[];
  /** Standardized regression coefficients: the sign gives each driver's direction of effect. */
  betas: number[];
  /** Drivers left out (asked to be dropped, zero diagonal, non-finite correlations): weight and beta 0. */
  dropped: boolean[];
}

/**
 * Johnson's relative weights: each driver's share of R², allowing for correlated drivers.
 *
 * Λ = Rxx^{1/2} = V diag(√λ) Vᵀ (the correlations of the drivers with their closest orthogonal
 * counterparts Z), β = Λ⁻¹ rxy (the outcome regressed on Z), ε_j = Σ_k Λ_jk² β_k², and Σ_j ε_j = R².
 * Source: Johnson, J. W. (2000), "A heuristic method for estimating the relative weight of predictor
 * variables in multiple regression", Multivariate Behavioral Research 35(1), 1–19; the same steps as
 * Tonidandel & LeBreton (2011), J. Business and Psychology 26, 1–9, and the R package rwa.
 * Near-singular Rxx: eigenvalues below EIGEN_TOLERANCE are clipped to 0 and Λ⁻¹ is the
 * pseudo-inverse, so exactly duplicated drivers get equal weights and split the beta. Drivers in
 * `options.drop` (pass `correlations(acc).constant`) are removed before the decomposition and get
 * weight and beta 0; a constant driver left in gets 0 anyway, since `correlations` gives it r = 0.
 * Usage: const c = correlations(acc); relativeWeights(c.rxx, c.rxy, { drop: c.constant }).
 *
 * Example (rwa vignette "regression methods", mtcars): mpg on cyl, disp, hp, wt → ε = 0.2097, 0.1883, 0.1800, 0.2707; R² = 0.8486.
 */
export function relativeWeights(
  rxx: readonly (readonly number[])[],
  rxy: readonly number[],
  options: { drop?: readonly boolean[] } = {},
): RelativeWeights {
  const p = rxy.length;
  if (rxx.length !== p || rxx.some((row) => row.length !== p)) {
    throw new RangeError(`relativeWeights: rxx must be ${p} × ${p} to match rxy`);
  }
  const dropped = rxy.map(
    (r, j) =>
      options.drop?.[j] === true ||
      !Number.isFinite(r) ||
      !(rxx[j] as readonly number[]).every(Number.isFinite) ||
      !(((rxx[j] as readonly number[])[j] as number) > 0),
  );
  const keep = rxy.flatMap((_, j) => (dropped[j] ? [] : [j]));
  const weights = new Array<number>(p).fill(0);
  const betas = new Array<number>(p).fill(0);
  if (keep.length === 0) return { r2: 0, weights, rescaled: weights.slice(), betas, dropped };

  const r = keep.map((i) => keep.map((j) => (rxx[i] as readonly number[])[j] as number));
  const ry = keep.map((j) => rxy[j] as number);
  // With R = V diag(λ) Vᵀ: Λ = V diag(√λ) Vᵀ, β = V diag(1/√λ) Vᵀ rxy, b = V diag(1/λ) Vᵀ rxy (λ = 0
  // dropped). Written on plain arrays: one bootstrap of a 30-driver design evaluates this 400 times.
  const eigen = symmetricEigen(r);
  const q = keep.length;
  const v = eigen.vectors.to2DArray();
  const l = eigen.values;
  const vtRy = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    let s = 0;
    for (let c = 0; c < q; c++) s += ((v[c] as number[])[k] as number) * (ry[c] as number);
    vtRy[k] = s;
  }
  const beta = new Float64Array(q);
  const vRow = new Float64Array(q);
  const sqrtL = l.map((x) => (x > 0 ? Math.sqrt(x) : 0));
  for (let a = 0; a < q; a++) {
    const va = v[a] as number[];
    let be = 0;
    let bb = 0;
    for (let k = 0; k < q; k++) {
      const lk = l[k] as number;
      if (!(lk > 0)) continue;
      be += (va[k] as number) * ((vtRy[k] as number) / (sqrtL[k] as number));
      bb += (va[k] as number) * ((vtRy[k] as number) / lk);
    }
    beta[a] = be;
    vRow[a] = bb;
  }
  keep.forEach((j, a) => {
    const va = v[a] as number[];
    let eps = 0;
    for (let c = 0; c < q; c++) {
      const vc = v[c] as number[];
      let lambdaAC = 0;
      for (let k = 0; k < q; k++) lambdaAC += (va[k] as number) * (sqrtL[k] as number) * (vc[k] as number);
      eps += lambdaAC ** 2 * (beta[c] as number) ** 2;
    }
    weights[j] = eps;
    betas[j] = vRow[a] as number;
  });
  const r2 = weights.reduce((s, w) => s + w, 0);
  const rescaled = weights.map((w) => (r2 > 0 ? (100 * w) / r2 : 0));
  return { r2, weights, rescaled, betas, dropped };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
