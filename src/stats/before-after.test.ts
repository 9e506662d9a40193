import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CustomerCell,
  clusteredDidSe,
  type DidInput,
  MIN_ANSWERS_PER_CELL,
  npsDifferenceInDifferences,
  shareChange,
  stratifiedDid,
} from "./before-after.ts";
import { Xoshiro128ss } from "./bootstrap.ts";

/** 0–10 counts with the given numbers of promoters (10), passives (8) and detractors (3). */
function cell(promoters: number, passives: number, detractors: number): number[] {
  const c = new Array(11).fill(0) as number[];
  c[10] = promoters;
  c[8] = passives;
  c[3] = detractors;
  return c;
}

/** n answers drawn from a population with these promoter and detractor shares, as 0–10 counts. */
function draw(rng: Xoshiro128ss, n: number, promoters: number, detractors: number): number[] {
  const c = new Array(11).fill(0) as number[];
  for (let i = 0; i < n; i++) {
    const u = rng.float();
    // Spread over the scores of each class so that nothing depends on one score value.
    const score = u < promoters ? 9 + rng.int(2) : u < promoters + detractors ? rng.int(7) : 7 + rng.int(2);
    c[score] = (c[score] as number) + 1;
  }
  return c;
}

/** Population NPS 100 (p − d) per group and period; the planted DiD is their difference of differences. */
const FLAT = { p: 0.4, d: 0.3 }; // +10
const TREATED_BEFORE = { p: 0.3, d: 0.5 }; // −20
const TREATED_AFTER = { p: 0.45, d: 0.35 }; // +10: a planted +30 among the treated

function sample(seed: number, n: number, treatedAfter = TREATED_AFTER, comparisonAfter = FLAT): DidInput {
  const rng = new Xoshiro128ss(seed);
  return {
    treated: {
      before: draw(rng, n, TREATED_BEFORE.p, TREATED_BEFORE.d),
      after: draw(rng, n, treatedAfter.p, treatedAfter.d),
    },
    comparison: {
      before: draw(rng, 2 * n, FLAT.p, FLAT.d),
      after: draw(rng, 2 * n, comparisonAfter.p, comparisonAfter.d),
    },
  };
}

describe("npsDifferenceInDifferences", () => {
  it("computes the difference of the two groups' changes and a Wald interval from the four cells' variances", () => {
    const r = npsDifferenceInDifferences({
      treated: { before: cell(30, 20, 50), after: cell(50, 20, 30) },
      comparison: { before: cell(40, 30, 30), after: cell(40, 30, 30) },
    });
    expect(r.treated.change).toBe(40);
    expect(r.comparison.change).toBe(0);
    expect(r.effect.estimate).toBe(40);
    // Rocks' adjusted shares in each cell's variance: (x + ¾)/(n + 3).
    const v = (p: number, d: number) => (10_000 * (p + d - (p - d) ** 2)) / 100;
    const treatedVar = v(30.75 / 103, 50.75 / 103);
    const comparisonVar = v(40.75 / 103, 30.75 / 103);
    const se = Math.sqrt(2 * treatedVar + 2 * comparisonVar);
    expect(r.effect.se).toBeCloseTo(se, 2);
    expect(r.effect.low).toBeCloseTo(40 - 1.959964 * se, 1);
    expect(r.effect.high).toBeCloseTo(40 + 1.959964 * se, 1);
    expect(r.verdict).toBe("improved");
    expect(r.shortCells).toEqual([]);
  });

  it("finds a planted improvement among the treated, comparison flat: the interval covers it and excludes 0", () => {
    const r = npsDifferenceInDifferences(sample(1, 400));
    expect(r.verdict).toBe("improved");
    expect(r.effect.low as number).toBeGreaterThan(0);
    expect(r.effect.low as number).toBeLessThanOrEqual(30);
    expect(r.effect.high as number).toBeGreaterThanOrEqual(30);
    expect(Math.abs((r.comparison.change as number) - 0)).toBeLessThan(10);
  });

  it("says 'worsened' for a planted decline", () => {
    const r = npsDifferenceInDifferences(sample(2, 400, { p: 0.15, d: 0.65 }));
    expect(r.verdict).toBe("worsened");
    expect(r.effect.low as number).toBeLessThanOrEqual(-30);
    expect(r.effect.high as number).toBeGreaterThanOrEqual(-30);
  });

  it("says 'no measurable change' when nothing changed, with an interval covering 0", () => {
    const r = npsDifferenceInDifferences(sample(3, 400, TREATED_BEFORE));
    expect(r.verdict).toBe("no measurable change");
    expect(r.effect.low as number).toBeLessThan(0);
    expect(r.effect.high as number).toBeGreaterThan(0);
  });

  it("a change in both groups alike is no effect: the DiD is near 0 although the treated moved", () => {
    // Both groups gain 20 points after the date (a season, a price change for everyone).
    const r = npsDifferenceInDifferences(sample(4, 400, { p: 0.4, d: 0.4 }, { p: 0.5, d: 0.2 }));
    expect(r.treated.change as number).toBeGreaterThan(10);
    expect(r.comparison.change as number).toBeGreaterThan(10);
    expect(r.verdict).toBe("no measurable change");
    expect(r.effect.low as number).toBeLessThan(0);
    expect(r.effect.high as number).toBeGreaterThan(0);
  });

  it("says 'not enough data' and names the cells below the minimum", () => {
    const input = sample(5, 400);
    const r = npsDifferenceInDifferences({
      ...input,
      treated: { before: input.treated.before, after: cell(5, 2, 3) },
    });
    expect(r.verdict).toBe("not enough data");
    expect(r.shortCells).toEqual([
      { group: "treated", period: "after", n: 10, needed: MIN_ANSWERS_PER_CELL },
    ]);
    // The estimate is still shown, with its (wide) interval.
    expect(r.effect.estimate).not.toBeNull();
    const empty = npsDifferenceInDifferences({
      ...input,
      comparison: { before: cell(0, 0, 0), after: input.comparison.after },
    });
    expect(empty.verdict).toBe("not enough data");
    expect(empty.effect).toEqual({ estimate: null, low: null, high: null, se: null });
    expect(empty.comparison.change).toBeNull();
  });

  it("covers the planted effect in about 95% of repeated samples", () => {
    let covered = 0;
    const runs = 400;
    for (let seed = 100; seed < 100 + runs; seed++) {
      const r = npsDifferenceInDifferences(sample(seed, 200));
      if ((r.effect.low as number) <= 30 && 30 <= (r.effect.high as number)) covered++;
    }
    // Binomial(400, .95) lies in [366, 394] with probability > 0.999.
    expect(covered / runs).toBeGreaterThanOrEqual(0.915);
    expect(covered / runs).toBeLessThanOrEqual(0.985);
  });

  it("has the standard error a seeded bootstrap over answers gives", () => {
    const input = sample(6, 300);
    const r = npsDifferenceInDifferences(input);
    // Resample answers within each cell (a stratified bootstrap) and recompute the DiD.
    const expand = (counts: readonly number[]) =>
      counts.flatMap((c, score) => new Array(c).fill(score >= 9 ? 100 : score >= 7 ? 0 : -100) as number[]);
    const cells = [
      input.treated.after,
      input.treated.before,
      input.comparison.after,
      input.comparison.before,
    ].map(expand);
    const rng = new Xoshiro128ss(20261203);
    const replicates: number[] = [];
    for (let b = 0; b < 2000; b++) {
      const means = cells.map((values) => {
        let sum = 0;
        for (let i = 0; i < values.length; i++) sum += values[rng.int(values.length)] as number;
        return sum / values.length;
      });
      const [ta, tb, ca, cb] = means as [number, number, number, number];
      replicates.push(ta - tb - (ca - cb));
    }
    const mean = replicates.reduce((s, x) => s + x, 0) / replicates.length;
    const sd = Math.sqrt(replicates.reduce((s, x) => s + (x - mean) ** 2, 0) / (replicates.length - 1));
    expect(Math.abs((r.effect.se as number) / sd - 1)).toBeLessThan(0.08);
  });

  const counts = fc.array(fc.nat(40), { minLength: 11, maxLength: 11 }).filter((c) => c.some((x) => x > 0));

  it("adding the same shift to both groups leaves the DiD unchanged (property)", () => {
    fc.assert(
      fc.property(counts, counts, counts, counts, fc.nat(1000), (tb, ta, cb, ca, k) => {
        const base = npsDifferenceInDifferences({
          treated: { before: tb, after: ta },
          comparison: { before: cb, after: ca },
        });
        // Give both after-cells the same size N (scaling a cell keeps its NPS), then turn the same
        // number j of passives or detractors into promoters in each: both NPS rise by the same amount.
        const nT = ta.reduce((s, x) => s + x, 0);
        const nC = ca.reduce((s, x) => s + x, 0);
        const taN = ta.map((x) => x * nC);
        const caN = ca.map((x) => x * nT);
        const movable = (c: number[]) => c.slice(0, 9).reduce((s, x) => s + x, 0);
        const j = Math.min(movable(taN), movable(caN), k);
        const shift = (c: number[]) => {
          const out = [...c];
          let left = j;
          for (let s = 0; s < 9 && left > 0; s++) {
            const moved = Math.min(out[s] as number, left);
            out[s] = (out[s] as number) - moved;
            out[10] = (out[10] as number) + moved;
            left -= moved;
          }
          return out;
        };
        const shifted = npsDifferenceInDifferences({
          treated: { before: tb, after: shift(taN) },
          comparison: { before: cb, after: shift(caN) },
        });
        expect(
          Math.abs((shifted.effect.estimate as number) - (base.effect.estimate as number)),
        ).toBeLessThanOrEqual(0.02);
        // The interval always holds its estimate.
        expect(shifted.effect.low as number).toBeLessThanOrEqual(shifted.effect.estimate as number);
        expect(shifted.effect.high as number).toBeGreaterThanOrEqual(shifted.effect.estimate as number);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it("swapping the groups or the periods negates the DiD (property)", () => {
    fc.assert(
      fc.property(counts, counts, counts, counts, (tb, ta, cb, ca) => {
        const d = npsDifferenceInDifferences({
          treated: { before: tb, after: ta },
          comparison: { before: cb, after: ca },
        });
        const groups = npsDifferenceInDifferences({
          treated: { before: cb, after: ca },
          comparison: { before: tb, after: ta },
        });
        const periods = npsDifferenceInDifferences({
          treated: { before: ta, after: tb },
          comparison: { before: ca, after: cb },
        });
        const e = d.effect.estimate as number;
        expect(Math.abs((groups.effect.estimate as number) + e)).toBeLessThanOrEqual(0.02);
        expect(Math.abs((periods.effect.estimate as number) + e)).toBeLessThanOrEqual(0.02);
        expect(groups.effect.se).toBe(d.effect.se);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe("shareChange", () => {
  it("gives the change of a share in percentage points with Newcombe's interval", () => {
    // Newcombe (1998), Table II, example a: 56/70 vs 48/80 → 20 points, 95% CI [5.24, 33.39].
    const r = shareChange({ mentions: 48, n: 80 }, { mentions: 56, n: 70 });
    expect(r.change.estimate).toBe(20);
    expect(r.change.low).toBeCloseTo(5.24, 2);
    expect(r.change.high).toBeCloseTo(33.39, 2);
    expect(r.before.value).toBe(60);
    expect(r.after.value).toBe(80);
    expect(r.significant).toBe(true);
  });

  it("has no change without records in a period", () => {
    const r = shareChange({ mentions: 0, n: 0 }, { mentions: 5, n: 50 });
    expect(r.change).toEqual({ estimate: null, low: null, high: null, pValue: null });
    expect(r.significant).toBe(false);
  });
});

describe("clusteredDidSe", () => {
  /** One row per answer, each answer its own customer (or `copies` answers of one customer alike). */
  function perAnswer(input: DidInput, copies = 1, anonymous = false): CustomerCell[] {
    const rows: CustomerCell[] = [];
    const cells: [CustomerCell["group"], CustomerCell["period"], readonly number[]][] = [
      ["treated", "before", input.treated.before],
      ["treated", "after", input.treated.after],
      ["comparison", "before", input.comparison.before],
      ["comparison", "after", input.comparison.after],
    ];
    let id = 0;
    for (const [group, period, counts] of cells)
      counts.forEach((c, score) => {
        for (let k = 0; k < c; k++)
          rows.push({
            customer: anonymous ? null : `c${id++}`,
            group,
            period,
            n: copies,
            promoters: score >= 9 ? copies : 0,
            detractors: score <= 6 ? copies : 0,
          });
      });
    return rows;
  }
  /** The plug-in (unadjusted) multinomial standard error of the DiD. */
  function plugIn(input: DidInput): number {
    const v = (counts: readonly number[]) => {
      const n = counts.reduce((a, b) => a + b, 0);
      const p = counts.slice(9).reduce((a, b) => a + b, 0) / n;
      const d = counts.slice(0, 7).reduce((a, b) => a + b, 0) / n;
      return (10_000 * (p + d - (p - d) ** 2)) / n;
    };
    const { treated: t, comparison: c } = input;
    return Math.sqrt(v(t.before) + v(t.after) + v(c.before) + v(c.after));
  }

  it("equals the multinomial standard error (× √(G/(G−1))) when every customer answers once", () => {
    const input = sample(7, 300);
    const rows = perAnswer(input);
    const g = rows.length;
    expect(clusteredDidSe(rows)).toBeCloseTo(plugIn(input) * Math.sqrt(g / (g - 1)), 8);
    // Answers of no known customer are clusters of their own: the same figure.
    expect(clusteredDidSe(perAnswer(input, 1, true))).toBeCloseTo(clusteredDidSe(rows), 8);
  });

  it("does not shrink when every customer answers twice alike, as the independent one does", () => {
    const input = sample(8, 300);
    const once = clusteredDidSe(perAnswer(input));
    const twice = clusteredDidSe(perAnswer(input, 2));
    expect(twice / once).toBeCloseTo(1, 6);
    const doubled: DidInput = {
      treated: {
        before: input.treated.before.map((x) => 2 * x),
        after: input.treated.after.map((x) => 2 * x),
      },
      comparison: {
        before: input.comparison.before.map((x) => 2 * x),
        after: input.comparison.after.map((x) => 2 * x),
      },
    };
    const r = npsDifferenceInDifferences(doubled, { customers: perAnswer(input, 2) });
    // As independent answers the copies would look like twice the data: √2 too narrow.
    expect((r.effect.seAnswers as number) * Math.SQRT2).toBeCloseTo(r.effect.seCustomers as number, 0);
    expect(r.effect.se).toBe(r.effect.seCustomers);
    expect(r.effect.se as number).toBeCloseTo(npsDifferenceInDifferences(input).effect.se as number, 0);
  });

  it("uses the larger standard error, and the independent one when the clustered cannot be computed", () => {
    const input = sample(9, 300);
    const r = npsDifferenceInDifferences(input, { customers: perAnswer(input) });
    // One answer per customer: the two agree within 1% (adjusted shares vs G/(G − 1)).
    expect(Math.abs((r.effect.seCustomers as number) / (r.effect.seAnswers as number) - 1)).toBeLessThan(
      0.01,
    );
    expect(r.effect.se).toBe(Math.max(r.effect.seAnswers as number, r.effect.seCustomers as number));
    const empty = npsDifferenceInDifferences(input, { customers: [] });
    expect(empty.effect.seCustomers).toBeNull();
    expect(empty.effect.se).toBe(empty.effect.seAnswers);
  });
});

describe("stratifiedDid", () => {
  it("equals the pooled DiD with one stratum", () => {
    const input = sample(10, 300);
    const pooled = npsDifferenceInDifferences(input);
    const r = stratifiedDid([{ key: "only", input }]);
    expect(r).toMatchObject({ ...pooled.effect, strata: 1, strataLeftOut: 0, treatedLeftOut: 0 });
  });

  it("a shock to one team's answers alike is no effect within teams, though the pooled DiD calls it one", () => {
    // Team L holds most treated answers; nothing changes there. Team T's NPS falls by 50 for everyone
    // after the date; it has few treated answers, so pooled, its fall drags the comparison down.
    const L = {
      treated: { before: cell(60, 40, 100), after: cell(60, 40, 100) },
      comparison: { before: cell(80, 60, 60), after: cell(80, 60, 60) },
    };
    const T = {
      treated: { before: cell(15, 0, 15), after: cell(0, 15, 15) },
      comparison: { before: cell(300, 200, 100), after: cell(150, 200, 250) },
    };
    const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] as number));
    const pooled = npsDifferenceInDifferences({
      treated: {
        before: add(L.treated.before, T.treated.before),
        after: add(L.treated.after, T.treated.after),
      },
      comparison: {
        before: add(L.comparison.before, T.comparison.before),
        after: add(L.comparison.after, T.comparison.after),
      },
    });
    expect(pooled.verdict).toBe("improved");
    const r = stratifiedDid([
      { key: "L", input: L },
      { key: "T", input: T },
    ]);
    expect(r.estimate).toBe(0);
    expect(r.low as number).toBeLessThan(0);
    expect(r.high as number).toBeGreaterThan(0);
    expect(r.strata).toBe(2);
  });

  it("weights the teams' effects by their treated answers and leaves out a team without a contrast", () => {
    const flat = { before: cell(40, 30, 30), after: cell(40, 30, 30) };
    const A = { treated: { before: cell(30, 20, 50), after: cell(35, 20, 45) }, comparison: flat }; // +10, 200 treated
    const B = { treated: { before: cell(15, 10, 25), after: cell(10, 15, 25) }, comparison: flat }; // −10, 100 treated
    const C = {
      treated: { before: cell(5, 0, 0), after: cell(5, 0, 0) },
      comparison: { before: flat.before, after: cell(0, 0, 0) },
    };
    const r = stratifiedDid([
      { key: "A", input: A },
      { key: "B", input: B },
      { key: "C", input: C },
    ]);
    expect(r.estimate).toBeCloseTo((200 * 10 + 100 * -10) / 300, 2);
    expect(r).toMatchObject({ strata: 2, strataLeftOut: 1, treatedLeftOut: 10 });
    const a = npsDifferenceInDifferences(A).effect.se as number;
    const b = npsDifferenceInDifferences(B).effect.se as number;
    expect(r.se as number).toBeCloseTo(Math.sqrt((2 / 3) ** 2 * a ** 2 + (1 / 3) ** 2 * b ** 2), 1);
    expect(stratifiedDid([{ key: "C", input: C }])).toMatchObject({
      estimate: null,
      strata: 0,
      strataLeftOut: 1,
    });
  });
});
