import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlphaUnit, alphaEstimate, krippendorffAlpha } from "./krippendorff-alpha.ts";

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (repository.upenn.edu/asc_papers/43),
 * section C: 4 observers (A–D) × 12 units with missing values (null), transposed here to one array
 * per unit. The paper gives nominal α = .743, ordinal .815, interval .849 and ratio .797. Where the
 * figures were checked (2026-12-03): the data as printed in R's rel::kra documentation; ordinal .815
 * and ratio .797 in the test suite of the Python package krippendorff (pln-fing-udelar/fast-krippendorff,
 * tests/test_krippendorff.py) on the same data; the binary 2 × 10 example (α ≈ .095) as cited from
 * the 2011 paper in Krippendorff.jl's tests. The paper's own text was not reachable for nominal and
 * interval, so those two are also recomputed below by a second route (sums over value pairs).
 */
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const EXAMPLE: AlphaUnit[] = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

/**
 * Alpha by its pairwise definition, without a coincidence matrix: D_o averages δ over the ordered
 * pairs of values within each unit (each unit weighted 1/(m_u − 1)), D_e over all ordered pairs of
 * pairable values. Only for metrics that do not depend on the marginals (not ordinal).
 */
function alphaByPairs(data: readonly AlphaUnit[], delta: (a: number, b: number) => number): number {
  const units = data
    .map((u) => u.filter((v): v is number => v !== null && v !== undefined))
    .filter((u) => u.length > 1);
  const values = units.flat();
  const n = values.length;
  let within = 0;
  for (const u of units) {
    let sum = 0;
    for (let i = 0; i < u.length; i++)
      for (let j = 0; j < u.length; j++) if (i !== j) sum += delta(u[i] as number, u[j] as number);
    within += sum / (u.length - 1);
  }
  let all = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) all += delta(values[i] as number, values[j] as number);
  return 1 - within / n / (all / (n * (n - 1)));
}

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff's (2011) worked example of 4 observers × 12 units with missing values", () => {
    const nominal = krippendorffAlpha(EXAMPLE, "nominal");
    // Unit 12 has one value only: not pairable. 11 units, 40 pairable values.
    expect(nominal.units).toBe(11);
    expect(nominal.n).toBe(40);
    expect(nominal.value).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(EXAMPLE, "ordinal").value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(EXAMPLE, "interval").value).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(EXAMPLE, "ratio").value).toBeCloseTo(0.797, 3);
    // The same by the pairwise definition.
    expect(alphaByPairs(EXAMPLE, (a, b) => (a === b ? 0 : 1))).toBeCloseTo(nominal.value as number, 12);
    expect(alphaByPairs(EXAMPLE, (a, b) => (a - b) ** 2)).toBeCloseTo(
      krippendorffAlpha(EXAMPLE, "interval").value as number,
      12,
    );
    expect(alphaByPairs(EXAMPLE, (a, b) => ((a - b) / (a + b)) ** 2)).toBeCloseTo(
      krippendorffAlpha(EXAMPLE, "ratio").value as number,
      12,
    );
  });

  it("reproduces the paper's binary example of 2 observers × 10 units (α ≈ 0.095)", () => {
    const first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const result = krippendorffAlpha(
      first.map((v, i) => [v, second[i]]),
      "nominal",
    );
    expect(result.value).toBeCloseTo(0.095, 3);
  });

  it("matches small cases worked by hand", () => {
    // o_11 = 2, o_12 = o_21 = 1: n = 4, n_1 = 3, n_2 = 1; α = 1 − (n − 1)·Σ o δ / Σ n_c n_k δ = 1 − 3·2/6 = 0.
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 2],
        ],
        "nominal",
      ).value,
    ).toBeCloseTo(0, 12);
    // Two agreeing units of different values and one disagreeing: n = 6, n_1 = n_2 = 3.
    // α = 1 − 5·2/(2·9) = 0.444…
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [1, 2],
        ],
        "nominal",
      ).value,
    ).toBeCloseTo(1 - 10 / 18, 12);
  });

  it("is undefined without pairable values or without any variation", () => {
    expect(krippendorffAlpha([], "nominal").value).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        "interval",
      ).value,
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [3, 3, 3],
          [3, 3],
        ],
        "ordinal",
      ).value,
    ).toBeNull();
  });

  const level = fc.constantFrom("nominal", "ordinal", "interval", "ratio" as const);
  /** Units of 2–5 observers with values 1–5 and some missing, at least two different values overall. */
  const reliabilityData = fc
    .array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 2, maxLength: 5 }),
      {
        minLength: 2,
        maxLength: 20,
      },
    )
    .filter((units) => krippendorffAlpha(units, "nominal").value !== null);

  it("is 1 under perfect agreement, whatever the level, missing values included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 2, max: 6 })), {
          minLength: 2,
          maxLength: 15,
        }),
        level,
        (units, lvl) => {
          const data = units.map(([value, observers], i) =>
            Array.from({ length: observers + 1 }, (_, j) => (j === i % (observers + 1) ? null : value)),
          );
          fc.pre(new Set(units.map(([v]) => v)).size >= 2);
          expect(krippendorffAlpha(data, lvl).value).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it("does not depend on the order of the units or of the observers within a unit", () => {
    fc.assert(
      fc.property(reliabilityData, level, fc.integer(), (units, lvl, seed) => {
        const before = krippendorffAlpha(units, lvl).value;
        const shuffled = [...units]
          .map((u, i) => ({ u: [...u].reverse(), key: Math.sin(seed + i) }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.u);
        const after = krippendorffAlpha(shuffled, lvl).value;
        if (before === null) expect(after).toBeNull();
        else expect(after).toBeCloseTo(before, 9);
      }),
    );
  });

  it("stays at most 1, and a unit coded by one observer only changes nothing", () => {
    fc.assert(
      fc.property(reliabilityData, level, fc.integer({ min: 1, max: 5 }), (units, lvl, lone) => {
        const a = krippendorffAlpha(units, lvl).value as number;
        expect(a).toBeLessThanOrEqual(1 + 1e-12);
        expect(krippendorffAlpha([...units, [lone, null, null]], lvl).value).toBeCloseTo(a, 12);
      }),
    );
  });
});

describe("alphaEstimate", () => {
  it("gives the point value and a seeded bootstrap interval around it over the units", () => {
    const e = alphaEstimate(EXAMPLE, "nominal");
    expect(e.value).toBe(0.743);
    expect(e.units).toBe(11);
    expect(e.low).not.toBeNull();
    expect(e.low as number).toBeLessThan(0.743);
    expect(e.high as number).toBeGreaterThanOrEqual(0.743);
    expect(e.high as number).toBeLessThanOrEqual(1);
    expect(alphaEstimate(EXAMPLE, "nominal")).toEqual(e);
  });

  it("leaves the interval out below 3 units", () => {
    const e = alphaEstimate(
      [
        [1, 1],
        [1, 2],
      ],
      "nominal",
    );
    expect(e).toMatchObject({ value: 0, low: null, high: null, units: 2 });
  });
});
