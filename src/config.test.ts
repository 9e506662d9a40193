import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.ts";

describe("parseConfig", () => {
  it("defaults to the embedded SQLite file under ./data on port 3000", () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sqliteFile).toBe(path.resolve("data", "kohtaamo.db"));
    expect(c.timeZone).toBe("Europe/Helsinki");
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("switches to PostgreSQL when DATABASE_URL is set, and treats an empty one as unset", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u@h/db" }).databaseUrl).toBe("postgres://u@h/db");
    expect(parseConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ KOHTAAMO_TIMEZONE: "Mars/Olympus" })).toThrow(/KOHTAAMO_TIMEZONE/);
  });

  it("merges KOHTAAMO_CASE_RULES over the default case rules, and names a bad one", () => {
    expect(parseConfig({}).caseRules.nps_detractor).toEqual({
      enabled: true,
      slaHours: 48,
      maxAgeDays: 30,
      maxScore: 6,
    });
    const c = parseConfig({ KOHTAAMO_CASE_RULES: '{"csat_low":{"enabled":true,"slaHours":24}}' });
    expect(c.caseRules.csat_low).toEqual({ enabled: true, slaHours: 24, maxAgeDays: 30, maxScore: 2 });
    expect(c.caseRules.nps_detractor.enabled).toBe(true);
    expect(() => parseConfig({ KOHTAAMO_CASE_RULES: "{" })).toThrow(/KOHTAAMO_CASE_RULES/);
    expect(() => parseConfig({ KOHTAAMO_CASE_RULES: '{"csat_low":{"slaHours":0}}' })).toThrow(
      /KOHTAAMO_CASE_RULES: csat_low\.slaHours/,
    );
  });

  it("reads each case rule's maxAgeDays from KOHTAAMO_CASE_RULES, a whole number of days 1–3650", () => {
    const c = parseConfig({
      KOHTAAMO_CASE_RULES:
        '{"nps_detractor":{"maxAgeDays":7},"negative_theme":{"enabled":true,"maxAgeDays":3650}}',
    });
    expect(c.caseRules.nps_detractor.maxAgeDays).toBe(7);
    expect(c.caseRules.negative_theme).toMatchObject({ enabled: true, maxAgeDays: 3650 });
    expect(c.caseRules.csat_low.maxAgeDays).toBe(30);
    for (const bad of ["0", "3651", "1.5", '"30"', "-1", "null"]) {
      expect(() => parseConfig({ KOHTAAMO_CASE_RULES: `{"churn_words":{"maxAgeDays":${bad}}}` })).toThrow(
        /KOHTAAMO_CASE_RULES: churn_words\.maxAgeDays/,
      );
    }
  });
});
