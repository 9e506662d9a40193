import { describe, expect, it } from "vitest";
import { corpusTexts } from "../../../test/fixtures/analysis/corpus.ts";
import { hashFeature } from "../model/feature-hashing.ts";
import { loadModelSet } from "../model/model-set.ts";
import { MODELS_DIR } from "../model/models-dir.ts";
import { hashTokenFeatures } from "./feature-buckets.ts";
import { visitTokenFeatures } from "./features.ts";
import type { Lang } from "./language.ts";
import { normaliseSpoken } from "./spoken.ts";
import { tokenize } from "./tokenize.ts";

const texts = corpusTexts();
const lexicon = loadModelSet(MODELS_DIR).lexicon;

/** The definition: every feature string of features.ts, hashed one by one. */
function reference(text: string, lang: Lang, bits: number, withLexicon: boolean): Uint32Array {
  const out: number[] = [];
  const tokens = normaliseSpoken(tokenize(text), lang);
  const lex = withLexicon && (lang === "fi" || lang === "en") ? lexicon[lang] : undefined;
  visitTokenFeatures(tokens, lang, (f) => out.push(hashFeature(f, bits)), lex);
  return Uint32Array.from(out);
}

describe("hashTokenFeatures", () => {
  it("gives the buckets of the feature strings, in their order, for every language", () => {
    expect(texts.length).toBeGreaterThan(2000);
    // Odd texts: negations, emoji, compounds, placeholders, numbers, tone punctuation.
    const odd = [
      "Ei toiminut, asiakaspalvelu huono 😡 ei ei ei!!",
      "Soitin 3 kertaa [PHONE] www.x.fi a@b.fi ?! ei 😡 kiitos :) en saanut vastausta",
      "I didn't get any answer... not good, no refund :( never again!!",
      "",
      "…",
    ];
    for (const lang of ["fi", "en", "sv", "other"] as const) {
      for (const bits of [18, 12]) {
        for (const withLexicon of [true, false]) {
          for (const text of [...odd, ...texts]) {
            const tokens = normaliseSpoken(tokenize(text), lang);
            const lex = withLexicon && (lang === "fi" || lang === "en") ? lexicon[lang] : undefined;
            const got = hashTokenFeatures(tokens, lang, bits, lex);
            const want = reference(text, lang, bits, withLexicon);
            if (got.length !== want.length || got.some((b, i) => b !== want[i]))
              expect({ text, lang, bits, withLexicon, got: [...got] }).toEqual({
                text,
                lang,
                bits,
                withLexicon,
                got: [...want],
              });
          }
        }
      }
    }
  }, 120_000);

  it("returns its own array each time (the scratch buffer is not shared)", () => {
    const a = hashTokenFeatures(tokenize("lasku oli väärin"), "fi", 18);
    const copy = [...a];
    hashTokenFeatures(tokenize("toimitus myöhästyi taas kerran ja paketti katosi"), "fi", 18);
    expect([...a]).toEqual(copy);
  });
});
