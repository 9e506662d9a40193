import { describe, expect, it } from "vitest";
import { momentPins } from "./tone-arc-chart.tsx";

describe("momentPins: the arc's marked moments, one pin per turn", () => {
  it("gives the peak and the end a pin each when they are different turns", () => {
    expect(
      momentPins([
        { turn: 2, seq: 2, score: -0.9, kind: "peak" },
        { turn: 6, seq: 6, score: 0.4, kind: "end" },
      ]),
    ).toEqual([
      { turn: 2, score: -0.9, kinds: ["peak"] },
      { turn: 6, score: 0.4, kinds: ["end"] },
    ]);
  });

  it("gives a turn that is both the peak and the end one pin naming both", () => {
    expect(
      momentPins([
        { turn: 4, seq: 4, score: -0.8, kind: "peak" },
        { turn: 4, seq: 4, score: -0.8, kind: "end" },
      ]),
    ).toEqual([{ turn: 4, score: -0.8, kinds: ["peak", "end"] }]);
  });

  it("gives no pin when there is no moment", () => {
    expect(momentPins([])).toEqual([]);
  });
});
