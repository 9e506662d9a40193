import { describe, expect, it } from "vitest";
import { heterogeneity } from "./heterogeneity.ts";

describe("Cochran's Q and I²", () => {
  it("reproduces the worked example: 10, 20, 30 with se 5 → Q 8, p = e^−4, I² 75%", () => {
    const h = heterogeneity([
      { value: 10, se: 5 },
      { value: 20, se: 5 },
      { value: 30, se: 5 },
    ]);
    expect(h.q).toBeCloseTo(8, 10);
    expect(h.df).toBe(2);
    // χ² with 2 df has survival function e^(−x/2), so p = e^(−4) exactly.
    expect(h.pValue).toBeCloseTo(Math.exp(-4), 8);
    expect(h.i2).toBeCloseTo(75, 10);
    expect(h.verdict).toBe("significant");
  });

  it("matches the computational form Q = Σwx² − (Σwx)²/Σw on unequal weights", () => {
    const groups = [
      { value: 12.5, se: 3.1 },
      { value: -4, se: 6.2 },
      { value: 7.25, se: 2.4 },
      { value: 20, se: 9 },
    ];
    const w = groups.map((g) => 1 / g.se ** 2);
    const sw = w.reduce((a, b) => a + b, 0);
    const swx = groups.reduce((s, g, i) => s + (w[i] as number) * g.value, 0);
    const swx2 = groups.reduce((s, g, i) => s + (w[i] as number) * g.value ** 2, 0);
    const h = heterogeneity(groups);
    expect(h.q).toBeCloseTo(swx2 - swx ** 2 / sw, 9);
    expect(h.pooled).toBeCloseTo(swx / sw, 10);
  });

  it("calls groups that differ by less than their noise not significant, with I² 0", () => {
    const h = heterogeneity([
      { value: 30, se: 10 },
      { value: 32, se: 10 },
      { value: 29, se: 10 },
    ]);
    expect(h.significant).toBe(false);
    expect(h.i2).toBe(0);
  });

  it("says when there is nothing to compare", () => {
    expect(heterogeneity([{ value: 5, se: 1 }]).warning).toMatch(/fewer than two/);
    expect(
      heterogeneity([
        { value: 5, se: 0 },
        { value: 7, se: 1 },
      ]).warning,
    ).toMatch(/fewer than two/);
  });
});
