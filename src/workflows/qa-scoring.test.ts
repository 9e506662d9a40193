import { describe, expect, it } from "vitest";
import { checkScore, QaCriteria, type QaCriterion, scorecardTotal } from "../domain/qa-scorecard.ts";
import { autoScores } from "./qa-autoqa.ts";
import { calibrationAgreement, spreadOf } from "./qa-calibration.ts";
import { agentTrend, overrideReport } from "./qa-reports.ts";

const criteria: QaCriterion[] = QaCriteria.parse([
  { id: "greeting", name: "Greeting", weight: 1, behaviour: "greeting" },
  { id: "empathy", name: "Empathy", weight: 3, scale: "1-5", behaviour: "empathy" },
  { id: "no-blame", name: "No blame", weight: 1, critical: true, behaviour: "blame_customer" },
  { id: "accuracy", name: "Accuracy", weight: 2, scale: "0-10" },
]);

describe("scorecardTotal", () => {
  it("is the weighted mean of the scores as shares of their scale, in percent", () => {
    // (1·1 + 3·0.75 + 1·1 + 2·0.5) / 7 = 5.25 / 7 = 75 %
    const scores = new Map<string, number | null>([
      ["greeting", 1],
      ["empathy", 4],
      ["no-blame", 1],
      ["accuracy", 5],
    ]);
    expect(scorecardTotal(criteria, scores)).toEqual({ total: 75, criticalFailed: false });
  });

  it("leaves not-applicable criteria out of the weights", () => {
    const scores = new Map<string, number | null>([
      ["greeting", 0],
      ["empathy", 5],
      ["no-blame", 1],
      ["accuracy", null],
    ]);
    // (0 + 3 + 1) / 5 = 80 %
    expect(scorecardTotal(criteria, scores).total).toBe(80);
  });

  it("is 0 when a critical criterion fails, whatever the others", () => {
    const scores = new Map<string, number | null>([
      ["greeting", 1],
      ["empathy", 5],
      ["no-blame", 0],
      ["accuracy", 10],
    ]);
    expect(scorecardTotal(criteria, scores)).toEqual({ total: 0, criticalFailed: true });
  });

  it("refuses scores off the scale and an unscored critical item", () => {
    const [greeting, empathy, noBlame] = criteria as [QaCriterion, QaCriterion, QaCriterion];
    expect(checkScore(empathy, 0)).toMatch(/1 to 5/);
    expect(checkScore(empathy, 2.5)).toMatch(/whole number/);
    expect(checkScore(greeting, null)).toBeNull();
    expect(checkScore(noBlame, null)).toMatch(/critical/);
  });
});

describe("autoScores", () => {
  const turns = [
    { seq: 0, speaker: "customer", text: "…", behaviours: null },
    { seq: 1, speaker: "agent", text: "Hei!", behaviours: ["greeting"] },
    { seq: 2, speaker: "agent", text: "Oma vikasi.", behaviours: ["blame_customer"] },
  ];

  it("scores a found good behaviour at the top step and a found fault at the lowest, with the first turn as evidence", () => {
    expect(autoScores(criteria, turns)).toEqual([
      {
        criterion: "greeting",
        auto_score: 1,
        found: true,
        evidence: { seq: 1, speaker: "agent", text: "Hei!" },
      },
      { criterion: "empathy", auto_score: 1, found: false, evidence: null },
      {
        criterion: "no-blame",
        auto_score: 0,
        found: true,
        evidence: { seq: 2, speaker: "agent", text: "Oma vikasi." },
      },
      { criterion: "accuracy", auto_score: null, found: null, evidence: null },
    ]);
  });

  it("pre-scores nothing without an analysis, and reads only agent turns", () => {
    expect(autoScores(criteria, null).every((p) => p.auto_score === null)).toBe(true);
    const customerOnly = [{ seq: 0, speaker: "customer", text: "Hei", behaviours: ["greeting"] }];
    expect(autoScores(criteria, customerOnly)[0]).toMatchObject({ auto_score: 0, found: false });
  });
});

describe("calibration agreement", () => {
  it("gives each criterion's spread and alpha at its scale's level, pooled over rounds", () => {
    const reviews = [
      {
        reviewer: "a",
        total: 80,
        scores: new Map([
          ["greeting", 1],
          ["empathy", 5],
        ]),
      },
      {
        reviewer: "b",
        total: 60,
        scores: new Map([
          ["greeting", 1],
          ["empathy", 3],
        ]),
      },
    ];
    const pooled = new Map([
      [
        "greeting",
        new Map([
          ["r1", [1, 1]],
          ["r2", [0, 0]],
        ]),
      ],
    ]);
    const report = calibrationAgreement(criteria.slice(0, 2), reviews, pooled);
    expect(report.criteria[0]?.alpha).toMatchObject({ value: 1, units: 2, level: "nominal" });
    expect(report.criteria[1]?.alpha).toMatchObject({ value: null, units: 0, level: "ordinal" });
    expect(report.criteria[1]?.spread).toMatchObject({ n: 2, min: 3, max: 5, range: 2, modal_share: 0.5 });
    expect(report.overall.totals).toMatchObject({ min: 60, max: 80, range: 20 });
    // Overall over the criteria as units, interval on shares: greeting [1, 1], empathy [1, 0.5].
    expect(report.overall.alpha.level).toBe("interval");
  });

  it("reports an empty spread as such", () => {
    expect(spreadOf([null, null])).toEqual({
      n: 0,
      min: null,
      max: null,
      range: null,
      sd: null,
      modal_share: null,
    });
  });
});

describe("QA reports", () => {
  it("gives the override share with a Wilson interval per criterion", () => {
    const cards = new Map([["s", { name: "Chat", criteria }]]);
    const [row] = overrideReport(
      [{ scorecard_id: "s", criterion_id: "empathy", n: 5, overridden: 1 }],
      cards,
    );
    expect(row).toMatchObject({
      scorecard: "Chat",
      name: "Empathy",
      behaviour: "empathy",
      n: 5,
      overridden: 1,
    });
    // Wilson 95% for 1 of 5, by hand: 3.62 … 62.45 %.
    expect(row?.share.value).toBe(20);
    expect(row?.share.low).toBeCloseTo(3.62, 2);
    expect(row?.share.high).toBeCloseTo(62.45, 2);
  });

  it("gives the monthly mean with a Student-t interval in the workspace's zone", () => {
    const months = agentTrend(
      [
        { encounter_at: "2026-01-31T23:30:00.000Z", total: 60 }, // February in Helsinki
        { encounter_at: "2026-02-10T10:00:00.000Z", total: 80 },
        { encounter_at: "2026-02-11T10:00:00.000Z", total: 100 },
        { encounter_at: "2026-03-01T10:00:00.000Z", total: 50 },
      ],
      "Europe/Helsinki",
    );
    // 60, 80, 100: mean 80, s = 20, t(0.975, 2) = 4.3027 → 80 ± 49.68, clipped to 100 above.
    expect(months).toEqual([
      { month: "2026-02", mean: 80, low: 30.3, high: 100, n: 3 },
      { month: "2026-03", mean: 50, low: null, high: null, n: 1 },
    ]);
  });
});
