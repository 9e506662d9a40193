import { describe, expect, it } from "vitest";
import { pickLanguage } from "./language.ts";

describe("pickLanguage", () => {
  it("takes ?lang= over the saved choice and the browser", () => {
    expect(pickLanguage("en", "fi", ["fi-FI"])).toBe("en");
    expect(pickLanguage("fi", "en", ["en-US"])).toBe("fi");
  });
  it("takes the saved choice over the browser, and ignores an unknown ?lang=", () => {
    expect(pickLanguage("sv", "en", ["fi-FI"])).toBe("en");
    expect(pickLanguage(null, "fi", ["en-GB"])).toBe("fi");
  });
  it("takes the first browser language it knows, else Finnish", () => {
    expect(pickLanguage(null, null, ["sv-FI", "en-US", "fi"])).toBe("en");
    expect(pickLanguage(null, null, ["de-DE"])).toBe("fi");
    expect(pickLanguage(null, null, [])).toBe("fi");
  });
});
