import { describe, expect, it } from "vitest";
import {
  averageRanks,
  fisherInterval,
  laggedCorrelation,
  monthIndex,
  type PanelPoint,
  pearson,
  spearman,
} from "./correlation.ts";

// R's datasets::mtcars, columns mpg and wt (Henderson & Velleman 1981), n = 32.
const mpg = [
  21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4,
  30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4,
];
const wt = [
  2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345,
  2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78,
];

/** Pearson's r by the raw-sums formula (nΣxy − ΣxΣy)/√((nΣx² − (Σx)²)(nΣy² − (Σy)²)). */
function rawSumsR(x: number[], y: number[]): number {
  const n = x.length;
  const sum = (v: number[]) => v.reduce((s, a) => s + a, 0);
  const sxy = sum(x.map((xi, i) => xi * (y[i] ?? 0)));
  const sxx = sum(x.map((xi) => xi * xi));
  const syy = sum(y.map((yi) => yi * yi));
  return (n * sxy - sum(x) * sum(y)) / Math.sqrt((n * sxx - sum(x) ** 2) * (n * syy - sum(y) ** 2));
}

describe("pearson", () => {
  it("reproduces R's cor.test(mtcars$mpg, mtcars$wt)", () => {
    // R: t = −9.559, df = 30, p-value = 1.294e−10, 95% CI −0.9338264 −0.7440872, cor −0.8676594.
    const c = pearson(mpg, wt);
    expect(c.r).toBeCloseTo(-0.8676594, 7);
    expect(c.low).toBeCloseTo(-0.9338264, 7);
    expect(c.high).toBeCloseTo(-0.7440872, 7);
    expect(c.pValue / 1e-10).toBeCloseTo(1.294, 3);
    expect(c).toMatchObject({ n: 32, significant: true, verdict: "significant" });
    expect(c.warning).toBeUndefined();
  });

  it("agrees with the raw-sums formula on a small dataset", () => {
    const x = [43, 21, 25, 42, 57, 59];
    const y = [99, 65, 79, 75, 87, 81];
    const c = pearson(x, y);
    expect(c.r).toBeCloseTo(rawSumsR(x, y), 12);
    expect(c.r).toBeCloseTo(0.5298, 4);
    expect(c.significant).toBe(false);
  });

  it("is ±1 for exact linear relations, with a NaN-free interval and p-value", () => {
    const up = pearson([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]);
    expect(up.r).toBeCloseTo(1, 12);
    expect(up.pValue).toBeLessThan(1e-6);
    expect(up.high).toBe(1);
    expect(pearson([1, 2, 3, 4, 5], [9, 7, 5, 3, 1]).r).toBeCloseTo(-1, 12);
  });

  it("warns instead of testing with too few pairs or no variation", () => {
    const few = pearson([1, 2, 3], [2, 1, 3]);
    expect(few).toMatchObject({
      n: 3,
      low: -1,
      high: 1,
      pValue: 1,
      significant: false,
      warning: "too few pairs",
    });
    const flat = pearson([1, 2, 3, 4, 5], [4, 4, 4, 4, 4]);
    expect(flat).toMatchObject({
      r: 0,
      low: -1,
      high: 1,
      pValue: 1,
      significant: false,
      warning: "no variation",
    });
  });

  it("leaves out pairs with a missing value and rejects unequal lengths", () => {
    const c = pearson([1, 2, Number.NaN, 4, 5, 6], [2, 4, 100, 8, 10, 13]);
    expect(c.n).toBe(5);
    expect(c.r).toBeCloseTo(rawSumsR([1, 2, 4, 5, 6], [2, 4, 8, 10, 13]), 12);
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });
});

describe("spearman", () => {
  it("reproduces the Wikipedia worked example: IQ vs hours of TV, ρ = −29/165", () => {
    // Wikipedia, "Spearman's rank correlation coefficient", Example: Σd² = 194, ρ = 1 − 6·194/990 = −29/165.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const c = spearman(iq, tv);
    expect(c.r).toBeCloseTo(-29 / 165, 12);
    // t approximation, n − 2 = 8 df: p = 0.627188 (scipy.stats.spearmanr prints 0.6271883 for |ρ| = 29/165).
    expect(c.pValue).toBeCloseTo(0.627188, 6);
    expect(c.verdict).toBe("not significant");
  });

  it("reproduces R's cor.test(mtcars$mpg, mtcars$wt, method = 'spearman') with ties", () => {
    // R: rho −0.886422, p-value = 1.488e−11 (asymptotic t approximation, ties present).
    const c = spearman(mpg, wt);
    expect(c.r).toBeCloseTo(-0.886422, 6);
    expect(c.pValue / 1e-11).toBeCloseTo(1.488, 3);
  });

  it("uses Fieller's variance 1.06/(n − 3) for its Fisher interval", () => {
    const c = spearman(mpg, wt);
    const z = 0.5 * Math.log((1 + c.r) / (1 - c.r));
    const half = 1.959964 * Math.sqrt(1.06 / 29);
    const back = (v: number) => (Math.exp(2 * v) - 1) / (Math.exp(2 * v) + 1);
    expect(c.low).toBeCloseTo(back(z - half), 6);
    expect(c.high).toBeCloseTo(back(z + half), 6);
  });

  it("is unchanged by monotone transformations and equals Pearson on the ranks", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const y = [2, 7, 1, 8, 2, 8, 1, 8];
    const c = spearman(x, y);
    expect(
      spearman(
        x.map((v) => Math.exp(v)),
        y.map((v) => v ** 3),
      ).r,
    ).toBeCloseTo(c.r, 12);
    expect(c.r).toBeCloseTo(rawSumsR(averageRanks(x), averageRanks(y)), 12);
  });
});

describe("averageRanks", () => {
  it("gives tied values the mean of their ranks", () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 1, 5, 5, 0])).toEqual([4, 2, 4, 4, 1]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe("fisherInterval", () => {
  it("back-transforms z = ½ ln((1 + r)/(1 − r)) ± 1.96/√(n − 3)", () => {
    // r = 0.5, n = 28: z = ½ ln 3 = 0.549306, se = 1/√25 = 0.2, z ± 1.959964·0.2 = 0.157313 … 0.941299,
    // back through (e^{2z} − 1)/(e^{2z} + 1) → [0.1560, 0.7358].
    const back = (v: number) => (Math.exp(2 * v) - 1) / (Math.exp(2 * v) + 1);
    const z = 0.5 * Math.log(3);
    const { low, high } = fisherInterval(0.5, 28);
    expect(low).toBeCloseTo(back(z - 1.959964 * 0.2), 6);
    expect(high).toBeCloseTo(back(z + 1.959964 * 0.2), 6);
    expect([low, high].map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0.156, 0.7358]);
  });

  it("reproduces the interval of R's cor.test on mtcars", () => {
    const { low, high } = fisherInterval(-0.8676594, 32);
    expect(low).toBeCloseTo(-0.9338264, 6);
    expect(high).toBeCloseTo(-0.7440872, 6);
  });

  it("widens with the confidence level and narrows with n", () => {
    const i95 = fisherInterval(0.3, 50);
    const i99 = fisherInterval(0.3, 50, 0.99);
    const big = fisherInterval(0.3, 500);
    expect(i99.high - i99.low).toBeGreaterThan(i95.high - i95.low);
    expect(big.high - big.low).toBeLessThan(i95.high - i95.low);
    expect(fisherInterval(0.3, 3)).toEqual({ low: -1, high: 1 });
  });
});

describe("monthIndex", () => {
  it("counts months across year boundaries and rejects other formats", () => {
    expect(monthIndex("2025-01") - monthIndex("2024-12")).toBe(1);
    expect(monthIndex("2025-02") - monthIndex("2024-11")).toBe(3);
    expect(() => monthIndex("2024-13")).toThrow(RangeError);
    expect(() => monthIndex("2024-1")).toThrow(RangeError);
  });
});

describe("laggedCorrelation", () => {
  const months = ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"];
  /** x is a free series; y copies x one month later (so x leads y by one month), plus noise-free offsets. */
  function panel(): PanelPoint[] {
    const teams = { a: [3, 1, 4, 1, 5, 9], b: [2, 6, 5, 3, 5, 8], c: [9, 7, 9, 3, 2, 3] };
    const points: PanelPoint[] = [];
    for (const [key, xs] of Object.entries(teams)) {
      xs.forEach((x, i) => {
        const previous = xs[i - 1] ?? 0;
        points.push({ key, period: months[i] ?? "", x, y: 10 + 2 * previous });
      });
    }
    return points;
  }

  it("pairs x in month m with y in month m + lag of the same key, across the year boundary", () => {
    const lagged = laggedCorrelation(panel(), 1, "pearson");
    expect(lagged.n).toBe(15); // 3 teams × 5 month pairs, Dec→Jan included
    expect(lagged.r).toBeCloseTo(1, 12);
    expect(lagged).toMatchObject({ lag: 1, method: "pearson", significant: true });
    const same = laggedCorrelation(panel(), 0, "pearson");
    expect(same.n).toBe(18);
    expect(Math.abs(same.r)).toBeLessThan(0.9);
  });

  it("matches pearson/spearman on hand-built pairs", () => {
    const points = panel();
    const xs: number[] = [];
    const ys: number[] = [];
    for (const p of points) {
      const later = points.find((q) => q.key === p.key && q.period === months[months.indexOf(p.period) + 2]);
      if (later) {
        xs.push(p.x);
        ys.push(later.y);
      }
    }
    expect(laggedCorrelation(points, 2, "spearman").r).toBeCloseTo(spearman(xs, ys).r, 12);
    expect(laggedCorrelation(points, 2, "pearson").n).toBe(12);
  });

  it("reads a negative lag as y leading x", () => {
    const points = panel().map((p) => ({ ...p, x: p.y, y: p.x }));
    expect(laggedCorrelation(points, -1, "spearman").r).toBeCloseTo(1, 12);
  });

  it("rejects duplicate key/months and fractional lags", () => {
    const points = panel();
    const first = points[0];
    if (!first) throw new Error("empty panel");
    expect(() => laggedCorrelation([...points, first], 1, "pearson")).toThrow(/duplicate/);
    expect(() => laggedCorrelation(points, 0.5, "pearson")).toThrow(RangeError);
    expect(laggedCorrelation(points, 12, "pearson")).toMatchObject({ n: 0, warning: "too few pairs" });
  });
});
