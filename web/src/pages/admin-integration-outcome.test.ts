import { describe, expect, it } from "vitest";
import { IGNORE_CODES } from "../../../src/ingest/sources/ignore-reasons.ts";
import { en } from "../i18n/en.ts";
import { fi } from "../i18n/fi.ts";
import { translator } from "../i18n/translate.ts";
import { outcomeText } from "./admin-integration-outcome.ts";

const tFi = translator(fi);
const tEn = translator(en);
const PARAMS = { event: "contact_created", type: "activity", status: "pending", score: "offered" };

describe("an ignored delivery's reason in the admin page's language", () => {
  it("words every ignore code in Finnish and English, its parameters filled in", () => {
    for (const code of IGNORE_CODES) {
      const d = { outcome: "ignored: the English reason", counts: null, code, params: PARAMS };
      const finnish = outcomeText(tFi, d);
      const english = outcomeText(tEn, d);
      expect(finnish, code).toMatch(/^ohitettu: \S/);
      expect(english, code).toMatch(/^ignored: \S/);
      expect(finnish, code).not.toBe(english);
      expect(`${finnish} ${english}`, code).not.toMatch(/[{}]/);
    }
    expect(
      outcomeText(tFi, {
        outcome: "ignored: status pending",
        code: "conversation.not_resolved",
        params: { status: "pending" },
      }),
    ).toBe("ohitettu: keskustelua ei ole ratkaistu (tila pending)");
    expect(
      outcomeText(tFi, {
        outcome: "ignored: private note (never stored)",
        code: "message.private_note",
        params: {},
      }),
    ).toBe("ohitettu: yksityinen muistiinpano (ei koskaan tallenneta)");
  });

  it("shows the stored English text when there is no code or one this page does not know", () => {
    expect(outcomeText(tFi, { outcome: "ignored: something new", code: "message.deleted", params: {} })).toBe(
      "ignored: something new",
    );
    expect(outcomeText(tFi, { outcome: "ignored: from before", code: null, params: null })).toBe(
      "ignored: from before",
    );
    // Counts win over a code: a stored delivery is worded by what it wrote.
    expect(
      outcomeText(tFi, {
        outcome: "stored: responses: 1 new",
        counts: { responses: { new: 1, updated: 0, unchanged: 0, rejected: 0 } },
        code: null,
      }),
    ).not.toContain("stored:");
  });
});
