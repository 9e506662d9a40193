import { describe, expect, it } from "vitest";
import { compoundLexiconSize, compoundParts } from "./compounds.ts";
import { stem } from "./finnish-stem.ts";

describe("compoundParts", () => {
  it("splits customer-service compounds into stemmed parts", () => {
    expect(compoundParts("asiakaspalvelu")).toEqual(["asiakas", "palvelu"]);
    expect(compoundParts("laskutusvirheestä")).toEqual(["laskutus", stem("virheestä", "fi")]);
    expect(compoundParts("sähkösopimuksen")).toEqual(["sähkö", stem("sopimuksen", "fi")]);
    expect(compoundParts("maksumuistutus")).toEqual(["maksu", "muistutus"]);
  });

  it("gives the head the stem the inflected word would have on its own", () => {
    expect(compoundParts("asiakaspalvelussa")).toEqual(["asiakas", stem("palvelussa", "fi")]);
    expect(compoundParts("maksupäätteellä")[1]).toBe(stem("päätteellä", "fi"));
  });

  it("handles genitive modifiers, weak grades and -mis- compound forms", () => {
    expect(compoundParts("ajanvaraus")).toHaveLength(2);
    expect(compoundParts("toimitusajat")).toEqual(["toimitus", stem("ajat", "fi")]);
    expect(compoundParts("kirjautumisongelma")).toHaveLength(2);
  });

  it("splits three-part compounds", () => {
    expect(compoundParts("asiakaspalvelunumero")).toEqual(["asiakas", stem("palvelun", "fi"), "numero"]);
  });

  it("splits hyphenated words at the hyphen", () => {
    expect(compoundParts("e-lasku")).toEqual(["e", "lasku"]);
  });

  it("leaves simple and unknown words whole", () => {
    for (const w of [
      "lasku",
      "puhelimessa",
      "asiakkaalle",
      "osoitteessa",
      "automaattisesti",
      "virheellinen",
    ]) {
      expect(compoundParts(w), w).toEqual([]);
    }
    expect(compoundParts("kotimaassa")).toEqual([]);
    expect(compoundParts("")).toEqual([]);
    expect(compoundParts("12345678")).toEqual([]);
  });

  it("has a lexicon of at least 150 parts", () => {
    expect(compoundLexiconSize()).toBeGreaterThanOrEqual(150);
  });
});
