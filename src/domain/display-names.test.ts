import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAME_MAX_LENGTH, nameKey, nameSchema, normalizeName, sameName } from "./display-names.ts";

const display = (text: string) => {
  const result = normalizeName(text);
  return result.ok ? result.value : `ERR ${result.reason}`;
};

describe("normalizeName", () => {
  it("trims, collapses inner whitespace runs to one space and keeps case, ä/ö and punctuation", () => {
    expect(display("  Asiakaspalvelu   Tampere ")).toBe("Asiakaspalvelu Tampere");
    expect(display("Yritysasiakkaat\u00a0/\tOulu")).toBe("Yritysasiakkaat / Oulu");
    expect(display("Laskutus\r\n(Helsinki)")).toBe("Laskutus (Helsinki)");
    expect(display("Öljy & Sähkö")).toBe("Öljy & Sähkö");
  });

  it("brings decomposed letters to NFC, so both spellings of ä are the same text", () => {
    const decomposed = "Meika\u0308la\u0308inen";
    expect(display(decomposed)).toBe("Meikäläinen");
    expect(display(decomposed)).toHaveLength("Meikäläinen".length);
  });

  it("refuses control characters, saying which and where", () => {
    expect(display("Lasku\u0000tus")).toBe(
      "ERR must not contain control characters (found U+0000 at character 6)",
    );
    expect(display("\u001b[31mTiimi")).toBe(
      "ERR must not contain control characters (found U+001B at character 1)",
    );
    expect(display("Tiimi\u007f")).toBe(
      "ERR must not contain control characters (found U+007F at character 6)",
    );
    expect(display("Tiimi\u0085A")).toMatch(/^ERR must not contain control characters/);
  });

  it("refuses empty and overlong names", () => {
    expect(display("   ")).toBe("ERR must not be empty");
    expect(display("a".repeat(NAME_MAX_LENGTH))).toHaveLength(NAME_MAX_LENGTH);
    expect(display("a".repeat(NAME_MAX_LENGTH + 1))).toBe(
      `ERR must be at most ${NAME_MAX_LENGTH} characters`,
    );
  });

  it("is idempotent, and never leaves control characters or untidy whitespace in what it accepts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), (text) => {
        const result = normalizeName(text);
        if (!result.ok) return;
        expect(normalizeName(result.value)).toEqual(result);
        expect(result.value).toBe(result.value.normalize("NFC"));
        expect(result.value).not.toMatch(/\p{Cc}|\s\s|^\s|\s$/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("nameKey", () => {
  it("folds case and whitespace but keeps ä and ö", () => {
    expect(nameKey("Laskutus")).toBe("laskutus");
    expect(nameKey("laskutus ")).toBe("laskutus");
    expect(nameKey(" ASIAKASPALVELU  Tampere")).toBe("asiakaspalvelu tampere");
    expect(nameKey("Yritysasiakkaat / OULU")).toBe("yritysasiakkaat / oulu");
    expect(nameKey("SÄHKÖ")).toBe("sähkö");
    expect(nameKey("Sahko")).not.toBe(nameKey("Sähkö"));
    expect(nameKey("Meika\u0308la\u0308inen")).toBe(nameKey("MEIKÄLÄINEN"));
  });

  it("gives a name and its display form the same key", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), (text) => {
        const result = normalizeName(text);
        if (result.ok) expect(nameKey(result.value)).toBe(nameKey(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("sameName compares by key and never matches a missing name", () => {
    expect(sameName("Laskutus", "laskutus ")).toBe(true);
    expect(sameName("Laskutus", "Laskutus Oulu")).toBe(false);
    expect(sameName(null, null)).toBe(false);
    expect(sameName("laskutus", undefined)).toBe(false);
  });
});

describe("nameSchema", () => {
  it("validates and normalises a domain record's name field", () => {
    expect(nameSchema.parse(" Asiakaspalvelu  Tampere")).toBe("Asiakaspalvelu Tampere");
    const bad = nameSchema.safeParse("a\u0000b");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/control characters/);
  });
});
