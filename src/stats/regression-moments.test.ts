import { describe, expect, it } from "vitest";
import { Xoshiro128ss } from "./bootstrap.ts";
import { combine, correlations, MomentAccumulator } from "./regression-moments.ts";

/** Random rows with correlated columns of very different scales and offsets. */
function randomRows(n: number, seed: number, offset = 0): { x: number[][]; y: number[] } {
  const rng = new Xoshiro128ss(seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = normal();
    const b = 0.6 * a + 0.8 * normal();
    const c = rng.float() < 0.3 ? 1 : 0;
    x.push([offset + a, 1000 * b, c]);
    y.push(offset + 2 * a - b + 3 * c + normal());
  }
  return { x, y };
}

/** Textbook two-pass statistics: means first, then centred sums. */
function twoPass(columns: number[][]): { means: number[]; sds: number[]; r: number[][] } {
  const n = (columns[0] as number[]).length;
  const means = columns.map((c) => c.reduce((a, b) => a + b, 0) / n);
  const centred = columns.map((c, j) => c.map((v) => v - (means[j] as number)));
  const sum = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
  const ss = centred.map((c) => sum(c, c));
  return {
    means,
    sds: ss.map((s) => Math.sqrt(s / (n - 1))),
    r: centred.map((a, i) =>
      centred.map((b, j) => sum(a, b) / Math.sqrt((ss[i] as number) * (ss[j] as number))),
    ),
  };
}

function accumulate(x: number[][], y: number[]): MomentAccumulator {
  const acc = new MomentAccumulator((x[0] as number[]).length);
  x.forEach((row, i) => {
    acc.add(row, y[i] as number);
  });
  return acc;
}

describe("MomentAccumulator and correlations", () => {
  it("match a direct two-pass computation on random data", () => {
    const { x, y } = randomRows(5000, 1);
    const c = correlations(accumulate(x, y));
    const ref = twoPass([0, 1, 2].map((j) => x.map((row) => row[j] as number)).concat([y]));
    expect(c.n).toBe(5000);
    for (let i = 0; i < 3; i++) {
      expect(c.means[i]).toBeCloseTo(ref.means[i] as number, 10);
      expect(c.sds[i]).toBeCloseTo(ref.sds[i] as number, 9);
      expect(c.rxy[i]).toBeCloseTo((ref.r[i] as number[])[3] as number, 12);
      for (let j = 0; j < 3; j++)
        expect((c.rxx[i] as number[])[j]).toBeCloseTo((ref.r[i] as number[])[j] as number, 12);
    }
    expect(c.meanY).toBeCloseTo(ref.means[3] as number, 10);
    expect(c.sdY).toBeCloseTo(ref.sds[3] as number, 10);
    expect(c.constant).toEqual([false, false, false]);
  });

  it("stays accurate when the mean dwarfs the spread (where Σx² − (Σx)²/n fails)", () => {
    // Offset 1e9 with unit spread: x² ≈ 1e18 leaves no digits for a variance of 1 in the naive formula.
    const { x, y } = randomRows(2000, 2, 1e9);
    const shifted = randomRows(2000, 2, 0);
    const c = correlations(accumulate(x, y));
    const ref = correlations(accumulate(shifted.x, shifted.y));
    expect(c.sds[0]).toBeCloseTo(ref.sds[0] as number, 6);
    expect(c.rxy[0]).toBeCloseTo(ref.rxy[0] as number, 6);
    expect((c.rxx[0] as number[])[1]).toBeCloseTo((ref.rxx[0] as number[])[1] as number, 6);
    // The same sums without a shift (shift 0 = the textbook formula) are badly off: the check has teeth.
    const naive = new MomentAccumulator(3, { shift: [0, 0, 0, 0] });
    x.forEach((row, i) => {
      naive.add(row, y[i] as number);
    });
    expect(Math.abs((correlations(naive).sds[0] as number) - (ref.sds[0] as number))).toBeGreaterThan(1e-3);
  });

  it("merging chunks equals one pass, whatever the chunks' shifts", () => {
    const { x, y } = randomRows(3000, 3);
    const whole = correlations(accumulate(x, y));
    const parts = [0, 1000, 2200].map((start, k, starts) => {
      const end = starts[k + 1] ?? 3000;
      return accumulate(x.slice(start, end), y.slice(start, end));
    });
    const merged = correlations(combine(parts));
    expect(merged.n).toBe(3000);
    merged.rxy.forEach((r, j) => {
      expect(r).toBeCloseTo(whole.rxy[j] as number, 12);
    });
    merged.sds.forEach((s, j) => {
      expect(s).toBeCloseTo(whole.sds[j] as number, 9);
    });
    expect(merged.meanY).toBeCloseTo(whole.meanY, 10);
  });

  it("combine with multiplicities equals accumulating the duplicated rows", () => {
    const { x, y } = randomRows(600, 4);
    const groups = [0, 1, 2].map((g) =>
      accumulate(x.slice(g * 200, g * 200 + 200), y.slice(g * 200, g * 200 + 200)),
    );
    const multiplicity = [2, 0, 1];
    const viaCombine = correlations(combine(groups, multiplicity));
    const duplicated = new MomentAccumulator(3);
    multiplicity.forEach((m, g) => {
      for (let copy = 0; copy < m; copy++) {
        for (let i = g * 200; i < g * 200 + 200; i++) duplicated.add(x[i] as number[], y[i] as number);
      }
    });
    const direct = correlations(duplicated);
    expect(viaCombine.n).toBe(600);
    expect(viaCombine.n).toBe(direct.n);
    viaCombine.rxy.forEach((r, j) => {
      expect(r).toBeCloseTo(direct.rxy[j] as number, 12);
    });
    viaCombine.sds.forEach((s, j) => {
      expect(s).toBeCloseTo(direct.sds[j] as number, 9);
    });
    expect((viaCombine.rxx[0] as number[])[1]).toBeCloseTo((direct.rxx[0] as number[])[1] as number, 12);
    expect(viaCombine.sdY).toBeCloseTo(direct.sdY, 10);
  });

  it("a row weight of 3 counts like three copies of the row", () => {
    const weighted = new MomentAccumulator(1);
    const copies = new MomentAccumulator(1);
    weighted.add([1], 2, 3);
    weighted.add([4], 3);
    weighted.add([2], 7);
    for (let i = 0; i < 3; i++) copies.add([1], 2);
    copies.add([4], 3);
    copies.add([2], 7);
    expect(weighted.n).toBe(5);
    expect(correlations(weighted).rxy[0]).toBeCloseTo(correlations(copies).rxy[0] as number, 14);
    expect(correlations(weighted).sds[0]).toBeCloseTo(correlations(copies).sds[0] as number, 14);
  });

  it("reproduces a hand-computed example", () => {
    // x = 1, 2, 3; y = 2, 4, 7: Sxy = 5, Sxx = 2, Syy = 12.667 → r = 5 / sqrt(2 · 12.667) = 0.99339
    const acc = new MomentAccumulator(1);
    acc.add([1], 2);
    acc.add([2], 4);
    acc.add([3], 7);
    const c = correlations(acc);
    expect(c.rxy[0]).toBeCloseTo(5 / Math.sqrt(2 * (38 / 3)), 12);
    expect(c.means).toEqual([2]);
    expect(c.sds[0]).toBeCloseTo(1, 12);
    expect(c.meanY).toBeCloseTo(13 / 3, 12);
  });

  it("flags constant columns with correlation 0 instead of NaN, also after merging", () => {
    const { x, y } = randomRows(400, 5);
    const withConstant = x.map((row) => [row[0] as number, 7.3, row[1] as number]);
    const halves = [
      accumulate(withConstant.slice(0, 200), y.slice(0, 200)),
      accumulate(withConstant.slice(200), y.slice(200)),
    ];
    for (const acc of [accumulate(withConstant, y), combine(halves, [1, 3])]) {
      const c = correlations(acc);
      expect(c.constant).toEqual([false, true, false]);
      expect(c.rxy[1]).toBe(0);
      expect(c.rxx[1]).toEqual([0, 1, 0]);
      expect((c.rxx[0] as number[])[1]).toBe(0);
      expect(c.sds[1]).toBe(0);
      expect(c.means[1]).toBeCloseTo(7.3, 12);
      expect(c.rxx.flat().every(Number.isFinite)).toBe(true);
    }
    const flatY = new MomentAccumulator(1);
    flatY.add([1], 5);
    flatY.add([2], 5);
    const c = correlations(flatY);
    expect(c.constantOutcome).toBe(true);
    expect(c.rxy).toEqual([0]);
  });

  it("rejects rows of the wrong width and non-finite values", () => {
    const acc = new MomentAccumulator(2);
    expect(() => acc.add([1], 2)).toThrow(RangeError);
    expect(() => acc.add([1, Number.NaN], 2)).toThrow(/driver 1/);
    expect(() => acc.add([1, 2], Number.POSITIVE_INFINITY)).toThrow(/outcome/);
    expect(acc.n).toBe(0);
    // A rejected row leaves no trace: the next rows are summarised as if it never came.
    acc.add([1, 2], 3);
    acc.add([2, 2], 5);
    acc.add([3, 1], 4);
    const c = correlations(acc);
    expect(c.means).toEqual([2, 5 / 3]);
    expect(c.rxy[0]).toBeCloseTo(0.5, 12);
    expect(() => combine([acc, new MomentAccumulator(3)])).toThrow(RangeError);
  });
});
