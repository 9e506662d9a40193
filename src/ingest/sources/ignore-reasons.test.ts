import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { chatwootAction } from "./chatwoot.ts";
import { formbricksAnswers, formbricksMapping } from "./formbricks.ts";
import { IGNORE_CODES, type IgnoreCode, knownIgnoreCode } from "./ignore-reasons.ts";
import { zendeskAction } from "./zendesk.ts";
import { NO_NAMES, ratingAnswer, ratingShape } from "./zendesk-records.ts";

/**
 * Each way a vendor adapter ignores a delivery yields its stable code and parameters beside the
 * English reason. The two ignore paths that need the database (a resolved Chatwoot conversation with
 * no stored message, a Zendesk ticket stored before) are held by the integration tests of the hook
 * route (integrations-chatwoot, integrations-zendesk-webhook), on both databases.
 */
const NOW = "2026-11-30T12:00:00.000Z";
// Chatwoot's documented message_created delivery (the hook route's tests send the same file).
const messageFixture = JSON.parse(
  fs.readFileSync(new URL("../../../test/fixtures/chatwoot/message-created.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const message = (over: Record<string, unknown>) => ({ ...messageFixture, ...over });
const conversation = messageFixture.conversation as Record<string, unknown>;

type Why = { code: IgnoreCode; params: Record<string, string>; reason: string };
function ignoredWhy(action: { type: string } & Partial<Why>): Why {
  expect(action.type).toBe("ignore");
  return { code: action.code as IgnoreCode, params: action.params ?? {}, reason: action.reason ?? "" };
}

const chatwoot = (payload: unknown) => ignoredWhy(chatwootAction(payload, {}, NOW));
const zendesk = (payload: unknown) => ignoredWhy(zendeskAction(payload, {}));
const seen = new Set<IgnoreCode>(["conversation.nothing_stored", "ticket.stored_before"]);
const expectWhy = (why: Why, code: IgnoreCode, params: Record<string, string>, reason: RegExp) => {
  expect({ code: why.code, params: why.params }).toEqual({ code, params });
  expect(why.reason).toMatch(reason);
  seen.add(code);
};

describe("ignored deliveries carry a stable code", () => {
  it("Chatwoot: each message and conversation path that stores nothing", () => {
    expectWhy(chatwoot(message({ private: true })), "message.private_note", {}, /^private note/);
    expectWhy(
      chatwoot(message({ message_type: "activity" })),
      "message.not_a_turn",
      { type: "activity" },
      /^activity message \(not a turn\)$/,
    );
    expectWhy(chatwoot(message({ message_type: 9 })), "message.not_a_turn", { type: "unknown" }, /^unknown/);
    expectWhy(chatwoot(message({ content: "  " })), "message.no_text", {}, /attachment only/);
    expectWhy(chatwoot(message({ created_at: "eilen" })), "message.bad_time", {}, /not a time/);
    expectWhy(
      chatwoot(message({ event: "message_updated", content_type: "text" })),
      "message.update_without_csat",
      {},
      /without a CSAT answer/,
    );
    expectWhy(
      chatwoot({ event: "message_created", id: 1 }),
      "payload.unexpected",
      { event: "message_created" },
      /^unexpected message_created payload: /,
    );
    expectWhy(
      chatwoot({ ...conversation, event: "conversation_status_changed", status: "pending" }),
      "conversation.not_resolved",
      { status: "pending" },
      /^status pending$/,
    );
    expectWhy(
      chatwoot({ event: "conversation_resolved" }),
      "payload.unexpected",
      { event: "conversation_resolved" },
      /^unexpected conversation_resolved payload: /,
    );
    expectWhy(
      chatwoot({ event: "contact_created" }),
      "event.not_used",
      { event: "contact_created" },
      /is not used$/,
    );
    expectWhy(chatwoot({}), "event.not_used", { event: "(none)" }, /^event \(none\) is not used$/);
  });

  it("Zendesk: other events, malformed bodies, tickets without a description, ratings not answered", () => {
    expectWhy(
      zendesk({ type: "zen:event-type:ticket.comment_added" }),
      "event.not_used",
      { event: "zen:event-type:ticket.comment_added" },
      /comments come with the pull/,
    );
    expectWhy(
      zendesk({ satisfaction_rating: { score: "good" } }),
      "payload.unexpected",
      { event: "satisfaction_rating" },
      /^unexpected satisfaction_rating: /,
    );
    expectWhy(
      zendesk({ type: "zen:event-type:ticket.created", detail: {} }),
      "payload.unexpected",
      { event: "ticket.created" },
      /^unexpected ticket.created: /,
    );
    expectWhy(
      zendesk({
        type: "zen:event-type:ticket.created",
        detail: { id: "5", created_at: "2026-11-30T10:00:00Z", description: " " },
      }),
      "ticket.no_description",
      {},
      /without a description/,
    );
    // A vendor's long value is cut: parameters are words to show, not payload.
    const long = "x".repeat(300);
    expect(zendesk({ type: long }).params.event).toHaveLength(100);
    const rating = ratingShape.parse({ id: 1, ticket_id: 7, score: "offered", created_at: NOW });
    const answer = ratingAnswer(rating, NO_NAMES, {}, NOW);
    if (!("skipped" in answer)) throw new Error("expected the rating to be skipped");
    expectWhy({ ...answer.skipped }, "rating.not_an_answer", { score: "offered" }, /is not an answer$/);
  });

  it("Formbricks: a response with no score answered yet", () => {
    const result = formbricksAnswers(
      {
        event: "responseUpdated",
        data: { id: "r1", createdAt: NOW, surveyId: "s1", finished: false, data: { "q-why": "kesken" } },
      },
      formbricksMapping.parse({ nps: "q-nps", comment: "q-why" }),
    );
    expect(result).toMatchObject({ ok: true, items: [] });
    if (!result.ok || !result.skipped) throw new Error("expected a skipped response");
    expectWhy(result.skipped, "response.no_score_yet", {}, /^no score question answered yet$/);
  });

  it("every code of the list has a path above (or in the hook route's tests), and unknown codes read as none", () => {
    expect([...seen].sort()).toEqual([...IGNORE_CODES].sort());
    expect(knownIgnoreCode("message.private_note")).toBe("message.private_note");
    expect(knownIgnoreCode("message.deleted")).toBeNull();
    expect(knownIgnoreCode(null)).toBeNull();
  });
});
