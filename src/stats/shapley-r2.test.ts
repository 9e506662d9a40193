import { describe, expect, it } from "vitest";
import { mtcarsColumn } from "./fixtures/mtcars.ts";
import { referenceOls } from "./fixtures/reference-ols.ts";
import { simulateSurvey } from "./fixtures/simulated-survey.ts";
import { type Correlations, correlations, MomentAccumulator } from "./regression-moments.ts";
import { SHAPLEY_MAX_DRIVERS, shapleyR2 } from "./shapley-r2.ts";

function fromColumns(columns: readonly (readonly number[])[], y: readonly number[]): Correlations {
  const acc = new MomentAccumulator(columns.length);
  y.forEach((v, i) => {
    acc.add(
      columns.map((c) => c[i] as number),
      v,
    );
  });
  return correlations(acc);
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]),
  );
}

describe("shapleyR2", () => {
  it("reproduces relaimpo's published lmg values for mtcars (mpg ~ am + vs + cyl)", () => {
    // Published output: domir README (J. Luchman, github.com/jluchman/domir), section "Comparison with
    // Existing Relative Importance Packages": relaimpo::calc.relimp(mpg ~ am + vs + cyl, data = mtcars,
    // type = "lmg") → am 0.1774892, vs 0.2027032, cyl 0.3817849; domir's "Overall Value: 0.7619773" and
    // conditional dominance ("Include At: 1 / 2 / 3") am 0.3597989 0.1389842 0.033684441,
    // vs 0.4409477 0.1641982 0.002963748, cyl 0.7261800 0.3432799 0.075894823.
    const c = fromColumns([mtcarsColumn("am"), mtcarsColumn("vs"), mtcarsColumn("cyl")], mtcarsColumn("mpg"));
    const s = shapleyR2(c.rxx, c.rxy);
    [0.1774892, 0.2027032, 0.3817849].forEach((w, j) => {
      expect(s.weights[j]).toBeCloseTo(w, 7);
    });
    expect(s.r2).toBeCloseTo(0.7619773, 7);
    const conditional = [
      [0.3597989, 0.1389842, 0.033684441],
      [0.4409477, 0.1641982, 0.002963748],
      [0.72618, 0.3432799, 0.075894823],
    ];
    conditional.forEach((row, j) => {
      row.forEach((v, size) => {
        expect((s.conditional[j] as number[])[size]).toBeCloseTo(v, 7);
      });
    });
    // relaimpo prints "Proportion of variance explained by model: 76.2%".
    expect(Math.round(s.r2 * 1000) / 10).toBe(76.2);
    expect(s.rescaled.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });

  it("equals the average over all orderings of OLS R² gains fitted on the raw rows", () => {
    // A different route: every one of the 5! = 120 orders of entry, each sub-model fitted by least
    // squares on the data (not on correlations), gains averaged per driver.
    const n = 1500;
    const p = 5;
    const sim = simulateSurvey(n, p, 21);
    const columns = Array.from({ length: p }, (_, j) =>
      Array.from({ length: n }, (_, i) => sim.x[i * p + j] as number),
    );
    const y = Array.from(sim.y);
    const r2Of = new Map<string, number>();
    const olsR2 = (set: number[]): number => {
      if (set.length === 0) return 0;
      const key = [...set].sort().join(",");
      let r2 = r2Of.get(key);
      if (r2 === undefined) {
        r2 = referenceOls(
          set.map((j) => columns[j] as number[]),
          y,
        ).r2;
        r2Of.set(key, r2);
      }
      return r2;
    };
    const orders = permutations([0, 1, 2, 3, 4]);
    const expected = new Array<number>(p).fill(0);
    for (const order of orders) {
      order.forEach((j, position) => {
        expected[j] =
          (expected[j] as number) +
          (olsR2(order.slice(0, position + 1)) - olsR2(order.slice(0, position))) / orders.length;
      });
    }
    const s = shapleyR2(fromColumns(columns, y).rxx, fromColumns(columns, y).rxy);
    expected.forEach((w, j) => {
      expect(s.weights[j]).toBeCloseTo(w, 10);
    });
    expect(s.r2).toBeCloseTo(olsR2([0, 1, 2, 3, 4]), 10);
    // Spot-check one stored sub-model: drivers 0 and 3 (bitmask 0b01001).
    expect(s.subsetR2[0b01001]).toBeCloseTo(olsR2([0, 3]), 10);
  });

  it("splits two drivers' R² by the closed form φ₁ = (r₁² + R² − r₂²) / 2", () => {
    // r12 = 0.3, r1y = 0.5, r2y = 0.4: R² = (0.25 + 0.16 − 2·0.3·0.5·0.4) / (1 − 0.09) = 0.29 / 0.91.
    const r2 = 0.29 / 0.91;
    const s = shapleyR2(
      [
        [1, 0.3],
        [0.3, 1],
      ],
      [0.5, 0.4],
    );
    expect(s.r2).toBeCloseTo(r2, 12);
    expect(s.weights[0]).toBeCloseTo((0.25 + r2 - 0.16) / 2, 12);
    expect(s.weights[1]).toBeCloseTo((0.16 + r2 - 0.25) / 2, 12);
  });

  it("handles duplicated and constant drivers without NaN", () => {
    const wt = mtcarsColumn("wt");
    const c = fromColumns(
      [wt, wt, new Array<number>(wt.length).fill(2), mtcarsColumn("hp")],
      mtcarsColumn("mpg"),
    );
    const s = shapleyR2(c.rxx, c.rxy);
    expect([...s.weights, s.r2, ...s.subsetR2].every(Number.isFinite)).toBe(true);
    expect(s.weights[0]).toBeCloseTo(s.weights[1] as number, 10);
    expect(s.weights[2]).toBeCloseTo(0, 12);
    const single = fromColumns([wt, mtcarsColumn("hp")], mtcarsColumn("mpg"));
    expect(s.r2).toBeCloseTo(shapleyR2(single.rxx, single.rxy).r2, 10);
  });

  it(`works up to ${SHAPLEY_MAX_DRIVERS} drivers and refuses more with a clear error`, () => {
    const twelve = simulateSurvey(2000, 12, 3);
    const acc = new MomentAccumulator(12);
    for (let i = 0; i < 2000; i++) acc.add(twelve.x.subarray(i * 12, i * 12 + 12), twelve.y[i] as number);
    const c = correlations(acc);
    const s = shapleyR2(c.rxx, c.rxy);
    expect(s.subsetR2.length).toBe(4096);
    expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(s.r2, 10);
    const thirteen = Array.from({ length: 13 }, (_, i) =>
      Array.from({ length: 13 }, (_, j) => (i === j ? 1 : 0)),
    );
    expect(() => shapleyR2(thirteen, new Array<number>(13).fill(0.1))).toThrow(/at most 12.*relativeWeights/);
  });
});
