import { describe, expect, it } from "vitest";
import type { Taxonomy } from "./model/model-set.ts";
import { patternSource, ThemePatterns } from "./theme-patterns.ts";

const taxonomy = {
  version: "t",
  groups: [],
  themes: [
    {
      id: "billing",
      group: "g",
      name: { fi: "Laskutus", en: "Billing" },
      patterns: { fi: ["*lasku*"], en: ["invoice*", "double charge*"] },
    },
    {
      id: "waiting",
      group: "g",
      name: { fi: "Jonotus", en: "Waiting" },
      patterns: { fi: ["jono*", "odot*"], en: ["on hold"] },
    },
  ],
} as unknown as Taxonomy;

describe("ThemePatterns", () => {
  const p = new ThemePatterns(taxonomy);

  it("matches inflected and compound Finnish words through wildcards", () => {
    expect(p.match("Sähkölaskussani on virhe", "fi")).toEqual(["billing"]);
    expect(p.match("Jonotin ja odotin tunnin, lasku oli väärä", "fi")).toEqual(["billing", "waiting"]);
  });

  it("matches multi-word patterns only on consecutive words", () => {
    expect(p.match("I got a double charge on my card", "en")).toEqual(["billing"]);
    expect(p.match("double the charge", "en")).toEqual([]);
    expect(p.match("I was on hold forever", "en")).toEqual(["waiting"]);
  });

  it("does not let a wildcard cross a word or match mid-word without one", () => {
    expect(p.match("holdings", "en")).toEqual([]);
    expect(p.match("jonkin verran", "fi")).toEqual([]);
    expect(p.match("", "fi")).toEqual([]);
  });

  it("escapes regex characters in patterns", () => {
    expect(patternSource("a.b*")).toBe("a\\.b[^ ]*");
    expect(patternSource("*x y*")).toBe("[^ ]*x y[^ ]*");
  });
});
