import { describe, expect, it } from "vitest";
import { type MtcarsColumn, mtcarsColumn } from "./fixtures/mtcars.ts";
import { referenceOls } from "./fixtures/reference-ols.ts";
import { simulateSurvey } from "./fixtures/simulated-survey.ts";
import { type Correlations, correlations, MomentAccumulator } from "./regression-moments.ts";
import { relativeWeights, standardizedRegression } from "./relative-weights.ts";
import { shapleyR2 } from "./shapley-r2.ts";

function fromColumns(columns: readonly (readonly number[])[], y: readonly number[]): Correlations {
  const acc = new MomentAccumulator(columns.length);
  const row = new Float64Array(columns.length);
  y.forEach((v, i) => {
    columns.forEach((c, j) => {
      row[j] = c[i] as number;
    });
    acc.add(row, v);
  });
  return correlations(acc);
}

function mtcars(drivers: readonly MtcarsColumn[]): { columns: number[][]; y: number[]; c: Correlations } {
  const columns = drivers.map(mtcarsColumn);
  const y = mtcarsColumn("mpg");
  return { columns, y, c: fromColumns(columns, y) };
}

function survey(n: number, p: number, seed: number): { columns: number[][]; y: number[]; c: Correlations } {
  const s = simulateSurvey(n, p, seed);
  const columns = Array.from({ length: p }, (_, j) =>
    Array.from({ length: n }, (_, i) => s.x[i * p + j] as number),
  );
  const y = Array.from(s.y);
  return { columns, y, c: fromColumns(columns, y) };
}

describe("relativeWeights", () => {
  it("reproduces the rwa package's published mtcars example", () => {
    // Published output: rwa (Martin Chan), vignette "regression methods",
    // https://martinctc.github.io/rwa/articles/regression-methods.html —
    // rwa_multiregress(mtcars, "mpg", c("cyl", "disp", "hp", "wt")):
    //   cyl 0.2096904 24.70914 | disp 0.1883043 22.18908 | hp 0.1799590 21.20570 | wt 0.2706812 31.89607
    //   R-squared: 0.8486
    const { c } = mtcars(["cyl", "disp", "hp", "wt"]);
    const rw = relativeWeights(c.rxx, c.rxy);
    const published = [0.2096904, 0.1883043, 0.179959, 0.2706812];
    const publishedRescaled = [24.70914, 22.18908, 21.2057, 31.89607];
    published.forEach((w, j) => {
      expect(rw.weights[j]).toBeCloseTo(w, 7);
      expect(rw.rescaled[j]).toBeCloseTo(publishedRescaled[j] as number, 5);
    });
    expect(rw.r2).toBeCloseTo(0.8486, 4);
  });

  it("weights sum to the R² of an ordinary least-squares fit, and betas are its standardized slopes", () => {
    for (const { columns, y, c } of [mtcars(["cyl", "disp", "hp", "wt"]), survey(3000, 8, 11)]) {
      const ols = referenceOls(columns, y);
      const rw = relativeWeights(c.rxx, c.rxy);
      expect(rw.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(ols.r2, 10);
      expect(rw.r2).toBeCloseTo(ols.r2, 10);
      rw.betas.forEach((b, j) => {
        expect(b).toBeCloseTo(ols.standardized[j] as number, 8);
      });
      expect(rw.rescaled.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    }
  });

  it("gives uncorrelated drivers their squared correlation (Johnson 2000: ε_j = r_jy² when Rxx = I)", () => {
    const rw = relativeWeights(
      [
        [1, 0],
        [0, 1],
      ],
      [0.3, -0.4],
    );
    expect(rw.weights[0]).toBeCloseTo(0.09, 12);
    expect(rw.weights[1]).toBeCloseTo(0.16, 12);
    expect(rw.r2).toBeCloseTo(0.25, 12);
    expect(rw.betas[1]).toBeCloseTo(-0.4, 12);
    expect(rw.rescaled[0]).toBeCloseTo(36, 10);
  });

  it("is close to the Shapley decomposition on realistic survey data", () => {
    const { c } = survey(20000, 10, 12);
    const rw = relativeWeights(c.rxx, c.rxy);
    const shapley = shapleyR2(c.rxx, c.rxy);
    expect(rw.r2).toBeCloseTo(shapley.r2, 10);
    rw.weights.forEach((w, j) => {
      expect(Math.abs(w - (shapley.weights[j] as number))).toBeLessThan(0.02);
    });
  });

  it("gives exactly duplicated drivers equal weights and split betas, without NaN", () => {
    const { columns, y } = mtcars(["wt", "hp"]);
    const single = relativeWeights(fromColumns(columns, y).rxx, fromColumns(columns, y).rxy);
    const twice = fromColumns([columns[0] as number[], columns[0] as number[], columns[1] as number[]], y);
    const rw = relativeWeights(twice.rxx, twice.rxy);
    expect([...rw.weights, ...rw.betas, rw.r2].every(Number.isFinite)).toBe(true);
    expect(rw.weights[0]).toBeCloseTo(rw.weights[1] as number, 8);
    // The model is the same, so R² is; the weights still add up to it (the twins' joint share is not
    // the single driver's: like Shapley values, relative weights are not invariant to duplication).
    expect(rw.r2).toBeCloseTo(single.r2, 8);
    expect(rw.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(single.r2, 8);
    expect(rw.betas[0]).toBeCloseTo(rw.betas[1] as number, 8);
    expect((rw.betas[0] as number) + (rw.betas[1] as number)).toBeCloseTo(single.betas[0] as number, 8);
  });

  it("gives a constant driver weight 0 and leaves the others as if it were absent", () => {
    const { columns, y, c: without } = mtcars(["cyl", "hp", "wt"]);
    const constant = new Array<number>(y.length).fill(1);
    const c = fromColumns(
      [columns[0] as number[], constant, columns[1] as number[], columns[2] as number[]],
      y,
    );
    expect(c.constant).toEqual([false, true, false, false]);
    const reference = relativeWeights(without.rxx, without.rxy);
    for (const rw of [relativeWeights(c.rxx, c.rxy, { drop: c.constant }), relativeWeights(c.rxx, c.rxy)]) {
      expect(rw.weights[1]).toBe(0);
      expect(rw.betas[1]).toBe(0);
      expect(rw.weights[0]).toBeCloseTo(reference.weights[0] as number, 10);
      expect(rw.weights[3]).toBeCloseTo(reference.weights[2] as number, 10);
      expect(rw.r2).toBeCloseTo(reference.r2, 10);
    }
    expect(relativeWeights(c.rxx, c.rxy, { drop: c.constant }).dropped).toEqual([false, true, false, false]);
  });

  it("returns zeros, not NaN, when nothing is explained", () => {
    const rw = relativeWeights(
      [
        [1, 0.5],
        [0.5, 1],
      ],
      [0, 0],
    );
    expect(rw.r2).toBe(0);
    expect(rw.rescaled).toEqual([0, 0]);
    expect(relativeWeights([[1]], [0.5], { drop: [true] }).weights).toEqual([0]);
  });

  it("rejects a correlation matrix that does not match rxy", () => {
    expect(() => relativeWeights([[1]], [0.2, 0.3])).toThrow(RangeError);
  });
});

describe("standardizedRegression", () => {
  it("solves the normal equations in correlation form", () => {
    // Two drivers with r12 = 0.5, r1y = 0.5, r2y = 0.5: b = (0.5 − 0.25)/(1 − 0.25) = 1/3 each, R² = 1/3.
    const fit = standardizedRegression(
      [
        [1, 0.5],
        [0.5, 1],
      ],
      [0.5, 0.5],
    );
    expect(fit.betas[0]).toBeCloseTo(1 / 3, 12);
    expect(fit.betas[1]).toBeCloseTo(1 / 3, 12);
    expect(fit.r2).toBeCloseTo(1 / 3, 12);
  });
});
