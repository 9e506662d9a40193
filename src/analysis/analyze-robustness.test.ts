import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedTaxonomy } from "../ingest/workspace-taxonomy.ts";
import { loadDefaultAnalyzer } from "./default-analyzer.ts";

/**
 * Whatever a customer writes, the analysis answers: no exception, labels from the catalogues, finite
 * scores, sentence spans inside the redacted text. Texts are drawn from pieces real messages have
 * (Finnish and English words, spoken forms, numbers, e-mail addresses, emoji, quoted replies,
 * signatures, line breaks) and from words every JavaScript object answers to ("constructor",
 * "toString", "__proto__"): a lookup table kept in a plain object once ended the analysis of any text
 * with "constructor" in it.
 */
const analyzer = loadDefaultAnalyzer();
const TONES = new Set(["negative", "neutral", "positive"]);
const themeIds = new Set(shippedTaxonomy().themes.map((t) => t.id));

const OBJECT_WORDS = [...Object.getOwnPropertyNames(Object.prototype), "prototype", "then", "length", "name"];
const WORDS = [
  ...OBJECT_WORDS,
  "lasku",
  "laskussa",
  "jonotin",
  "tunnin",
  "mä",
  "ei",
  "oo",
  "niinku",
  "öö",
  "kiitos",
  "huono",
  "palvelu",
  "the",
  "bill",
  "was",
  "wrong",
  "not",
  "waited",
  "hours",
  "thanks",
  "um",
  "great",
  "service",
  "040 123 4567",
  "matti.meikalainen@example.com",
  "FI21 1234 5600 0007 85",
  "12,50 €",
  "😡",
  "🙂",
  ":)",
  "!!",
  "?",
  "...",
  ".",
  ",",
  "\n",
  "\n> ",
  "\n-- \n",
  "Lähetetty iPhonesta",
  "Ystävällisin terveisin",
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 120 })
  .map((parts) => parts.join(" "));

describe("analysis of any text", () => {
  it("answers with catalogue labels and finite scores, in both languages and for customers and agents", () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("fi" as const, "en" as const),
        fc.constantFrom("customer" as const, "agent" as const),
        (t, lang, speaker) => {
          const a = analyzer.analyzeText(t, lang, { speaker });
          expect(TONES.has(a.tone.label)).toBe(true);
          expect(Number.isFinite(a.tone.score) && Number.isFinite(a.tone.confidence)).toBe(true);
          for (const th of a.themes) {
            expect(themeIds.has(th.id), th.id).toBe(true);
            expect(TONES.has(th.polarity)).toBe(true);
            expect(Number.isFinite(th.score)).toBe(true);
          }
          for (const e of a.emotions) expect(Number.isFinite(e.score)).toBe(true);
          for (const s of a.sentences ?? []) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(a.redacted.length);
            expect(s.start).toBeLessThan(s.end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a word every object answers to as a word", () => {
    for (const word of OBJECT_WORDS)
      for (const lang of ["fi", "en"] as const) {
        const a = analyzer.analyzeText(`${word} ${word}, jonotin ${word} tunnin ja lasku oli väärin`, lang);
        expect(TONES.has(a.tone.label), word).toBe(true);
      }
  });
});
