import { describe, expect, it } from "vitest";
import { markNegation, negationScope } from "./negation.ts";
import { tokenize } from "./tokenize.ts";

const mark = (text: string, lang: "fi" | "en" | "sv" | "other") => markNegation(tokenize(text), lang);
const negated = (text: string, lang: "fi" | "en" | "sv") =>
  mark(text, lang)
    .filter((t) => t.startsWith("NEG_"))
    .map((t) => t.slice(4));

describe("markNegation (Finnish)", () => {
  it("marks the content word after the negation verb, skipping the copula", () => {
    expect(mark("ei ollut hyvä", "fi")).toEqual(["ei", "ollut", "NEG_hyvä"]);
  });

  it("knows all persons, clitic forms and conjunction forms", () => {
    for (const cue of [
      "en",
      "et",
      "ei",
      "emme",
      "ette",
      "eivät",
      "eikä",
      "eikö",
      "eipä",
      "ettei",
      "jottei",
    ]) {
      expect(negated(`${cue} toimi`, "fi"), cue).toEqual(["toimi"]);
    }
    expect(negated("älä soita", "fi")).toEqual(["soita"]);
    expect(negated("älkää lähettäkö", "fi")).toEqual(["lähettäkö"]);
  });

  it("handles spoken negation", () => {
    expect(negated("en mä saa tätä toimiin", "fi")).toEqual(["saa", "toimiin"]);
    expect(negated("ei oo kyl hyvä", "fi")).toEqual(["hyvä"]);
    expect(negated("emmä tiiä", "fi")).toEqual(["tiiä"]);
  });

  it("stops at mutta and at punctuation", () => {
    expect(mark("ei hyvä mutta halpa", "fi")).toEqual(["ei", "CNEG_hyvä", "mutta", "halpa"]);
    expect(mark("ei toimi. soitin uudestaan", "fi")).toEqual(["ei", "NEG_toimi", ".", "soitin", "uudestaan"]);
    expect(negated("ei toimi, soitin", "fi")).toEqual(["toimi"]);
  });

  it("reads through quotation marks, which wrap a word without ending the clause", () => {
    expect(negated('Ei "toimi" ollenkaan', "fi")).toEqual(["toimi"]);
    expect(negated("ei ”korjattu” mitään", "fi")).toEqual(["korjattu"]);
    expect(negated('it does not "work" at all', "en")).toEqual(negated("it does not work at all", "en"));
    expect(negated('ei toimi. "soitin" uudestaan', "fi")).toEqual(["toimi"]);
    // The mark that closes a quotation the negation stood in ends it: the words after are not denied.
    expect(negated('It keeps replying "I didn\'t quite catch that" to a simple yes.', "en")).toEqual(
      negated("It keeps replying I didn't quite catch that.", "en"),
    );
    expect(negated('Botti vastaa aina "en ymmärrä" eikä mitään muuta', "fi")).toEqual(["ymmärrä", "muuta"]);
  });

  it("marks at most three content words", () => {
    expect(negated("eikä kukaan vastannut puhelimeen tänään illalla", "fi")).toEqual([
      "vastannut",
      "puhelimeen",
      "tänään",
    ]);
  });

  it("does not treat ä-less ala/alkaa as cues", () => {
    expect(negated("ala on vaikea", "fi")).toEqual([]);
  });
});

describe("markNegation (English and Swedish)", () => {
  it("marks 'not bad' and n't forms", () => {
    expect(mark("not bad", "en")).toEqual(["not", "NEG_bad"]);
    expect(negated("it doesn't work", "en")).toEqual(["work"]);
    expect(negated("isn't really that bad", "en")).toEqual(["bad"]);
    expect(negated("never again", "en")).toEqual([]);
    expect(negated("nobody answered", "en")).toEqual(["answered"]);
    expect(negated("without any help", "en")).toEqual(["help"]);
  });

  it("stops at but and punctuation", () => {
    expect(mark("not fast but friendly", "en")).toEqual(["not", "CNEG_fast", "but", "friendly"]);
    expect(mark("not bad, but slow", "en")).toEqual(["not", "CNEG_bad", ",", "but", "slow"]);
  });

  it("marks a denial that a later 'but' in the same sentence answers as conceded (CNEG_), and only that", () => {
    // The corpus's "X wasn't late, but Y" complaints would otherwise teach that a bare denial complains.
    expect(mark("Paketti ei ollut myöhässä, mutta laatikko oli rikki.", "fi")).toContain("CNEG_myöhässä");
    expect(mark("Paketti ei ollut myöhässä.", "fi")).toContain("NEG_myöhässä");
    expect(mark("The parcel wasn't late, however the box was crushed.", "en")).toContain("CNEG_late");
    expect(mark("The parcel wasn't late.", "en")).toContain("NEG_late");
    // A "but" in the next sentence answers nothing before the full stop.
    expect(mark("It wasn't late. But the box was crushed.", "en")).toContain("NEG_late");
    // "vaan" corrects ("not X but Y") rather than concedes: not a contrast word.
    expect(mark("ei ollut myöhässä vaan ajoissa", "fi")).toContain("NEG_myöhässä");
    // A negation with no contrast word after it in the sentence stays NEG_.
    expect(mark("ei toiminut mutta ei haitannut, kiitos", "fi")).toEqual([
      "ei",
      "CNEG_toiminut",
      "mutta",
      "ei",
      "NEG_haitannut",
      ",",
      "kiitos",
    ]);
  });

  it("marks Swedish scopes", () => {
    expect(negated("det fungerar inte alls bra", "sv")).toEqual(["bra"]);
    expect(mark("inte bra men billigt", "sv")).toEqual(["inte", "CNEG_bra", "men", "billigt"]);
  });

  it("stops at an emoji and marks nothing for other languages", () => {
    expect(negated("not good 😡 fine", "en")).toEqual(["good"]);
    expect(mark("ei hyvä", "other")).toEqual(["ei", "hyvä"]);
  });

  it("uses the given forms and returns aligned flags", () => {
    const toks = tokenize("ei toiminut");
    expect(markNegation(toks, "fi", ["ei", "toimin"])).toEqual(["ei", "NEG_toimin"]);
    expect([...negationScope(toks, "fi")]).toEqual([0, 1]);
    expect(markNegation([], "fi")).toEqual([]);
  });
});

describe("never … so/such: the most of its kind, not a denial", () => {
  it("leaves the evaluative word after the degree word unmarked when the negation carries 'ever'", () => {
    expect(negated("en ole ikinä saanut näin huonoa kohtelua", "fi")).toEqual(["saanut"]);
    expect(negated("ei oo koskaan ollu tämmöstä sotkua laskussa", "fi")).toEqual([]);
    expect(negated("i have never seen such poor support", "en")).toEqual(["seen"]);
    expect(negated("never been so pleased with a plumber", "en")).toEqual([]);
  });

  it("still denies without 'ever', with what it is compared with or led to, in a command, or with nothing after", () => {
    expect(negated("ei ollut näin huono", "fi")).toEqual(["näin", "huono"]);
    expect(negated("ei koskaan toimi yhtä nopeasti kuin mainoksessa", "fi")).toEqual([
      "toimi",
      "yhtä",
      "nopeasti",
    ]);
    expect(negated("en ole koskaan ollut niin kiinnostunut että tilaisin", "fi")).toEqual(["kiinnostunut"]);
    expect(negated("älkää ikinä tehkö noin huonoa päivitystä", "fi")).toEqual(["tehkö", "noin", "huonoa"]);
    expect(negated("älä ikinä sano noin", "fi")).toEqual(["sano", "noin"]);
    expect(negated("it never runs so smoothly as the advert", "en")).toEqual(["runs", "smoothly", "as"]);
    expect(negated("i wasn't so impressed", "en")).toEqual(["impressed"]);
  });
});

describe("'kuin' ends a Finnish scope: the compared or what is left is not denied", () => {
  it("reads 'ei voi kuin kehua' (can only praise) with only 'voi' denied", () => {
    expect(negated("ei voi kuin kehua", "fi")).toEqual(["voi"]);
    expect(negated("ei ole muuta kuin hyvää sanottavaa", "fi")).toEqual(["muuta"]);
    expect(negated("ei ole yhtä hyvä kuin ennen", "fi")).toEqual(["yhtä", "hyvä"]);
  });

  it("goes on over an amount after 'ei … kuin' (only a week), as the models learned it", () => {
    expect(negated("ei mennyt kuin viikko", "fi")).toEqual(["mennyt", "kuin", "viikko"]);
    expect(negated("ei maksanut kuin 10 euroa", "fi")).toEqual(["maksanut", "kuin", "euroa"]);
  });
});
