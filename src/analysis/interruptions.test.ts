import { describe, expect, it } from "vitest";
import { findInterruptions } from "./interruptions.ts";

const words = (n: number) => Array.from({ length: n }, () => "sana").join(" ");

describe("findInterruptions", () => {
  it("flags an agent who starts before the customer could have finished", () => {
    const turns = [
      { speaker: "customer", text: words(14), offsetSeconds: 10 },
      { speaker: "agent", text: "Joo joo, mutta kuunnelkaa nyt", offsetSeconds: 11.5 },
    ];
    expect(findInterruptions(turns)).toEqual([1]);
  });

  it("does not flag an agent who waits for a plausible end, nor turns without timestamps", () => {
    expect(
      findInterruptions([
        { speaker: "customer", text: words(14), offsetSeconds: 10 },
        { speaker: "agent", text: "Ymmärrän.", offsetSeconds: 15 },
      ]),
    ).toEqual([]);
    expect(
      findInterruptions([
        { speaker: "customer", text: words(14) },
        { speaker: "agent", text: "Ymmärrän." },
      ]),
    ).toEqual([]);
  });

  it("only looks at agents answering customers", () => {
    expect(
      findInterruptions([
        { speaker: "agent", text: words(20), offsetSeconds: 0 },
        { speaker: "customer", text: "Hetkinen", offsetSeconds: 1 },
      ]),
    ).toEqual([]);
  });
});
