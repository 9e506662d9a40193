import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "../i18n/en.ts";
import { fi } from "../i18n/fi.ts";
import type { Translate } from "../i18n/i18n-context.tsx";
import { intervalsPending, intervalWords } from "./interval-text.tsx";

const translator =
  (dictionary: Record<MessageKey, string>): Translate =>
  (key) =>
    dictionary[key];
const fmt = (v: number | null | undefined) => (v == null ? "–" : v.toFixed(1));

describe("an interval being computed, in words", () => {
  it("reads the report's pending mark, and nothing else, as pending", () => {
    expect(intervalsPending({ intervals: "pending" })).toBe(true);
    expect(intervalsPending({})).toBe(false);
    expect(intervalsPending({ intervals: "stored" })).toBe(false);
  });

  it("says the interval is being computed instead of '– … –', and gives the ends once they are there", () => {
    expect(intervalWords(translator(fi), true, null, null, fmt)).toBe(
      "95 %:n luottamusväliä lasketaan vielä",
    );
    expect(intervalWords(translator(en), true, null, null, fmt)).toBe("95% interval still being computed");
    expect(intervalWords(translator(fi), true, -8.8, -2.1, fmt)).toBe("-8.8 … -2.1");
    expect(intervalWords(translator(fi), false, -8.8, -2.1, fmt)).toBe("-8.8 … -2.1");
    // Not pending: a missing end is the estimate's own (too few answers), shown as it always was.
    expect(intervalWords(translator(fi), false, null, null, fmt)).toBe("– … –");
  });
});
