import { describe, expect, it } from "vitest";
import { npsEstimate } from "./nps-estimate.ts";

function counts(promoters: number, passives: number, detractors: number): number[] {
  const c = new Array(11).fill(0);
  c[10] = promoters;
  c[7] = passives;
  c[0] = detractors;
  return c;
}

describe("npsEstimate", () => {
  it("computes NPS and its Wald interval from the multinomial variance", () => {
    // p = .6, d = .2: var = (.6 + .2 − .16)/100 = .0064 → se = 8 points; 40 ± 1.96·8
    const e = npsEstimate(counts(60, 20, 20));
    expect(e.value).toBe(40);
    expect(e.se).toBe(8);
    expect(e.low).toBeCloseTo(40 - 1.96 * 8, 1);
    expect(e.high).toBeCloseTo(40 + 1.96 * 8, 1);
    expect(e.n).toBe(100);
    expect(e.warning).toBeUndefined();
  });

  it("counts 9–10 as promoters, 7–8 as passives and 0–6 as detractors", () => {
    const c = [1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const e = npsEstimate(c);
    expect([e.promoters, e.passives, e.detractors]).toEqual([2, 2, 2]);
    expect(e.value).toBe(0);
  });

  it("uses the adjusted Wald interval for small n, which stays inside [-100, 100] and does not collapse", () => {
    // n' = 8, p' = 5.75/8, d' = 0.75/8 → centre 62.5, se = sqrt((0.8125 − 0.625²)/8) = 0.22964
    const e = npsEstimate(counts(5, 0, 0));
    expect(e.value).toBe(100);
    expect(e.method).toBe("adjusted-wald");
    expect(e.low).toBeCloseTo(62.5 - 1.959964 * 22.964, 1);
    expect(e.high).toBe(100);
    expect(e.warning).toMatch(/only 5 answers/);
    const mixed = npsEstimate(counts(3, 2, 5)); // NPS −20 from 10 answers
    expect(mixed.low).toBeGreaterThanOrEqual(-100);
    expect(mixed.high).toBeLessThanOrEqual(100);
    expect(mixed.low).toBeLessThan(mixed.value);
  });

  it("never shows a value outside its own interval, even for one answer", () => {
    for (const [pro, pas, det] of [
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
      [2, 0, 0],
      [0, 0, 3],
      [1, 0, 1],
    ] as const) {
      const e = npsEstimate(counts(pro, pas, det));
      expect(e.low, `${pro}/${pas}/${det}`).toBeLessThanOrEqual(e.value);
      expect(e.high, `${pro}/${pas}/${det}`).toBeGreaterThanOrEqual(e.value);
    }
    // One promoter: the adjusted interval [−48.5, 98.5] is stretched to reach 100.
    const one = npsEstimate(counts(1, 0, 0));
    expect([one.low, one.high]).toEqual([-48.5, 100]);
    expect(one.warning).toMatch(/^only 1 answer:/);
  });

  it("uses the Wald interval of issue #2 from 30 answers on", () => {
    expect(npsEstimate(counts(15, 5, 10)).method).toBe("wald");
    expect(npsEstimate(counts(14, 5, 10)).method).toBe("adjusted-wald");
  });

  it("reports no answers without inventing a value", () => {
    const e = npsEstimate(new Array(11).fill(0));
    expect(e.n).toBe(0);
    expect(Number.isNaN(e.value)).toBe(true);
  });
});
