import { describe, expect, it } from "vitest";
import { parseLocaleNumber } from "./initiatives-settings.tsx";

describe("parseLocaleNumber: a settings figure as people type it", () => {
  it("reads Finnish: spaces between thousands, a decimal comma, a euro sign", () => {
    expect(parseLocaleNumber("12 000 €", "fi-FI")).toBe(12000);
    expect(parseLocaleNumber("12\u00a0000", "fi-FI")).toBe(12000);
    expect(parseLocaleNumber("12,5", "fi-FI")).toBe(12.5);
    expect(parseLocaleNumber("12.5", "fi-FI")).toBe(12.5);
    expect(parseLocaleNumber("6584", "fi-FI")).toBe(6584);
  });

  it("reads English: commas between thousands, a decimal point, a leading euro sign", () => {
    expect(parseLocaleNumber("€12,000", "en-GB")).toBe(12000);
    expect(parseLocaleNumber("12,000.50", "en-GB")).toBe(12000.5);
    expect(parseLocaleNumber("20", "en-GB")).toBe(20);
  });

  it("leaves an empty field empty and anything else as typed, for the API to refuse with the field named", () => {
    expect(parseLocaleNumber("  ", "fi-FI")).toBeNull();
    expect(parseLocaleNumber("paljon", "fi-FI")).toBe("paljon");
  });
});
