import { describe, expect, it } from "vitest";
import { readEffect } from "./initiatives-types.ts";

/** The effect route (GET /initiatives/{id}/effect) is read defensively: what it says is shown, nothing else. */
describe("reading a done initiative's measured effect", () => {
  it("takes the difference-in-differences, the theme share and the statement of the route's answer", () => {
    // The wire shape of src/server/initiative-effect-routes.ts (EffectResult), abridged.
    const answer = {
      initiative: { id: "i1", title: "Laskut", themeIds: ["billing"], themes: [] },
      doneOn: "2025-09-01",
      effect: { estimate: 6.2, low: 1.1, high: 11.3, se: 2.6 },
      preTrend: { estimate: 0.4, low: -3, high: 3.8, verdict: "no measurable change" },
      themeShare: {
        before: { value: 14.2, low: 12, high: 16.5, n: 800 },
        after: { value: 9.8, low: 8, high: 11.9, n: 760 },
        mentions: { before: 114, after: 74 },
        change: { estimate: -4.4, low: -7.5, high: -1.3, pValue: 0.006 },
        significant: true,
      },
      verdict: "improved",
      method: "difference-in-differences",
      text: { fi: "NPS parani.", en: "NPS improved." },
      caveats: [{ id: "x", text: { fi: "Varovasti.", en: "With care." } }],
    };
    expect(readEffect(answer)).toEqual({
      estimate: 6.2,
      low: 1.1,
      high: 11.3,
      verdict: "improved",
      text: { fi: "NPS parani.", en: "NPS improved." },
      share: { before: 14.2, after: 9.8, change: -4.4, low: -7.5, high: -1.3 },
      caveats: [{ fi: "Varovasti.", en: "With care." }],
    });
    // The workflow's own shape (the estimate under did.effect, the share as answerShare) reads the same.
    const { effect, themeShare, ...rest } = answer;
    expect(readEffect({ ...rest, did: { effect, verdict: "improved" }, answerShare: themeShare })).toEqual(
      readEffect(answer),
    );
  });

  it("takes the flat shape the brief first named, and says the data cannot tell with null figures", () => {
    expect(
      readEffect({
        estimate: null,
        low: null,
        high: null,
        method: "did",
        verdict: "not enough data",
        text: { fi: "Ei voi sanoa.", en: "Cannot tell." },
      }),
    ).toMatchObject({
      estimate: null,
      verdict: "not enough data",
      text: { en: "Cannot tell." },
      share: null,
    });
  });

  it("shows nothing for an answer it does not understand", () => {
    expect(readEffect(null)).toBeNull();
    expect(readEffect("effect")).toBeNull();
    expect(readEffect({ error: { code: "not_found" } })).toBeNull();
    expect(readEffect({ estimate: "big", text: 5 })).toBeNull();
  });
});
