import { describe, expect, it } from "vitest";
import { assignGroup, groupBootstrap, Xoshiro128ss } from "./bootstrap.ts";
import { simulateSurvey } from "./fixtures/simulated-survey.ts";
import { combine, correlations, MomentAccumulator } from "./regression-moments.ts";
import { relativeWeights } from "./relative-weights.ts";

describe("Xoshiro128ss", () => {
  it("matches the reference implementation's output for the state {1, 2, 3, 4}", () => {
    // Published test vector for xoshiro128** 1.1, produced with http://xoshiro.di.unimi.it/xoshiro128starstar.c:
    // rand_xoshiro crate (github.com/rust-random/rngs, rand_xoshiro/src/xoshiro128starstar.rs, test "reference").
    const rng = Xoshiro128ss.fromState([1, 2, 3, 4]);
    const expected = [
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ];
    expect(expected.map(() => rng.uint32())).toEqual(expected);
  });

  it("is deterministic per seed and differs between seeds", () => {
    const draw = (seed: number): number[] => {
      const rng = new Xoshiro128ss(seed);
      return Array.from({ length: 8 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("draws uniform integers: 60,000 draws of 0…5 pass a chi-square test", () => {
    const rng = new Xoshiro128ss(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) {
      const v = rng.int(6);
      counts[v] = (counts[v] as number) + 1;
    }
    const chi2 = counts.reduce((s, c) => s + (c - 10000) ** 2 / 10000, 0);
    expect(chi2).toBeLessThan(20.5); // χ²(5) 99.9th percentile
    const u = new Xoshiro128ss(8);
    let mean = 0;
    for (let i = 0; i < 100000; i++) mean += u.float() / 100000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // sd of the mean ≈ 0.0009
  });
});

describe("assignGroup", () => {
  it("is deterministic, in range, and spreads rows evenly", () => {
    const counts = new Array<number>(50).fill(0);
    let mismatches = 0;
    for (let i = 0; i < 100000; i++) {
      const g = assignGroup(i, 50);
      if (g !== assignGroup(i, 50) || !Number.isInteger(g) || g < 0 || g >= 50) mismatches++;
      counts[g] = (counts[g] as number) + 1;
    }
    expect(mismatches).toBe(0);
    const chi2 = counts.reduce((s, c) => s + (c - 2000) ** 2 / 2000, 0);
    expect(chi2).toBeLessThan(85.4); // χ²(49) 99.9th percentile
  });

  it("does not line up with periodic order in the data, and a seed gives another assignment", () => {
    // Rows 0, 50, 100, … (one agent per shift, say) must not all land in one group as with i mod 50.
    const groupsOfEvery50th = new Set(Array.from({ length: 200 }, (_, i) => assignGroup(i * 50, 50)));
    expect(groupsOfEvery50th.size).toBeGreaterThan(40);
    const same = Array.from({ length: 1000 }, (_, i) => assignGroup(i, 200) === assignGroup(i, 200, 1));
    expect(same.filter(Boolean).length).toBeLessThan(30); // ≈ 5 expected by chance
    expect(assignGroup(2 ** 40 + 3, 200)).toBeLessThan(200);
    expect(() => assignGroup(-1, 200)).toThrow(RangeError);
  });
});

describe("groupBootstrap", () => {
  it("gives the same intervals for the same seed and different ones for another seed", () => {
    const statistic = (m: Float64Array): number[] => [m[0] as number, (m[1] as number) + (m[2] as number)];
    const a = groupBootstrap({ groups: 20, replicates: 50, seed: 5 }, statistic);
    const b = groupBootstrap({ groups: 20, replicates: 50, seed: 5 }, statistic);
    expect(a).toEqual(b);
    const calls: number[][] = [];
    const record = (seed: number): void => {
      groupBootstrap({ groups: 20, replicates: 5, seed }, (m) => {
        calls.push(Array.from(m));
        return [0];
      });
    };
    record(5);
    record(6);
    expect(calls.slice(0, 5)).not.toEqual(calls.slice(5));
    expect(calls.every((m) => m.reduce((s, v) => s + v, 0) === 20)).toBe(true);
  });

  it("has the percentiles of a known sampling distribution", () => {
    // A group's multiplicity is Binomial(200, 1/200) ≈ Poisson(1): P(≤ 0) = 0.367, P(≤ 2) = 0.920,
    // P(≤ 3) = 0.981, so the 2.5% and 97.5% percentiles are 0 and 3; the sd is √(200 · 1/200 · 199/200) ≈ 0.9975.
    const result = groupBootstrap({ groups: 200, replicates: 4000, seed: 9 }, (m) => [m[17] as number, 4]);
    expect(result.low).toEqual([0, 4]);
    expect(result.high).toEqual([3, 4]);
    expect(result.se[0]).toBeCloseTo(0.9975, 1);
    expect(result.se[1]).toBe(0);
    expect(result.replicates).toBe(4000);
    expect(result.valid).toEqual([4000, 4000]);
  });

  it("reproduces the analytic 95% interval of a mean (x̄ ± 1.96 s/√n) from random groups", () => {
    const n = 200000;
    const G = 200;
    const rng = new Xoshiro128ss(31);
    const sums = new Float64Array(G);
    const counts = new Float64Array(G);
    let total = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      // Skewed like wait times: exponential with mean 6.
      const v = -Math.log(1 - rng.float()) * 6;
      const g = assignGroup(i, G);
      sums[g] = (sums[g] as number) + v;
      counts[g] = (counts[g] as number) + 1;
      total += v;
      squares += v * v;
    }
    const mean = total / n;
    const se = Math.sqrt((squares - n * mean * mean) / (n - 1) / n);
    const result = groupBootstrap({ groups: G, replicates: 1000, seed: 2 }, (m) => {
      let s = 0;
      let c = 0;
      for (let g = 0; g < G; g++) {
        s += (m[g] as number) * (sums[g] as number);
        c += (m[g] as number) * (counts[g] as number);
      }
      return [s / c];
    });
    const width = (result.high[0] as number) - (result.low[0] as number);
    expect(Math.abs(width / (2 * 1.96 * se) - 1)).toBeLessThan(0.25);
    expect(Math.abs(((result.high[0] as number) + (result.low[0] as number)) / 2 - mean)).toBeLessThan(
      0.25 * width,
    );
    expect(Math.abs((result.se[0] as number) / se - 1)).toBeLessThan(0.25);
  });

  it("tracks the real sampling spread of relative weights across independent surveys", () => {
    // Truth by brute force: the sd of a relative weight over 40 independent simulated surveys.
    // Estimate: the group-bootstrap standard error from one survey. They should agree within ~35%
    // (the 40-survey sd is itself uncertain by ≈ 11%).
    const n = 8000;
    const p = 5;
    const weightOf = (groups: MomentAccumulator[], m?: Float64Array): number[] => {
      const c = correlations(combine(groups, m));
      return relativeWeights(c.rxx, c.rxy, { drop: c.constant }).weights;
    };
    const groupsOf = (seed: number, G: number): MomentAccumulator[] => {
      const s = simulateSurvey(n, p, seed);
      const groups = Array.from({ length: G }, () => new MomentAccumulator(p));
      for (let i = 0; i < n; i++) {
        (groups[assignGroup(i, G)] as MomentAccumulator).add(
          s.x.subarray(i * p, i * p + p),
          s.y[i] as number,
        );
      }
      return groups;
    };
    const truth = Array.from({ length: 40 }, (_, k) => weightOf(groupsOf(1000 + k, 1)));
    const sdTruth = Array.from({ length: p }, (_, j) => {
      const v = truth.map((w) => w[j] as number);
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    });
    const groups = groupsOf(77, 100);
    const point = weightOf(groups);
    const boot = groupBootstrap({ groups: 100, replicates: 300, seed: 4 }, (m) => weightOf(groups, m));
    for (let j = 0; j < p; j++) {
      expect(Math.abs((boot.se[j] as number) / (sdTruth[j] as number) - 1)).toBeLessThan(0.35);
      expect(boot.low[j]).toBeLessThan(point[j] as number);
      expect(boot.high[j]).toBeGreaterThan(point[j] as number);
    }
  });

  it("leaves non-finite replicate values out of the percentiles and counts them", () => {
    const result = groupBootstrap({ groups: 10, replicates: 100, seed: 1 }, (_, b) => [
      b % 4 === 0 ? Number.NaN : 1,
    ]);
    expect(result.valid).toEqual([75]);
    expect(result.low).toEqual([1]);
    expect(() => groupBootstrap({ groups: 1, replicates: 10, seed: 1 }, () => [0])).toThrow(RangeError);
  });
});
