import { describe, expect, it } from "vitest";
import { meanEstimate } from "./mean-estimate.ts";
import { proportionEstimate } from "./proportion-estimate.ts";

describe("proportionEstimate (Wilson score interval)", () => {
  it("reproduces Newcombe (1998), Table I: 81 of 263", () => {
    const e = proportionEstimate(81, 263);
    expect(e.value).toBeCloseTo(30.8, 1);
    expect(e.low).toBeCloseTo(25.53, 1);
    expect(e.high).toBeCloseTo(36.62, 1);
  });

  it("stays inside [0, 100] at the extremes and does not collapse", () => {
    const all = proportionEstimate(5, 5);
    expect(all.high).toBe(100);
    expect(all.low).toBeGreaterThan(40);
    expect(all.low).toBeLessThan(100);
    expect(proportionEstimate(0, 5).low).toBe(0);
  });
});

describe("meanEstimate (Student t interval)", () => {
  it("matches a hand computation", () => {
    const counts = [0, 0, 1, 0, 3, 2, 0, 1, 0, 1]; // 2,4,4,4,5,5,7,9
    const e = meanEstimate(counts, { min: 0, max: 10 });
    const half = 2.364624 * (Math.sqrt(32 / 7) / Math.sqrt(8));
    expect(e.value).toBe(5);
    expect(e.low).toBeCloseTo(5 - half, 3);
    expect(e.high).toBeCloseTo(5 + half, 3);
  });

  it("clips to the scale and says nothing from fewer than two answers", () => {
    expect(meanEstimate([0, 0, 0, 0, 0, 0, 0, 3], { min: 1, max: 7 }).high).toBe(7);
    expect(meanEstimate([0, 1], { min: 1, max: 7 })).toMatchObject({ value: 1, low: 1, high: 7, n: 1 });
  });
});
