import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Candidate,
  knapsackBranchAndBound,
  knapsackDynamic,
  MAX_TABLE_CELLS,
  optimalPortfolio,
} from "./portfolio.ts";

/** Every subset, the best by gain (then lower cost): the definition of the optimum, checked by enumeration. */
function bruteForce(items: readonly Candidate[], budget: number): { gain: number; cost: number } {
  let best = { gain: 0, cost: 0 };
  for (let mask = 0; mask < 1 << items.length; mask++) {
    let cost = 0;
    let gain = 0;
    items.forEach((item, i) => {
      if (mask & (1 << i) && item.gain > 0) {
        cost += item.cost;
        gain += Math.round(item.gain * 1e6);
      }
    });
    if (cost > budget) continue;
    if (gain > best.gain || (gain === best.gain && cost < best.cost)) best = { gain, cost };
  }
  return { gain: best.gain / 1e6, cost: best.cost };
}

/** A seeded stream of numbers in [0, 1) (mulberry32), so the random cases are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInitiatives(n: number, seed: number, costStep = 500): Candidate[] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `i${String(i).padStart(3, "0")}`,
    cost: costStep * (1 + Math.floor(r() * 80)),
    gain: Math.round(r() * 400) / 100,
  }));
}

const sum = (items: readonly Candidate[], ids: readonly string[], key: "cost" | "gain") =>
  items.filter((i) => ids.includes(i.id)).reduce((s, i) => s + i[key], 0);

describe("optimal portfolio under a budget", () => {
  it("equals the brute-force optimum over all 4,096 subsets of 12 initiatives, for many budgets", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const items = randomInitiatives(12, seed, 1000);
      const total = items.reduce((s, i) => s + i.cost, 0);
      for (const budget of [0, 1000, Math.round(total / 4), Math.round(total / 2), total, total * 2]) {
        const truth = bruteForce(items, budget);
        for (const found of [
          optimalPortfolio(items, budget),
          knapsackDynamic(items, budget),
          knapsackBranchAndBound(items, budget),
        ]) {
          expect(found.totalGain).toBeCloseTo(truth.gain, 6);
          expect(found.totalCost).toBe(truth.cost);
          expect(found.totalCost).toBeLessThanOrEqual(budget);
          // The totals are those of the named selection.
          expect(sum(items, found.selected, "cost")).toBe(found.totalCost);
          expect(sum(items, found.selected, "gain")).toBeCloseTo(found.totalGain, 6);
        }
      }
    }
  });

  it("is not greedy: a cheap initiative with the best gain per euro can be left out for a better pair", () => {
    const items = [
      { id: "cheap", cost: 10, gain: 2 },
      { id: "a", cost: 50, gain: 6 },
      { id: "b", cost: 50, gain: 6 },
    ];
    // Greedy by gain per euro takes "cheap" (0.2/€) and then only one of a, b: gain 8. The optimum is 12.
    const found = optimalPortfolio(items, 100);
    expect(found.selected).toEqual(["a", "b"]);
    expect(found.totalGain).toBe(12);
  });

  it("matches a second exact method on 200 random initiatives, at budgets from tight to loose", () => {
    for (const seed of [7, 8, 9]) {
      const items = randomInitiatives(200, seed);
      const total = items.reduce((s, i) => s + i.cost, 0);
      for (const share of [0.02, 0.1, 0.3, 0.6]) {
        const budget = Math.round(total * share);
        const dp = knapsackDynamic(items, budget);
        const bb = knapsackBranchAndBound(items, budget);
        expect(dp.method).toBe("dynamic-programming");
        expect(bb.totalGain).toBeCloseTo(dp.totalGain, 6);
        expect(bb.totalCost).toBe(dp.totalCost);
        expect(dp.totalCost).toBeLessThanOrEqual(budget);
      }
    }
  });

  it("agrees between the two methods on arbitrary small problems (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cost: fc.integer({ min: 0, max: 60 }),
            gain: fc.double({ min: -2, max: 5, noNaN: true }),
          }),
          { maxLength: 14 },
        ),
        fc.integer({ min: 0, max: 300 }),
        (raw, budget) => {
          const items = raw.map((r, i) => ({ id: `x${i}`, ...r }));
          const truth = bruteForce(items, budget);
          const dp = knapsackDynamic(items, budget);
          const bb = knapsackBranchAndBound(items, budget);
          expect(dp.totalGain).toBeCloseTo(truth.gain, 5);
          expect(bb.totalGain).toBeCloseTo(truth.gain, 5);
          expect(dp.totalCost).toBe(truth.cost);
          expect(bb.totalCost).toBe(truth.cost);
          // Nothing that loses or gains nothing is ever chosen.
          for (const id of [...dp.selected, ...bb.selected])
            expect(items.find((i) => i.id === id)?.gain ?? 0).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it("answers the same way every time, and keeps free initiatives that gain", () => {
    const items = [
      { id: "free", cost: 0, gain: 0.5 },
      { id: "p", cost: 100, gain: 1 },
      { id: "q", cost: 100, gain: 1 },
    ];
    const first = optimalPortfolio(items, 100);
    expect(first.selected).toContain("free");
    expect(first.selected).toHaveLength(2);
    expect(optimalPortfolio([...items].reverse(), 100).selected).toEqual(first.selected);
    expect(knapsackBranchAndBound(items, 100).selected).toEqual(["free", "p"]);
  });

  it("switches to branch and bound when the cost table would be too large, with the same optimum", () => {
    // Costs with no common divisor and a budget of millions: dynamic programming would need too big a table.
    const r = seeded(3);
    const items = Array.from({ length: 60 }, (_, i) => ({
      id: `big${i}`,
      cost: 10_007 + Math.floor(r() * 900_000),
      gain: Math.round(r() * 300) / 100,
    }));
    const budget = 5_000_003;
    expect(60 * (budget + 1)).toBeGreaterThan(MAX_TABLE_CELLS);
    const found = optimalPortfolio(items, budget);
    expect(found.method).toBe("branch-and-bound");
    expect(() => knapsackDynamic(items, budget)).toThrow(/cells/);
    // Scaled down by 1,000 (costs rounded up), the dynamic table fits; its optimum can only be lower.
    const scaled = knapsackDynamic(
      items.map((i) => ({ ...i, cost: Math.ceil(i.cost / 1000) })),
      Math.floor(budget / 1000),
    );
    expect(found.totalGain).toBeGreaterThanOrEqual(scaled.totalGain - 1e-9);
    expect(found.totalCost).toBeLessThanOrEqual(budget);
  });

  it("refuses a negative or fractional budget or cost, and a repeated id, naming it", () => {
    expect(() => optimalPortfolio([], -1)).toThrow(/budget/);
    expect(() => optimalPortfolio([{ id: "a", cost: 1.5, gain: 1 }], 10)).toThrow(/candidate a: cost/);
    expect(() =>
      optimalPortfolio(
        [
          { id: "a", cost: 1, gain: 1 },
          { id: "a", cost: 2, gain: 1 },
        ],
        10,
      ),
    ).toThrow(/listed twice/);
  });
});
