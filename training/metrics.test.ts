import { describe, expect, it } from "vitest";
import { f1Scores, multilabelF1 } from "./metrics.ts";

describe("f1Scores", () => {
  it("matches a hand-computed macro-F1", () => {
    // a: tp=2 fp=1 fn=0 → P=2/3 R=1 F1=0.8; b: tp=1 fp=0 fn=1 → P=1 R=.5 F1=2/3
    const r = f1Scores(["a", "b"], ["a", "a", "b", "b"], ["a", "a", "b", "a"]);
    expect(r.perClass[0]?.f1).toBeCloseTo(0.8, 10);
    expect(r.perClass[1]?.f1).toBeCloseTo(2 / 3, 10);
    expect(r.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 10);
    expect(r.accuracy).toBe(0.75);
  });
});

describe("multilabelF1", () => {
  it("scores each label as its own yes/no decision", () => {
    const r = multilabelF1(["x", "y"], [["x"], ["x", "y"], []], [["x"], ["x"], ["y"]]);
    // x: tp=2 → F1 1; y: tp=0 fp=1 fn=1 → F1 0
    expect(r.perClass.map((c) => c.f1)).toEqual([1, 0]);
    expect(r.macroF1).toBe(0.5);
    expect(r.microF1).toBeCloseTo((2 * 2) / (2 * 2 + 1 + 1), 10);
  });
});
