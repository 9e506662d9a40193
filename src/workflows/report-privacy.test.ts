import { describe, expect, it } from "vitest";
import { hideSmallGroups } from "./report-privacy.ts";

const hide = (g: { group: string; n: number }) => ({ group: g.group, suppressed: true as const });
const groups = (...ns: number[]) => ns.map((n, i) => ({ group: `g${i}`, n }));

describe("hideSmallGroups", () => {
  it("hides groups below the floor, and the next smallest while the hidden ones could be recovered from the total", () => {
    const out = hideSmallGroups(groups(57, 3, 20), (g) => g.n, 5, hide, { complement: true });
    expect(out).toEqual([{ group: "g0", n: 57 }, hide({ group: "g1", n: 3 }), hide({ group: "g2", n: 20 })]);
  });

  it("needs no complement when the hidden groups together reach the floor", () => {
    const out = hideSmallGroups(groups(57, 3, 2, 20), (g) => g.n, 5, hide, { complement: true });
    expect(out.filter((g) => "suppressed" in g).map((g) => g.group)).toEqual(["g1", "g2"]);
  });

  it("keeps empty groups (no one's answer) and leaves overlapping groups without a complement", () => {
    expect(hideSmallGroups(groups(0, 9), (g) => g.n, 5, hide, { complement: true })).toEqual(groups(0, 9));
    const out = hideSmallGroups(groups(4, 9), (g) => g.n, 5, hide, { complement: false });
    expect(out).toEqual([hide({ group: "g0", n: 4 }), { group: "g1", n: 9 }]);
  });
});
