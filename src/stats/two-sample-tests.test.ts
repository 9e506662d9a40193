import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { describe, expect, it } from "vitest";
import {
  exactPValue,
  meanDifferenceTest,
  npsDifferenceTest,
  proportionDifferenceTest,
} from "./two-sample-tests.ts";

/** 0–10 counts with the given numbers of promoters (10), passives (8) and detractors (3). */
function nps(promoters: number, passives: number, detractors: number): number[] {
  const c = new Array(11).fill(0);
  c[10] = promoters;
  c[8] = passives;
  c[3] = detractors;
  return c;
}

/** Expands raw +1/0/−1 codes and returns their mean and sample variance, the textbook way. */
function codedMoments(promoters: number, passives: number, detractors: number) {
  const codes = [...Array(promoters).fill(1), ...Array(passives).fill(0), ...Array(detractors).fill(-1)];
  const mean = codes.reduce((s, v) => s + v, 0) / codes.length;
  const ss = codes.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { n: codes.length, mean, ss };
}

/** Standard normal upper tail by the Abramowitz & Stegun 26.2.17 polynomial (|error| < 7.5e-8). */
function normalUpperTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? tail : 1 - tail;
}

describe("npsDifferenceTest", () => {
  it("uses the trinomial variance of each NPS, unpooled", () => {
    // Var_A = (.6 + .2 − .16)/100 = .0064, Var_B = (.4 + .3 − .01)/100 = .0069
    const r = npsDifferenceTest(nps(60, 20, 20), nps(40, 30, 30));
    const se = 100 * Math.sqrt(0.0064 + 0.0069);
    expect(r.difference).toBeCloseTo(30, 10);
    expect(r.low).toBeCloseTo(30 - 1.959964 * se, 4);
    expect(r.high).toBeCloseTo(30 + 1.959964 * se, 4);
    expect(r.pValue).toBeCloseTo(2 * normalUpperTail(30 / se), 6);
    expect(r.significant).toBe(true);
    expect(r.verdict).toBe("significant");
    expect([r.nA, r.nB]).toEqual([100, 100]);
    expect(r.warning).toBeUndefined();
  });

  it("gives Cohen's d of the +1/0/−1 coding computed from the raw answers", () => {
    const a = codedMoments(60, 20, 20);
    const b = codedMoments(40, 30, 30);
    const pooledSd = Math.sqrt((a.ss + b.ss) / (a.n + b.n - 2));
    const r = npsDifferenceTest(nps(60, 20, 20), nps(40, 30, 30));
    expect(r.effectSize.name).toBe("d");
    expect(r.effectSize.value).toBeCloseTo((a.mean - b.mean) / pooledSd, 10);
  });

  it("is antisymmetric in A and B and says 'not significant' for equal groups", () => {
    const ab = npsDifferenceTest(nps(50, 30, 20), nps(45, 30, 25));
    const ba = npsDifferenceTest(nps(45, 30, 25), nps(50, 30, 20));
    expect(ba.difference).toBeCloseTo(-ab.difference, 10);
    expect(ba.low).toBeCloseTo(-ab.high, 10);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    const same = npsDifferenceTest(nps(50, 30, 20), nps(50, 30, 20));
    expect(same.pValue).toBeCloseTo(1, 12);
    expect(same.verdict).toBe("not significant");
  });

  it("warns about small groups and handles empty or constant groups without NaN", () => {
    expect(npsDifferenceTest(nps(10, 5, 5), nps(40, 30, 30)).warning).toMatch(/fewer than 30/);
    const empty = npsDifferenceTest(nps(0, 0, 0), nps(40, 30, 30));
    expect(empty).toMatchObject({ pValue: 1, significant: false, low: -200, high: 200, nA: 0 });
    expect(empty.warning).toMatch(/no answers/);
    const constant = npsDifferenceTest(nps(40, 0, 0), nps(40, 0, 0));
    expect(constant).toMatchObject({ pValue: 1, significant: false, difference: 0 });
    expect(constant.warning).toMatch(/no variation/);
    for (const v of Object.values(constant)) if (typeof v === "number") expect(Number.isNaN(v)).toBe(false);
  });
});

/** Every way of choosing `size` of the pooled answers (positions) for group A, by brute force. */
function* subsets(n: number, size: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let i = from; i < n; i++) yield* subsets(n, size, i + 1, [...chosen, i]);
}

/** NPS of raw 0–10 answers. */
function rawNps(scores: readonly number[]): number {
  return (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length;
}

describe("small groups: exact tests", () => {
  it("never calls one answer significant against the rest (the z test said p = 2.6e-40)", () => {
    // One promoter against forty answers spread over 0..10, as a CLI user's group of one was.
    const rest = new Array(11).fill(0);
    for (let i = 0; i < 40; i++) rest[i % 11]++;
    const one = new Array(11).fill(0);
    one[10] = 1;
    const r = npsDifferenceTest(one, rest);
    expect(r.test).toMatch(/exact/);
    expect(r.verdict).toBe("not significant");
    // Scores 0..6 four times each and 7..10 three times: 6 promoters. With the one, 7 of the 41 answers
    // are promoters: a random answer is one with probability 7/41, and that is the p-value.
    expect(r.pValue).toBeCloseTo(7 / 41, 10);
    expect(r.low).toBeLessThan(r.difference);
    expect(r.high).toBeGreaterThan(r.difference);
    expect(r.warning).toMatch(/fewer than 30/);
    const csat = proportionDifferenceTest(1, 1, 4, 40);
    expect(csat.test).toBe("Fisher's exact test");
    expect(csat.pValue).toBeCloseTo(5 / 41, 10);
    expect(csat.verdict).toBe("not significant");
  });

  it("gives Fisher's two-sided p for two categories (the lady tasting tea: 3 of 4 vs 1 of 4 → 34/70)", () => {
    expect(exactPValue([3, 1], [1, 3], ([x], n) => (x as number) / n)).toBeCloseTo(34 / 70, 12);
    expect(proportionDifferenceTest(3, 4, 1, 4).pValue).toBeCloseTo(34 / 70, 12);
  });

  it("agrees with a brute-force permutation of the raw answers, both ways round", () => {
    const cases: [number[], number[]][] = [
      [
        [10, 9],
        [3, 8, 10, 2, 0, 7],
      ],
      [
        [0, 5, 9],
        [10, 10, 8, 9, 6, 10, 7],
      ],
      [
        [7, 8, 10, 4],
        [9, 10, 9],
      ],
    ];
    for (const [a, b] of cases) {
      const pooled = [...a, ...b];
      const observed = Math.abs(rawNps(a) - rawNps(b));
      let hits = 0;
      let all = 0;
      for (const pick of subsets(pooled.length, a.length)) {
        const inA = new Set(pick);
        const diff =
          rawNps(pick.map((i) => pooled[i] as number)) - rawNps(pooled.filter((_, i) => !inA.has(i)));
        all++;
        if (Math.abs(diff) >= observed - 1e-9) hits++;
      }
      const counts = (xs: number[]) => {
        const c = new Array(11).fill(0);
        for (const x of xs) c[x]++;
        return c;
      };
      expect(npsDifferenceTest(counts(a), counts(b)).pValue).toBeCloseTo(hits / all, 12);
      expect(npsDifferenceTest(counts(b), counts(a)).pValue).toBeCloseTo(hits / all, 12);
    }
  });
});

describe("proportionDifferenceTest", () => {
  it("reproduces Newcombe (1998) Table II, method 10 (hybrid score)", () => {
    // Newcombe RG (1998) Stat Med 17:873–890, Table II: (a) 56/70 − 48/80 → 0.0524 to 0.3339;
    // (d) 5/56 − 0/29 → −0.0381 to 0.1926 (the latter also checked in R ratesci's tests/testthat/test3.R).
    const a = proportionDifferenceTest(56, 70, 48, 80);
    expect(a.difference).toBeCloseTo(20, 10);
    expect(a.low / 100).toBeCloseTo(0.0524, 4);
    expect(a.high / 100).toBeCloseTo(0.3339, 4);
    const d = proportionDifferenceTest(5, 56, 0, 29);
    expect(d.low / 100).toBeCloseTo(-0.0381, 4);
    expect(d.high / 100).toBeCloseTo(0.1926, 4);
  });

  it("takes the p-value from the pooled two-proportion z test", () => {
    // Pooled p̄ = 104/150; z = 0.2 / √(p̄(1 − p̄)(1/70 + 1/80)); p = 2·(upper tail of |z|).
    const pooled = 104 / 150;
    const z = 0.2 / Math.sqrt(pooled * (1 - pooled) * (1 / 70 + 1 / 80));
    const r = proportionDifferenceTest(56, 70, 48, 80);
    expect(r.pValue).toBeCloseTo(2 * normalUpperTail(z), 6);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.verdict).toBe("significant");
  });

  it("reports Cohen's h", () => {
    const r = proportionDifferenceTest(56, 70, 48, 80);
    // φ = 2·asin(√p): φ(0.8) = 2.2143, φ(0.6) = 1.7722 → h = 0.4421 (by hand)
    expect(r.effectSize).toEqual({ name: "h", value: expect.closeTo(0.4421, 4) });
  });

  it("handles empty groups, identical all-zero groups and invalid counts", () => {
    const empty = proportionDifferenceTest(0, 0, 5, 10);
    expect(empty).toMatchObject({ pValue: 1, significant: false, low: -100, high: 100 });
    const zeros = proportionDifferenceTest(0, 40, 0, 50);
    expect(zeros).toMatchObject({ pValue: 1, significant: false, difference: 0 });
    expect(zeros.low).toBeLessThan(0);
    expect(zeros.high).toBeGreaterThan(0);
    expect(zeros.warning).toMatch(/no variation/);
    expect(() => proportionDifferenceTest(11, 10, 1, 10)).toThrow(RangeError);
  });
});

describe("meanDifferenceTest", () => {
  // Wikipedia, "Welch's t-test", Examples, example 1 (also used in the Azure Data Explorer welch_test()
  // documentation, pValue = 0.021): t = −2.46, ν ≈ 24.99, p = 0.021. Multiplied by 10 to make integer
  // scores; t, ν and p do not change with the scale.
  const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  /** counts[i] = number of values v with round(v · factor) = min + i. */
  const toCounts = (values: number[], factor: number, min: number, max: number) => {
    const counts = new Array(max - min + 1).fill(0);
    for (const v of values) counts[Math.round(v * factor) - min]++;
    return counts;
  };

  it("reproduces the Wikipedia Welch example", () => {
    const r = meanDifferenceTest(toCounts(A1, 10, 169, 278), toCounts(A2, 10, 169, 278), 169);
    const meanA = A1.reduce((s, v) => s + v, 0) / 15;
    const meanB = A2.reduce((s, v) => s + v, 0) / 15;
    expect(r.difference).toBeCloseTo(10 * (meanA - meanB), 8);
    expect(r.pValue).toBeCloseTo(0.021, 3);
    expect(r.significant).toBe(true);
    expect(r.test).toBe("Welch t test");
  });

  it("matches an independent computation from the raw values", () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5];
    const b = [2, 3, 3, 4, 4, 4, 5, 5, 5, 5];
    const stats = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return { m, v: v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1), n: v.length };
    };
    const sa = stats(a);
    const sb = stats(b);
    const se = Math.sqrt(sa.v / sa.n + sb.v / sb.n);
    const df = se ** 4 / ((sa.v / sa.n) ** 2 / (sa.n - 1) + (sb.v / sb.n) ** 2 / (sb.n - 1));
    const t = (sa.m - sb.m) / se;
    const r = meanDifferenceTest(toCounts(a, 1, 1, 5), toCounts(b, 1, 1, 5), 1);
    expect(r.difference).toBeCloseTo(sa.m - sb.m, 12);
    expect(r.pValue).toBeCloseTo(2 * tCdf(-Math.abs(t), df), 12);
    expect(r.high - r.difference).toBeCloseTo(tQuantile(0.975, df) * se, 10);
    expect(r.difference - r.low).toBeCloseTo(tQuantile(0.975, df) * se, 10);
    const pooled = Math.sqrt(((sa.n - 1) * sa.v + (sb.n - 1) * sb.v) / (sa.n + sb.n - 2));
    expect(r.effectSize).toEqual({ name: "d", value: expect.closeTo((sa.m - sb.m) / pooled, 10) });
  });

  it("handles too few answers and zero variance without NaN", () => {
    const one = meanDifferenceTest([1, 0, 0, 0, 0], [0, 2, 3, 0, 1], 1);
    expect(one).toMatchObject({ pValue: 1, significant: false, low: -4, high: 4, nA: 1 });
    const flat = meanDifferenceTest([0, 0, 5, 0, 0], [0, 0, 7, 0, 0], 1);
    expect(flat).toMatchObject({ pValue: 1, significant: false, difference: 0 });
    expect(flat.warning).toMatch(/no variation/);
    const empty = meanDifferenceTest([], [0, 2, 3], 1);
    expect(Number.isNaN(empty.difference)).toBe(false);
  });

  it("warns when a group is small", () => {
    expect(meanDifferenceTest([1, 2, 3, 2, 1], [2, 2, 3, 2, 1], 1).warning).toMatch(/fewer than 30/);
  });
});
