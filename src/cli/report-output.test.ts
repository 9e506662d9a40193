import { afterEach, describe, expect, it, vi } from "vitest";
import { printReport } from "./report-output.ts";

/** What printReport writes for a report, as text. */
function printed(report: unknown, timeZone?: string): string {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  printReport(report, timeZone);
  const text = write.mock.calls.map((c) => String(c[0])).join("");
  write.mockRestore();
  return text;
}

const estimate = (value: number, n: number) => ({ value, low: value - 10, high: value + 10, n });
const test = (difference: number, pValue: number) => ({
  test: "NPS difference z test",
  difference,
  low: difference - 5,
  high: difference + 5,
  pValue,
  significant: pValue < 0.05,
  verdict: pValue < 0.05 ? "significant" : "not significant",
  effectSize: { name: "d", value: 0.2 },
  nA: 100,
  nB: 100,
});

afterEach(() => vi.restoreAllMocks());

describe("kohtaamo report's table", () => {
  it("states each group's test against the rest, the monthly change, control-limit signals and the previous period", () => {
    const byTeam = printed({
      metric: "nps",
      definition: "NPS",
      ...estimate(5, 300),
      groups: [
        { group: "Laskutus", ...estimate(-40, 100), vsRest: test(-60, 0.0004) },
        { group: "Myynti", ...estimate(20, 1), vsRest: test(20, 0.17), warning: "only 1 answer" },
      ],
    });
    expect(byTeam).toMatch(/Laskutus .*n=100 {2}vs rest -60\.0 significant \(p < 0\.001\)/);
    expect(byTeam).toMatch(/Myynti .*n=1 {2}⚠ only 1 answer {2}vs rest \+20\.0 not significant \(p 0\.170\)/);

    const byMonth = printed(
      {
        metric: "nps",
        definition: "NPS",
        ...estimate(5, 300),
        groups: [
          { group: "2026-08", ...estimate(0, 150) },
          { group: "2026-09", ...estimate(30, 150), change: test(30, 0.01) },
        ],
        controlChart: { points: [{ period: "2026-09", signal: "above" }] },
        previous: {
          from: "2026-05-31T21:00:00.000Z",
          to: "2026-07-31T21:00:00.000Z",
          estimate: estimate(-5, 280),
          change: test(10, 0.2),
        },
      },
      "Europe/Helsinki",
    );
    expect(byMonth).toMatch(
      /2026-09 .*vs previous \+30\.0 significant \(p 0\.010\) {2}◆ above the control limits/,
    );
    expect(byMonth).not.toMatch(/2026-08 .*vs previous/);
    // The previous period in local days: June and July, not the UTC instants' 31 May.
    expect(byMonth).toMatch(
      /previous 2026-06-01…2026-07-31 .*n=280\nchange \+10\.0 \[5\.0, 15\.0\] not significant \(p 0\.200\)/,
    );
  });

  it("gives each theme its answers, and no impact where no survey answer mentions it", () => {
    const text = printed({
      metric: "themes",
      definition: "themes",
      nps: estimate(0, 40),
      n: 40,
      themes: [
        {
          theme: "billing",
          volume: 12,
          share: 25,
          answers: 8,
          npsImpact: { value: -6.2, low: -9, high: -3, significant: true, warning: "fewer than 30 answers" },
        },
        {
          theme: "callback",
          volume: 3,
          share: 6.3,
          answers: 0,
          npsImpact: { value: 0, low: 0, high: 0, significant: false },
        },
      ],
    });
    expect(text).toMatch(
      /billing +12 +25\.0 +8 +-6\.2 \[-9\.0, -3\.0\] \(significant\) {2}⚠ fewer than 30 answers/,
    );
    expect(text).toMatch(/callback +3 +6\.3 +0 +– +\(no survey answer mentions it\)/);
    expect(text).not.toMatch(/callback .*\[0\.0, 0\.0\]/);
  });
});
