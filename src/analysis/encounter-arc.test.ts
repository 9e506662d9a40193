import { describe, expect, it } from "vitest";
import { encounterArc } from "./encounter-arc.ts";

const c = (score: number) => ({ speaker: "customer", score });
const a = (score: number) => ({ speaker: "agent", score });

describe("encounterArc", () => {
  it("finds a recovery, its low and high, and the peak and end moments from customer turns only", () => {
    const { arc, moments } = encounterArc([c(-0.8), a(0.3), c(-0.3), a(0.5), c(0.6)]);
    expect(arc.start).toEqual({ turn: 0, score: -0.8 });
    expect(arc.end).toEqual({ turn: 4, score: 0.6 });
    expect(arc.low?.turn).toBe(0);
    expect(arc.high?.turn).toBe(4);
    expect(arc.trajectory).toBe("recovered");
    expect(moments).toEqual([
      { turn: 0, kind: "peak", score: -0.8 },
      { turn: 4, kind: "end", score: 0.6 },
    ]);
  });

  it("calls a fall from calm to angry deteriorated, and small wobbles steady", () => {
    expect(encounterArc([c(0.1), a(0), c(-0.7)]).arc.trajectory).toBe("deteriorated");
    expect(encounterArc([c(-0.1), a(0), c(0.1)]).arc.trajectory).toBe("steady");
  });

  it("handles encounters without customer turns and single-turn encounters", () => {
    expect(encounterArc([a(0.5)])).toEqual({
      arc: { start: null, end: null, low: null, high: null, trajectory: "steady" },
      moments: [],
    });
    const one = encounterArc([c(-0.9)]);
    expect(one.arc.trajectory).toBe("steady");
    expect(one.moments.map((m) => m.kind)).toEqual(["peak", "end"]);
  });
});
