import { describe, expect, it } from "vitest";
import { binomialUpperTail, emergingTest, holm } from "./rate-change.ts";

/** P(X ≥ k), X ~ Binomial(n, p), summed term by term with the pmf recurrence — an independent route. */
function upperTailBySum(k: number, n: number, p: number): number {
  let pmf = (1 - p) ** n; // P(X = 0)
  let tail = 0;
  for (let x = 0; x <= n; x++) {
    if (x >= k) tail += pmf;
    pmf *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return tail;
}

describe("binomialUpperTail", () => {
  it("reproduces the Wikipedia binomial test example: 51 sixes in 235 rolls", () => {
    // Wikipedia, "Binomial test", example: one-tailed p = 0.0265443; for the same example scipy's
    // binom.sf(50, 235, 1/6) = 0.02654424571169947 (binom_test(..., alternative="greater") agrees).
    expect(binomialUpperTail(51, 235, 1 / 6)).toBeCloseTo(0.0265443, 6);
    expect(binomialUpperTail(51, 235, 1 / 6)).toBeCloseTo(0.02654424571169947, 12);
  });

  it("agrees with a term-by-term sum of the pmf", () => {
    for (const [k, n, p] of [
      [3, 20, 0.05],
      [10, 40, 0.1],
      [1, 50, 0.001],
      [30, 60, 0.3],
    ] as const) {
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(upperTailBySum(k, n, p), 12);
    }
  });

  it("keeps precision in the far tail and handles the edges", () => {
    const tiny = binomialUpperTail(40, 50, 0.1);
    expect(tiny).toBeGreaterThan(0);
    expect(tiny / upperTailBySum(40, 50, 0.1)).toBeCloseTo(1, 8);
    expect(binomialUpperTail(0, 10, 0.2)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.2)).toBe(0);
  });
});

describe("emergingTest", () => {
  it("tests the current count against the pooled baseline share plus half an observation", () => {
    // Baseline 100 of 602 over three months → (100 + ½)/(602 + 1) = 1/6: the die example again.
    const r = emergingTest(
      [
        { count: 30, total: 200 },
        { count: 40, total: 202 },
        { count: 30, total: 200 },
      ],
      { count: 51, total: 235 },
    );
    expect(r.baselineShare).toBeCloseTo(1 / 6, 12);
    expect(r.currentShare).toBeCloseTo(51 / 235, 12);
    expect(r.ratio).toBeCloseTo((51 / 235) * 6, 10);
    expect(r.pValue).toBeCloseTo(0.0265443, 6);
    expect(r).toMatchObject({ significant: true, verdict: "significant" });
    expect(emergingTest([{ count: 100, total: 602 }], { count: 51, total: 235 }, 0.01).significant).toBe(
      false,
    );
  });

  it("does not give p = 0 for a theme absent from the baseline", () => {
    const r = emergingTest([{ count: 0, total: 2000 }], { count: 1, total: 50 });
    const share = 0.5 / 2001;
    expect(r.baselineShare).toBeCloseTo(share, 15);
    expect(r.pValue).toBeCloseTo(1 - (1 - share) ** 50, 12);
    expect(r.pValue).toBeGreaterThan(0);
  });

  it("says 'not significant' at the baseline rate and below it", () => {
    const baseline = [{ count: 50, total: 1000 }];
    expect(emergingTest(baseline, { count: 5, total: 100 }).significant).toBe(false);
    expect(emergingTest(baseline, { count: 0, total: 100 })).toMatchObject({ pValue: 1, currentShare: 0 });
  });

  it("handles an empty current period or baseline, and rejects impossible counts", () => {
    const empty = emergingTest([{ count: 5, total: 100 }], { count: 0, total: 0 });
    expect(empty).toMatchObject({ pValue: 1, significant: false, currentShare: 0, ratio: 0 });
    expect(empty.warning).toMatch(/no answers/);
    const noBaseline = emergingTest([], { count: 5, total: 10 });
    expect(noBaseline).toMatchObject({ pValue: 1, significant: false });
    expect(noBaseline.warning).toMatch(/no baseline/);
    expect(() => emergingTest([], { count: 11, total: 10 })).toThrow(RangeError);
  });
});

describe("holm", () => {
  it("reproduces the Wikipedia Holm–Bonferroni example", () => {
    // Wikipedia, "Holm–Bonferroni method", example: p = .01, .03, .04, .005 at α = .05 rejects H1 and H4.
    // By hand: sorted .005·4 = .02, .01·3 = .03, .03·2 = .06, max(.04·1, .06) = .06.
    const adjusted = holm([0.01, 0.03, 0.04, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => {
      expect(adjusted[i]).toBeCloseTo(expected, 12);
    });
    expect(adjusted.map((p) => p < 0.05)).toEqual([true, false, false, true]);
  });

  it("gives the smallest α at which Holm's step-down procedure rejects each hypothesis", () => {
    /** Holm (1979) as a procedure: compare p₍ᵢ₎ with α/(m − i + 1) and stop at the first failure. */
    const rejects = (p: number[], alpha: number): boolean[] => {
      const order = p.map((_, i) => i).sort((a, b) => (p[a] ?? 0) - (p[b] ?? 0));
      const out = p.map(() => false);
      for (let rank = 0; rank < order.length; rank++) {
        const i = order[rank] ?? 0;
        if ((p[i] ?? 1) > alpha / (p.length - rank)) break;
        out[i] = true;
      }
      return out;
    };
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const p = Array.from({ length: 12 }, () => random() ** 3 / 2);
    const adjusted = holm(p);
    p.forEach((_, i) => {
      let lo = 0;
      let hi = 1;
      for (let step = 0; step < 60; step++) {
        const mid = (lo + hi) / 2;
        if (rejects(p, mid)[i]) hi = mid;
        else lo = mid;
      }
      expect(adjusted[i]).toBeCloseTo(hi, 10);
    });
  });

  it("caps at 1, keeps the input order and accepts an empty list", () => {
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
    expect(holm([0.04, 0.01])).toEqual([0.04, 0.02]);
    expect(holm([])).toEqual([]);
    expect(() => holm([0.1, Number.NaN])).toThrow(RangeError);
  });
});
