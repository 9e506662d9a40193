import { describe, expect, it } from "vitest";
import { estimateOf } from "./score-reports.ts";

describe("estimateOf", () => {
  it("computes CSAT as the share of 4–5 answers and CES as the mean, warning on small samples", () => {
    const csat = estimateOf("csat", [0, 2, 1, 1, 3, 3]); // 6 of 10 answered 4–5
    expect(csat.value).toBe(60);
    expect(csat.warning).toMatch(/only 10 answers/);
    const ces = estimateOf("ces", [0, 0, 0, 0, 0, 20, 20, 0]); // 20×5, 20×6
    expect(ces.value).toBe(5.5);
    expect(ces.warning).toBeUndefined();
    expect(estimateOf("ces", []).warning).toBe("no answers");
  });

  it("computes NPS and eNPS the same way", () => {
    const counts = [5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 10];
    expect(estimateOf("enps", counts)).toEqual(estimateOf("nps", counts));
    expect(estimateOf("nps", counts).value).toBe(50);
  });
});
