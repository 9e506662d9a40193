import { describe, expect, it } from "vitest";
import { formbricksAnswers, formbricksMapping } from "./formbricks.ts";

const delivery = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  webhookId: "wh1",
  event: "responseFinished",
  data: { id: "r1", createdAt: "2026-11-30T09:00:00.000Z", surveyId: "s1", finished: true, data, ...extra },
});

describe("Formbricks responses → answers", () => {
  it("one answer per mapped score: the first keeps the response id and the comment", () => {
    const mapping = formbricksMapping.parse({ nps: "q-nps", csat: "q-csat", comment: "q-why" });
    const result = formbricksAnswers(delivery({ "q-nps": 9, "q-csat": 4, "q-why": "Nopeaa" }), mapping);
    expect(result).toMatchObject({
      ok: true,
      items: [
        { id: "r1", kind: "nps", score: 9, comment: "Nopeaa" },
        { id: "r1-csat", kind: "csat", score: 4 },
      ],
    });
    if (result.ok) expect(result.items[1]).not.toHaveProperty("comment");
  });

  it("fields come from hidden fields, then contact attributes; the customer from the contact", () => {
    const mapping = formbricksMapping.parse({ ces: "q-ces", team: "tiimi" });
    const result = formbricksAnswers(
      delivery(
        { "q-ces": 2, channel: "email" },
        { contact: { id: "c-9", userId: null }, contactAttributes: { tiimi: "Myynti" } },
      ),
      mapping,
    );
    expect(result).toMatchObject({
      ok: true,
      items: [{ id: "r1", kind: "ces", score: 2, team: "Myynti", channel: "email", customer_id: "c-9" }],
    });
  });

  it("a mapping must name a score; an unknown event or a missing id is a problem naming the field", () => {
    expect(formbricksMapping.safeParse({ comment: "q" }).success).toBe(false);
    expect(formbricksMapping.safeParse({ nps: "q", other: "x" }).success).toBe(false);
    const mapping = formbricksMapping.parse({ nps: "q" });
    expect(formbricksAnswers({ event: "surveyClosed", data: {} }, mapping)).toMatchObject({
      ok: false,
      problems: [{ field: "event" }, { field: "data.id" }, { field: "data.createdAt" }],
    });
  });
});
