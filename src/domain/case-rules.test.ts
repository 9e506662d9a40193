import { describe, expect, it } from "vitest";
import {
  answerCaseRules,
  canMoveCase,
  caseCutoff,
  caseDueAt,
  caseRulesWith,
  defaultCaseRules,
  encounterCaseRules,
  tooOldForCase,
  withoutCaseAgeLimit,
} from "./case-rules.ts";

describe("case rules", () => {
  const defaults = defaultCaseRules();
  const all = caseRulesWith({
    csat_low: { enabled: true },
    churn_words: { enabled: true },
    negative_encounter: { enabled: true },
  });

  it("opens a case for NPS 0–6 by default, and for nothing else", () => {
    for (let score = 0; score <= 10; score++) {
      expect(answerCaseRules(defaults, { kind: "nps", score, comment: null })).toEqual(
        score <= 6 ? ["nps_detractor"] : [],
      );
    }
    expect(answerCaseRules(defaults, { kind: "csat", score: 1, comment: "Lopetan asiakkuuden." })).toEqual(
      [],
    );
  });

  it("switched on: CSAT 1–2 and churn words, case and spacing aside", () => {
    expect(answerCaseRules(all, { kind: "csat", score: 2, comment: null })).toEqual(["csat_low"]);
    expect(answerCaseRules(all, { kind: "csat", score: 3, comment: null })).toEqual([]);
    expect(
      answerCaseRules(all, { kind: "ces", score: 7, comment: "Nyt riitti, LOPETAN  asiakkuuden." }),
    ).toEqual(["churn_words"]);
    expect(answerCaseRules(all, { kind: "nps", score: 9, comment: "I will cancel my contract" })).toEqual([
      "churn_words",
    ]);
  });

  it("an encounter: churn words in the customer's turns, a negative tone that did not recover", () => {
    expect(
      encounterCaseRules(all, {
        toneLabel: "negative",
        trajectory: "steady",
        customerTexts: ["irtisanon sopimuksen"],
      }),
    ).toEqual(["churn_words", "negative_encounter"]);
    expect(
      encounterCaseRules(all, { toneLabel: "negative", trajectory: "recovered", customerTexts: [] }),
    ).toEqual([]);
    expect(
      encounterCaseRules(defaults, { toneLabel: "negative", trajectory: "steady", customerTexts: [] }),
    ).toEqual([]);
  });

  it("a chosen theme opens a case only with negative polarity; a repeat contact when the store found one", () => {
    const rules = caseRulesWith({
      negative_theme: { enabled: true, themes: ["billing"] },
      repeat_contact: { enabled: true },
    });
    const answer = { kind: "nps", score: 9, comment: null };
    expect(answerCaseRules(rules, { ...answer, theme_codes: "waiting:-1 billing:-1" })).toEqual([
      "negative_theme",
    ]);
    expect(answerCaseRules(rules, { ...answer, theme_codes: "billing:0 waiting:-1" })).toEqual([]);
    const encounter = { toneLabel: "neutral", trajectory: "steady", customerTexts: [] };
    expect(
      encounterCaseRules(rules, { ...encounter, themeCodes: "billing:-1", repeatContact: true }),
    ).toEqual(["negative_theme", "repeat_contact"]);
    expect(encounterCaseRules(rules, { ...encounter, repeatContact: false })).toEqual([]);
  });

  it("a due date is the record's time plus the rule's SLA", () => {
    expect(caseDueAt(defaults, "nps_detractor", "2026-03-02T10:00:00.000Z")).toBe("2026-03-04T10:00:00.000Z");
  });

  it("moves new → contacted → resolved | no_action_needed, and no other way", () => {
    expect(canMoveCase("new", "contacted")).toBe(true);
    expect(canMoveCase("contacted", "resolved")).toBe(true);
    expect(canMoveCase("new", "no_action_needed")).toBe(true);
    expect(canMoveCase("new", "resolved")).toBe(false);
    expect(canMoveCase("resolved", "contacted")).toBe(false);
  });

  it("refuses unknown rules and bad settings", () => {
    expect(() => caseRulesWith({ nps: { enabled: true } })).toThrow();
    expect(() => caseRulesWith({ csat_low: { maxScore: 9 } })).toThrow();
    expect(caseRulesWith({ nps_detractor: { slaHours: 24 } }).nps_detractor).toEqual({
      enabled: true,
      slaHours: 24,
      maxAgeDays: 30,
      maxScore: 6,
    });
    expect(() => caseRulesWith({ nps_detractor: { maxAgeDays: 0 } })).toThrow();
    expect(() => caseRulesWith({ nps_detractor: { maxAgeDays: 3651 } })).toThrow();
    expect(() => caseRulesWith({ nps_detractor: { maxAgeDays: 2.5 } })).toThrow();
  });

  it("opens no case for a record more than maxAgeDays before the write, per rule", () => {
    const now = "2026-12-04T12:00:00.000Z";
    const rules = caseRulesWith({ nps_detractor: { maxAgeDays: 30 }, csat_low: { maxAgeDays: 1 } });
    expect(caseCutoff(rules, "nps_detractor", now)).toBe("2026-11-04T12:00:00.000Z");
    // Exactly maxAgeDays old still opens a case; a millisecond older does not.
    expect(tooOldForCase(rules, "nps_detractor", "2026-11-04T12:00:00.000Z", now)).toBe(false);
    expect(tooOldForCase(rules, "nps_detractor", "2026-11-04T11:59:59.999Z", now)).toBe(true);
    expect(tooOldForCase(rules, "csat_low", "2026-12-03T11:59:59.999Z", now)).toBe(true);
    expect(tooOldForCase(rules, "csat_low", "2026-12-03T12:00:00.000Z", now)).toBe(false);
    // Times in another ISO form are compared as instants.
    expect(tooOldForCase(rules, "nps_detractor", "2026-11-04T11:59:59Z", now)).toBe(true);
    expect(tooOldForCase(rules, "nps_detractor", "2026-11-04T14:00:00+02:00", now)).toBe(false);
    expect(tooOldForCase(rules, "nps_detractor", "2026-11-04T13:59:59.999+02:00", now)).toBe(true);
    // A record from the future is not too old.
    expect(tooOldForCase(rules, "csat_low", "2027-01-01T00:00:00.000Z", now)).toBe(false);
    // The demo's snapshot: no limit at all, the rest of the settings kept.
    const unlimited = withoutCaseAgeLimit(rules);
    expect(caseCutoff(unlimited, "nps_detractor", now)).toBeNull();
    expect(tooOldForCase(unlimited, "nps_detractor", "2001-01-01T00:00:00.000Z", now)).toBe(false);
    expect(unlimited.csat_low).toMatchObject({ enabled: false, slaHours: 48, maxScore: 2 });
  });
});
