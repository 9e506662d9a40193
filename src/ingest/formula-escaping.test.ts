import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeFormula, unescapeFormula } from "./formula-escaping.ts";

describe("escapeFormula", () => {
  it("neutralises what a spreadsheet would run as a formula", () => {
    expect(escapeFormula('=HYPERLINK("http://x","x")')).toBe(`'=HYPERLINK("http://x","x")`);
    expect(escapeFormula("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(escapeFormula("@cmd")).toBe("'@cmd");
    expect(escapeFormula("-1+1")).toBe("'-1+1");
    expect(escapeFormula("\tx")).toBe("'\tx");
    expect(escapeFormula("\rx")).toBe("'\rx");
    expect(escapeFormula("'=already")).toBe("''=already");
  });

  it("leaves plain text and plain numbers alone", () => {
    for (const text of ["Hyvä palvelu", "-5", "+3", "-12,5", "1e5", "'quoted", "a=b", ""]) {
      expect(escapeFormula(text)).toBe(text);
    }
  });

  it("is undone exactly by unescapeFormula, for every string", () => {
    const tricky = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.nat(3), fc.constantFrom("=", "+", "-", "@", "\t", "\r", "1", "a"), fc.string())
        .map(([quotes, trigger, rest]) => `${"'".repeat(quotes)}${trigger}${rest}`),
    );
    fc.assert(fc.property(tricky, (text) => unescapeFormula(escapeFormula(text)) === text));
  });
});
