import { describe, expect, it } from "vitest";
import { lexiconFeature, SentimentLexicon } from "./sentiment-lexicon.ts";

describe("SentimentLexicon", () => {
  const lex = new SentimentLexicon({
    "turhautu*": -2,
    "tyytyväi*": 2,
    "tyytymätön*": -2,
    kiva: 1,
    "*virhe*": -1,
    ok: 0,
  });

  it("matches exact words, the longest prefix, and infixes inside compounds", () => {
    expect(lex.score("turhautuneena")).toBe(-2);
    expect(lex.score("kiva")).toBe(1);
    expect(lex.score("kivaa")).toBe(0);
    expect(lex.score("tyytymättömänä")).toBe(0);
    expect(lex.score("tyytymätön")).toBe(-2);
    expect(lex.score("laskutusvirheestä")).toBe(-1);
    expect(lex.score("ok")).toBe(0);
  });

  it("turns polarities into a few shared features", () => {
    expect(lexiconFeature(-3)).toBe("LEX_NEG2");
    expect(lexiconFeature(1)).toBe("LEX_POS");
    expect(lexiconFeature(0)).toBeNull();
  });
});
