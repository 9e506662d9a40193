import { afterAll, describe, expect, it } from "vitest";
import { setFinnishDiacritics } from "./fi-diacritics.ts";
import { normaliseSpoken } from "./spoken.ts";
import { tokenize } from "./tokenize.ts";

const fold = (text: string, lang = "fi") => normaliseSpoken(tokenize(text), lang).map((t) => t.text);

describe("normaliseSpoken", () => {
  it("keeps words that name what every object inherits ('constructor') as they are, in either language", () => {
    // These were looked up as object keys and answered with a function, which ended the analysis.
    expect(fold("the constructor never called", "en")).toEqual(["the", "constructor", "never", "called"]);
    expect(fold("constructor ei soittanut", "fi")).toEqual(["constructor", "ei", "soittanut"]);
    expect(fold("constructorkin tuli", "fi")).toEqual(["constructorkin", "tuli"]);
  });

  it("folds spoken Finnish to the written forms and drops fillers", () => {
    expect(fold("öö mä en oo saanu laskua")).toEqual(["minä", "en", "ole", "saanut", "laskua"]);
    expect(fold("niinku sit ku mä soitin nii se katkes")).toEqual([
      "sitten",
      "kun",
      "minä",
      "soitin",
      "niin",
      "se",
      "katkes",
    ]);
    expect(fold("mun pitää maksaa kahen kuukauden lasku")).toEqual([
      "minun",
      "pitää",
      "maksaa",
      "kahden",
      "kuukauden",
      "lasku",
    ]);
  });

  it("folds dialect pronouns and keeps clitics", () => {
    expect(fold("mie en tiiä")).toEqual(["minä", "en", "tiedä"]);
    expect(fold("mäkin soitin, mullakaan ei toiminu")).toEqual([
      "minäkin",
      "soitin",
      ",",
      "minullakaan",
      "ei",
      "toiminut",
    ]);
  });

  it("leaves nouns in -lu/-ly alone", () => {
    expect(fold("hyvä palvelu ja kysely")).toEqual(["hyvä", "palvelu", "ja", "kysely"]);
  });

  it("leaves written words that look like spoken forms alone", () => {
    expect(fold("huono sää ja musta puhelin, kuljettaja toi paketin")).toEqual([
      "huono",
      "sää",
      "ja",
      "musta",
      "puhelin",
      ",",
      "kuljettaja",
      "toi",
      "paketin",
    ]);
  });

  it("expands spoken English contractions and drops fillers", () => {
    expect(fold("um I'm gonna cancel, dunno why it's so slow", "en")).toEqual([
      "i'm",
      "going",
      "to",
      "cancel",
      ",",
      "don't",
      "know",
      "why",
      "it's",
      "so",
      "slow",
    ]);
  });

  it("puts back the apostrophe of contractions typed or transcribed without it, and only of those", () => {
    expect(fold("yeah ive called twice and they didnt call back, thats why im upset", "en")).toEqual([
      "yeah",
      "i've",
      "called",
      "twice",
      "and",
      "they",
      "didn't",
      "call",
      "back",
      ",",
      "that's",
      "why",
      "i'm",
      "upset",
    ]);
    // Each of these is also a word of its own: left as typed.
    expect(fold("its well were ill lets id wed", "en")).toEqual([
      "its",
      "well",
      "were",
      "ill",
      "lets",
      "id",
      "wed",
    ]);
    // Finnish is not touched by the English table.
    expect(fold("dont im", "fi")).toEqual(["dont", "im"]);
  });

  it("keeps each folded token's offsets on the words that were said", () => {
    const text = "öö mä en oo";
    const tokens = normaliseSpoken(tokenize(text), "fi");
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["mä", "en", "oo"]);
  });

  it("changes nothing for other languages", () => {
    expect(fold("jag är mä", "sv")).toEqual(["jag", "är", "mä"]);
  });
});

describe("Finnish typed without ä/ö/å", () => {
  afterAll(() => setFinnishDiacritics(null));

  it("restores the forms a table names, before the spoken forms are folded, keeping offsets", () => {
    setFinnishDiacritics({ loyda: "löydä", sita: "sitä", mistaan: "mistään", ma: "mä", tiia: "tiiä" });
    expect(fold("en loyda sita mistaan")).toEqual(["en", "löydä", "sitä", "mistään"]);
    // Restored, then folded as the spoken form it is ("mä" → "minä", "tiiä" → "tiedä").
    expect(fold("ma en tiia")).toEqual(["minä", "en", "tiedä"]);
    const text = "en loyda sita";
    expect(normaliseSpoken(tokenize(text), "fi").map((t) => text.slice(t.start, t.end))).toEqual([
      "en",
      "loyda",
      "sita",
    ]);
  });

  it("leaves a text that has any ä, ö or å as typed: its plain a's and o's are meant", () => {
    setFinnishDiacritics({ sita: "sitä", ala: "älä" });
    expect(fold("ala on tämä")).toEqual(["ala", "on", "tämä"]);
    expect(fold("sita en ymmärrä")).toEqual(["sita", "en", "ymmärrä"]);
  });

  it("takes the whole text's answer for a sentence of it", () => {
    setFinnishDiacritics({ sita: "sitä", ala: "älä" });
    // A sentence without ä/ö of a text typed with them: kept as typed.
    expect(normaliseSpoken(tokenize("ala on laaja"), "fi", false).map((t) => t.text)).toEqual([
      "ala",
      "on",
      "laaja",
    ]);
    // And one of a text typed without them, restored.
    expect(normaliseSpoken(tokenize("ala tee sita"), "fi", true).map((t) => t.text)).toEqual([
      "älä",
      "tee",
      "sitä",
    ]);
  });

  it("restores nothing without a table, nor in English", () => {
    setFinnishDiacritics({ sita: "sitä" });
    expect(fold("sita", "en")).toEqual(["sita"]);
    setFinnishDiacritics(null);
    expect(fold("en loyda sita")).toEqual(["en", "loyda", "sita"]);
  });
});
