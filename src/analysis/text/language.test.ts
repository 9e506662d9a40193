import { describe, expect, it } from "vitest";
import { detectLanguage, detectLanguages } from "./language.ts";

describe("detectLanguage edge cases", () => {
  it("says other with confidence 0 when there are no letters", () => {
    for (const t of ["", "   ", "😡😡😡", "👍", "123 456", "12,50 €", "!!!", "[]"]) {
      expect(detectLanguage(t), JSON.stringify(t)).toEqual({ lang: "other", confidence: 0 });
    }
  });

  it("says other for non-Latin scripts and for German and Estonian", () => {
    expect(detectLanguage("У меня проблема со счетом").lang).toBe("other");
    expect(detectLanguage("请帮我查一下账单").lang).toBe("other");
    expect(detectLanguage("Ich habe meine Rechnung nicht bekommen").lang).toBe("other");
    expect(detectLanguage("Mul on probleem arvega ja keegi ei vasta").lang).toBe("other");
  });

  it("ignores emoji, numbers and placeholders around the words", () => {
    expect(detectLanguage("😡😡 lasku 250 € ja kukaan ei vastaa [PHONE]").lang).toBe("fi");
    expect(detectLanguage("👍 thanks, all sorted 👍").lang).toBe("en");
  });

  it("returns the dominant language of a mixed line", () => {
    expect(detectLanguage("Kiitos, thanks for the help, really appreciated").lang).toBe("en");
    expect(detectLanguage("Laskussa on taas virhe, please fix").lang).toBe("fi");
    expect(detectLanguage("Hei! Jag har en fråga om min faktura").lang).toBe("sv");
  });

  it("gives lower confidence to very short texts than to sentences", () => {
    const short = detectLanguage("kiitos");
    const long = detectLanguage("kiitos nopeasta avusta, asia ratkesi heti");
    expect(short.lang).toBe("fi");
    expect(short.confidence).toBeLessThan(long.confidence);
    expect(long.confidence).toBeGreaterThan(0.9);
    expect(long.confidence).toBeLessThanOrEqual(1);
  });

  it("reads common two- and three-word replies", () => {
    expect(detectLanguage("ei toimi").lang).toBe("fi");
    expect(detectLanguage("kiitti paljon").lang).toBe("fi");
    expect(detectLanguage("not working").lang).toBe("en");
    expect(detectLanguage("thank you!").lang).toBe("en");
    expect(detectLanguage("tack så mycket").lang).toBe("sv");
    expect(detectLanguage("fungerar inte").lang).toBe("sv");
  });

  it("is fast and handles 100k characters", () => {
    const text = "Laskussa on virhe ja sovellus kaatuu aina. ".repeat(2400);
    expect(text.length).toBeGreaterThan(100_000);
    expect(detectLanguage(text)).toEqual({ lang: "fi", confidence: 1 });
  });
});

describe("detectLanguages", () => {
  it("gives per-turn results and the majority by letters", () => {
    const result = detectLanguages([
      { text: "Hei, laskussa on virhe, se on aivan liian suuri tältä kuulta" },
      { text: "Hello, how can I help you with the invoice today?" },
      "Voitteko tarkistaa sen ja korjata",
    ]);
    expect(result.turns.map((t) => t.lang)).toEqual(["fi", "en", "fi"]);
    expect(result.lang).toBe("fi");
    expect(result.mixed).toBe(true);
    expect(result.shares.fi).toBeGreaterThan(result.shares.en);
    expect(result.shares.fi + result.shares.en + result.shares.sv + result.shares.other).toBeCloseTo(1, 2);
  });

  it("is not mixed when one language holds nearly all letters", () => {
    const result = detectLanguages([
      "Paketti ei ole tullut perille vaikka se lähetettiin kaksi viikkoa sitten",
      "Pahoittelut, tarkistan asian heti ja palaan teille tänään",
      "ok 👍",
    ]);
    expect(result.lang).toBe("fi");
    expect(result.mixed).toBe(false);
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it("says other for an empty encounter or one without words", () => {
    expect(detectLanguages([])).toMatchObject({ lang: "other", confidence: 0, mixed: false, turns: [] });
    expect(detectLanguages(["👍", "123"]).lang).toBe("other");
  });
});
