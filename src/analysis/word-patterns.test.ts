import { describe, expect, it } from "vitest";
import type { Taxonomy } from "./model/model-set.ts";
import { parsePattern, WordPatterns } from "./word-patterns.ts";

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

describe("WordPatterns", () => {
  const p = new WordPatterns(taxonomy.themes);

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

  it("parses wildcards into word matchers", () => {
    expect(parsePattern("*lasku* on")).toEqual([
      { kind: "contains", core: "lasku" },
      { kind: "exact", core: "on" },
    ]);
    expect(parsePattern("Invoice* *maksu")).toEqual([
      { kind: "prefix", core: "invoice" },
      { kind: "suffix", core: "maksu" },
    ]);
  });

  it("finds overlapping infixes and suffix patterns, and hyphenated words", () => {
    const t = {
      version: "t",
      groups: [],
      themes: [
        {
          id: "a",
          group: "g",
          name: { fi: "A", en: "A" },
          patterns: { fi: ["*laskutus*"], en: ["e-invoice*"] },
        },
        { id: "b", group: "g", name: { fi: "B", en: "B" }, patterns: { fi: ["*lasku*", "*maksu"], en: [] } },
      ],
    } as unknown as Taxonomy;
    const q = new WordPatterns(t.themes);
    expect(q.match("sähkölaskutusvirhe", "fi")).toEqual(["a", "b"]);
    expect(q.match("kuukausimaksu", "fi")).toEqual(["b"]);
    expect(q.match("kuukausimaksut", "fi")).toEqual([]);
    expect(q.match("My e-invoices are missing", "en")).toEqual(["a"]);
    expect(q.match("My invoices are missing", "en")).toEqual([]);
  });
});
