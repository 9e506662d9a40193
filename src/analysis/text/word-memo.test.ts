import { describe, expect, it } from "vitest";
import { memoByWord } from "./word-memo.ts";

describe("memoByWord", () => {
  it("computes a word once and answers it again from memory", () => {
    const seen: string[] = [];
    const upper = memoByWord((w) => {
      seen.push(w);
      return w.toUpperCase();
    });
    expect([upper("lasku"), upper("lasku"), upper("vika"), upper("lasku")]).toEqual([
      "LASKU",
      "LASKU",
      "VIKA",
      "LASKU",
    ]);
    expect(seen).toEqual(["lasku", "vika"]);
  });

  it("holds at most its size: when full it starts over, and answers stay the same", () => {
    const seen: string[] = [];
    const length = memoByWord((w) => {
      seen.push(w);
      return w.length;
    }, 2);
    expect(["a", "bb", "ccc", "a"].map(length)).toEqual([1, 2, 3, 1]);
    // "ccc" found it full and emptied it, so "a" was computed again.
    expect(seen).toEqual(["a", "bb", "ccc", "a"]);
  });
});
