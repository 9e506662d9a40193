import { describe, expect, it } from "vitest";
import { controlChart, npsControlChart } from "./control-limits.ts";

/** mulberry32: a tiny seeded PRNG so that the "stable series" tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0–10 counts with the given numbers of promoters (10), passives (7) and detractors (2). */
function nps(promoters: number, passives: number, detractors: number): number[] {
  const c = new Array(11).fill(0);
  c[10] = promoters;
  c[7] = passives;
  c[2] = detractors;
  return c;
}

/** n answers drawn with P(promoter) = p, P(detractor) = d. */
function sampleNps(random: () => number, n: number, p: number, d: number): number[] {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < n; i++) {
    const u = random();
    if (u < p) promoters++;
    else if (u < p + d) detractors++;
  }
  return nps(promoters, n - promoters - detractors, detractors);
}

const month = (i: number) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

describe("controlChart", () => {
  it("reproduces the p chart with variable sample size: p̄ ± 3√(p̄(1 − p̄)/nᵢ)", () => {
    // Shares of complaints per week with varying n; for a share the per-answer SD is √(p̄(1 − p̄)).
    const weeks = [
      { period: "w1", value: 0.1, n: 100 },
      { period: "w2", value: 0.14, n: 50 },
      { period: "w3", value: 0.05, n: 200 },
      { period: "w4", value: 0.35, n: 80 },
    ];
    const pBar = (10 + 7 + 10 + 28) / 430; // n-weighted mean = pooled share
    const chart = controlChart(weeks, { sigma: Math.sqrt(pBar * (1 - pBar)), range: { min: 0, max: 1 } });
    expect(chart.centre).toBeCloseTo(pBar, 12);
    chart.points.forEach((point, i) => {
      const n = weeks[i]?.n ?? 0;
      expect(point.upper).toBeCloseTo(pBar + 3 * Math.sqrt((pBar * (1 - pBar)) / n), 12);
      expect(point.lower).toBeCloseTo(Math.max(0, pBar - 3 * Math.sqrt((pBar * (1 - pBar)) / n)), 12);
    });
    expect(chart.points.map((p) => p.signal)).toEqual([null, null, "below", "above"]);
  });

  it("narrows the limits as 1/√n", () => {
    const chart = controlChart(
      [
        { period: "a", value: 10, n: 25 },
        { period: "b", value: 10, n: 100 },
        { period: "c", value: 10, n: 400 },
      ],
      { sigma: 50, centre: 10 },
    );
    const widths = chart.points.map((p) => p.upper - p.lower);
    expect(widths).toEqual([60, 30, 15]);
  });

  it("flags a run of 8 on one side and names the first period of the run", () => {
    const values = [0, 1, -1, 0.5, -0.5, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    const points = values.map((value, i) => ({ period: month(i), value, n: 100 }));
    const chart = controlChart(points, { sigma: 100, centre: 0 });
    expect(chart.points.every((p) => p.signal === null)).toBe(true);
    expect(chart.shifts).toEqual([
      { rule: "shift", side: "above", firstPeriod: month(5), lastPeriod: month(13), length: 9 },
    ]);
    const seven = controlChart(points.slice(0, 12), { sigma: 100, centre: 0 });
    expect(seven.shifts).toEqual([]);
    expect(controlChart(points.slice(0, 12), { sigma: 100, centre: 0, runLength: 7 }).shifts).toHaveLength(1);
  });

  it("skips periods without answers and ends a run on a point at the centre", () => {
    const values = [1, 1, 1, 1, Number.NaN, 1, 1, 1, 1, 0, 1, 1];
    const points = values.map((value, i) => ({ period: month(i), value, n: Number.isNaN(value) ? 0 : 50 }));
    const chart = controlChart(points, { sigma: 10, centre: 0 });
    expect(chart.shifts).toEqual([
      { rule: "shift", side: "above", firstPeriod: month(0), lastPeriod: month(8), length: 8 },
    ]);
    expect(chart.points[4]).toMatchObject({ signal: null, lower: Number.NEGATIVE_INFINITY });
  });

  it("uses the n-weighted mean as the default centre and survives an empty series", () => {
    const chart = controlChart(
      [
        { period: "a", value: 10, n: 1 },
        { period: "b", value: 40, n: 3 },
      ],
      { sigma: 1 },
    );
    expect(chart.centre).toBeCloseTo(32.5, 12);
    const empty = controlChart([{ period: "a", value: Number.NaN, n: 0 }], { sigma: 1 });
    expect(empty.centre).toBe(0);
    expect(empty.warning).toMatch(/no answers/);
    expect(empty.points[0]?.signal).toBeNull();
  });
});

describe("npsControlChart", () => {
  it("centres on the pooled NPS with σ = 100 × the pooled SD of the +1/0/−1 coding", () => {
    const chart = npsControlChart([
      { period: "a", counts: nps(60, 20, 20) },
      { period: "b", counts: nps(40, 30, 30) },
    ]);
    // pooled: 100 promoters, 50 passives, 50 detractors of 200 → p = .5, d = .25
    expect(chart.centre).toBeCloseTo(25, 12);
    const codes = [...Array(100).fill(1), ...Array(50).fill(0), ...Array(50).fill(-1)];
    const mean = codes.reduce((s, v) => s + v, 0) / codes.length;
    const sd = Math.sqrt(codes.reduce((s, v) => s + (v - mean) ** 2, 0) / codes.length);
    expect(chart.sigma).toBeCloseTo(100 * sd, 10);
    expect(chart.points.map((p) => p.value)).toEqual([40, 10]);
    expect(chart.points[0]?.upper).toBeCloseTo(25 + (3 * 100 * sd) / 10, 10);
  });

  it("flags a planted jump that no single month shows", () => {
    const periods = Array.from({ length: 24 }, (_, i) => ({
      period: month(i),
      counts: i < 12 ? nps(100, 60, 40) : nps(140, 40, 20), // NPS 30, then 60; 200 answers each
    }));
    const chart = npsControlChart(periods);
    expect(chart.centre).toBeCloseTo(45, 10);
    expect(chart.points.every((p) => p.signal === null)).toBe(true);
    expect(chart.shifts.map((s) => [s.side, s.firstPeriod, s.length])).toEqual([
      ["below", month(0), 12],
      ["above", month(12), 12],
    ]);
  });

  it("flags a single collapsed month", () => {
    const random = prng(7);
    const periods = Array.from({ length: 12 }, (_, i) => ({
      period: month(i),
      counts: i === 6 ? sampleNps(random, 200, 0.2, 0.5) : sampleNps(random, 200, 0.5, 0.2),
    }));
    const chart = npsControlChart(periods);
    expect(chart.points.filter((p) => p.signal !== null).map((p) => [p.period, p.signal])).toEqual([
      [month(6), "below"],
    ]);
  });

  it("rarely signals on a stable random series", () => {
    const random = prng(20240601);
    let pointSignals = 0;
    let points = 0;
    let seriesWithShift = 0;
    const series = 200;
    for (let s = 0; s < series; s++) {
      const periods = Array.from({ length: 24 }, (_, i) => ({
        period: month(i),
        counts: sampleNps(random, 50 + Math.floor(random() * 300), 0.5, 0.2),
      }));
      const chart = npsControlChart(periods);
      points += chart.points.length;
      pointSignals += chart.points.filter((p) => p.signal !== null).length;
      if (chart.shifts.length > 0) seriesWithShift++;
    }
    // 3σ limits: ≈ 0.27% of points by chance (0.21% with this seed); a run of 8 somewhere in 24 points
    // on either side happens in a few percent of series (3.5% with this seed).
    expect(pointSignals / points).toBeLessThan(0.01);
    expect(seriesWithShift / series).toBeLessThan(0.1);
  });

  it("keeps the limits inside [−100, 100] and marks empty months", () => {
    const chart = npsControlChart([
      { period: "a", counts: nps(3, 0, 2) },
      { period: "b", counts: nps(0, 0, 0) },
    ]);
    expect(chart.points[0]?.lower).toBeGreaterThanOrEqual(-100);
    expect(chart.points[0]?.upper).toBeLessThanOrEqual(100);
    expect(chart.points[1]).toMatchObject({ n: 0, lower: -100, upper: 100, signal: null });
    expect(npsControlChart([]).points).toEqual([]);
  });
});
