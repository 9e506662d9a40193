import { describe, expect, it } from "vitest";
import { STEM_CACHE_SIZE, stem, stemCacheSize } from "./finnish-stem.ts";

/** Pairs from the Snowball project's reference data (snowball-data finnish/voc.txt → output.txt). */
const SNOWBALL_FINNISH: readonly (readonly [string, string])[] = [
  ["aloittamista", "aloittam"],
  ["aloittanutta", "aloittanut"],
  ["aloitteellisuuden", "aloitteellisuud"],
  ["alokkaan", "alok"],
  ["alppihiihdon", "alppihiihdo"],
  ["altaanmitan", "altaanmit"],
  ["alueellista", "alueel"],
  ["aluejako", "aluej"],
  ["aluekomitean", "aluekomitea"],
  ["alttoviulisti", "alttoviul"],
  ["aluehälytyskeskusta", "aluehälytyskesku"],
  ["aluemyyntipäällikkö", "aluemyyntipäällikö"],
];

const sameStem = (words: readonly string[], lang: "fi" | "en" | "sv") =>
  new Set(words.map((w) => stem(w, lang)));

describe("stem (Finnish)", () => {
  it("gives the standard Snowball Finnish output", () => {
    for (const [word, expected] of SNOWBALL_FINNISH) expect(stem(word, "fi"), word).toBe(expected);
  });

  it("maps inflected forms of a noun to one stem", () => {
    expect(
      sameStem(["lasku", "laskun", "laskua", "laskussa", "laskulla", "laskuja", "laskut", "laskuista"], "fi"),
    ).toEqual(new Set(["lasku"]));
    expect(sameStem(["palvelu", "palvelun", "palvelua", "palveluun", "palveluista"], "fi")).toEqual(
      new Set(["palvelu"]),
    );
  });

  it("groups ystävällinen's oblique forms as far as Snowball does", () => {
    // Snowball removes case endings, not derivation: the -s- stem forms meet, while the nominative
    // "ystävällinen" and the partitive "ystävällistä" keep stems of their own.
    expect(sameStem(["ystävällisen", "ystävällisesti", "ystävällisiä", "ystävällisellä"], "fi")).toEqual(
      new Set(["ystävällis"]),
    );
    expect(stem("ystävällinen", "fi")).toBe("ystävällin");
  });

  it("drops colon case endings before stemming", () => {
    expect(stem("eu:n", "fi")).toBe("eu");
    expect(stem("sms:llä", "fi")).toBe("sms");
  });

  it("leaves short words and other languages alone", () => {
    expect(stem("ei", "fi")).toBe("ei");
    expect(stem("laskuissa", "other")).toBe("laskuissa");
  });
});

describe("stem (English and Swedish)", () => {
  it("gives Porter2 (Snowball English) output", () => {
    expect(stem("billing", "en")).toBe("bill");
    expect(stem("generously", "en")).toBe("generous");
    expect(stem("happily", "en")).toBe("happili");
    expect(sameStem(["charge", "charged", "charges", "charging"], "en")).toEqual(new Set(["charg"]));
  });

  it("stems Swedish with Snowball Swedish", () => {
    expect(sameStem(["kund", "kunden", "kunder", "kunderna"], "sv")).toEqual(new Set(["kund"]));
    expect(sameStem(["tjänst", "tjänsten", "tjänster"], "sv")).toEqual(new Set(["tjänst"]));
  });
});

describe("stem cache", () => {
  it("stays bounded", () => {
    for (let i = 0; i < STEM_CACHE_SIZE + 100; i++) stem(`sana${i.toString(36)}ssa`, "fi");
    expect(stemCacheSize("fi")).toBeLessThanOrEqual(STEM_CACHE_SIZE);
    expect(stem("laskussa", "fi")).toBe("lasku");
  });
});
