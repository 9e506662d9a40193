import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODELS_DIR } from "./default-analyzer.ts";
import type { Taxonomy } from "./model/model-set.ts";
import { patternProblem, taxonomyProblems } from "./taxonomy-check.ts";

const shipped = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "taxonomy.json"), "utf8")) as Taxonomy;

describe("patternProblem", () => {
  it("accepts the pattern syntax of word-patterns.ts", () => {
    for (const p of ["lasku*", "*lasku*", "*maksu", "double charge*", "kesti kauan", "112"])
      expect(patternProblem(p)).toBeNull();
  });

  it("refuses patterns that can never match or would match everything", () => {
    const code = (p: string) => patternProblem(p)?.code;
    expect(code("")).toBe("empty");
    expect(code("la*sku")).toBe("inner_wildcard");
    expect(code("*")).toBe("bare_wildcard");
    expect(code("*ab*")).toBe("short_wildcard");
    expect(code("24-hour line")).toBe("split");
    expect(patternProblem("huonoooo")?.reason).toMatch(/read as “huonoo”/);
    expect(code("a b c d e f g")).toBe("too_many_words");
  });
});

describe("taxonomyProblems", () => {
  it("lets the shipped taxonomy be saved back unchanged", () => {
    expect(taxonomyProblems(shipped.themes, shipped)).toEqual([]);
  });

  it("names the theme and the pattern of each problem, and missing or unknown themes", () => {
    const [first, ...rest] = shipped.themes;
    if (!first) throw new Error("no themes");
    const edited = { ...first, patterns: { ...first.patterns, fi: ["la*sku"] } };
    const problems = taxonomyProblems([edited, ...rest.slice(1), { ...first, id: "nope" }], shipped);
    expect(problems).toContainEqual(
      expect.objectContaining({ theme: first.id, lang: "fi", pattern: "la*sku" }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ theme: "nope" }));
    expect(problems).toContainEqual(
      expect.objectContaining({ theme: rest[0]?.id, reason: expect.stringMatching(/missing/) }),
    );
  });
});
