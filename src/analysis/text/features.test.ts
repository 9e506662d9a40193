import { describe, expect, it } from "vitest";
import { textFeatures, visitTextFeatures, wordGrams } from "./features.ts";
import { detectLanguage } from "./language.ts";

describe("textFeatures", () => {
  it("follows the documented scheme", () => {
    expect(textFeatures("Ei toiminut, asiakaspalvelu huono 😡", "fi")).toEqual([
      "ei",
      "NEG_toiminu",
      "ei NEG_toiminu",
      "asiakaspalvelu",
      "asiakas",
      "palvelu",
      "huono",
      "asiakaspalvelu huono",
      "😡",
      "huono 😡",
    ]);
  });

  it("shares stems across inflected forms", () => {
    const a = textFeatures("laskussa virhe", "fi");
    const b = textFeatures("laskun virhe", "fi");
    expect(a).toEqual(b);
  });

  it("maps numbers, URLs, e-mails and placeholders to fixed forms and keeps tone punctuation", () => {
    expect(textFeatures("Soitin 3 kertaa [PHONE] www.x.fi a@b.fi ?!", "fi")).toEqual([
      "soit",
      "<num>",
      "soit <num>",
      "kert",
      "<num> kert",
      "[PHONE]",
      "kert [PHONE]",
      "<url>",
      "[PHONE] <url>",
      "<email>",
      "<url> <email>",
      "?!",
    ]);
  });

  it("marks negation in unigrams, bigrams and compound parts", () => {
    const f = textFeatures("not bad at all", "en");
    expect(f).toContain("NEG_bad");
    expect(f).toContain("not NEG_bad");
    const fi = textFeatures("ei asiakaspalvelua", "fi");
    expect(fi).toEqual(expect.arrayContaining(["NEG_asiakaspalvelu", "NEG_asiakas", "NEG_palvelu"]));
  });

  it("breaks bigrams at punctuation and uses plain words for other languages", () => {
    expect(textFeatures("hyvä. huono", "fi")).toEqual(["hyvä", "huono"]);
    expect(textFeatures("Das ist gut", "other")).toEqual(["das", "ist", "das ist", "gut", "ist gut"]);
  });

  it("never puts a space inside a unigram", () => {
    for (const f of textFeatures("Mä en saa 👨‍👩‍👧 EU:n tekstarit toimiin :) 12,50 €", "fi")) {
      expect(f.split(" ").length).toBeLessThanOrEqual(2);
    }
  });

  it("handles empty and very long input", () => {
    expect(textFeatures("", "fi")).toEqual([]);
    expect(textFeatures("😡", "other")).toEqual(["😡"]);
    const long = "Lasku oli väärin eikä kukaan vastannut, ".repeat(2600);
    expect(long.length).toBeGreaterThan(100_000);
    let n = 0;
    visitTextFeatures(long, "fi", () => {
      n++;
    });
    expect(n).toBeGreaterThan(20_000);
  });

  it("gives a mixed-language line the features of its dominant language", () => {
    const text = "Kiitos, thanks for the help, it really wasn't easy";
    const lang = detectLanguage(text).lang;
    expect(lang).toBe("en");
    expect(textFeatures(text, lang)).toContain("NEG_easi");
  });
});

describe("wordGrams", () => {
  it("gives a word's n-grams from its start to its end, and none to a word shorter than n", () => {
    expect(wordGrams("lasku", 4)).toEqual(["#<las", "#lask", "#asku", "#sku>"]);
    expect(wordGrams("ei", 4)).toEqual([]);
    expect(wordGrams("kela", 4)).toEqual(["#<kel", "#kela", "#ela>"]);
  });
});
