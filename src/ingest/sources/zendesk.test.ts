import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyZendesk, zendeskAction, zendeskSecrets, zendeskSettings } from "./zendesk.ts";
import { retryAfterSeconds } from "./zendesk-api.ts";
import {
  commentShape,
  NO_NAMES,
  ratingAnswer,
  ratingShape,
  ticketEncounter,
  ticketShape,
} from "./zendesk-records.ts";

const SECRET = "zd-signing-secret-for-unit-tests";
const sign = (timestamp: string, body: string, secret = SECRET) =>
  createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");
const headers = (timestamp: string, signature: string) => ({
  "x-zendesk-webhook-signature": signature,
  "x-zendesk-webhook-signature-timestamp": timestamp,
  "x-zendesk-webhook-invocation-id": "8350205582",
});

describe("verifyZendesk: base64(HMAC-SHA256(secret, timestamp + body))", () => {
  const body = '{"type":"zen:event-type:ticket.created","id":"e-1"}';
  const at = "2026-12-01T08:15:02Z";
  const now = Date.parse(at) + 30_000;

  it("accepts Zendesk's signature with the ISO timestamp; the invocation id is the dedupe key", () => {
    expect(verifyZendesk(SECRET, body, headers(at, sign(at, body)), now)).toEqual({
      ok: true,
      deliveryId: "8350205582",
    });
    const both = JSON.stringify({ signing_secret: SECRET, api_token: "t" });
    expect(verifyZendesk(both, body, headers(at, sign(at, body)), now).ok).toBe(true);
  });

  it("without an invocation id the event id dedupes", () => {
    const h = { "x-zendesk-webhook-signature": sign(at, body), "x-zendesk-webhook-signature-timestamp": at };
    expect(verifyZendesk(SECRET, body, h, now)).toEqual({ ok: true, deliveryId: "event-e-1" });
  });

  it("refuses a changed body, another secret, a stale or missing timestamp, no signing secret", () => {
    expect(verifyZendesk(SECRET, `${body} `, headers(at, sign(at, body)), now).ok).toBe(false);
    expect(verifyZendesk(SECRET, body, headers(at, sign(at, body, "other")), now).ok).toBe(false);
    expect(verifyZendesk(SECRET, body, headers(at, sign(at, body)), now + 10 * 60_000)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Timestamp is \d+ s away/),
    });
    expect(verifyZendesk(SECRET, body, headers("", sign("", body)), now).ok).toBe(false);
    expect(verifyZendesk(JSON.stringify({ api_token: "t" }), body, headers(at, sign(at, body)), now)).toEqual(
      {
        ok: false,
        reason: "the integration has no signing secret",
      },
    );
  });
});

describe("zendesk secrets and settings", () => {
  it("a bare secret signs webhooks; JSON holds both; anything else is named", () => {
    expect(zendeskSecrets("abc")).toEqual({ signingSecret: "abc", apiToken: null });
    expect(zendeskSecrets('{"api_token":"t"}')).toEqual({ signingSecret: null, apiToken: "t" });
    expect(zendeskSecrets('{"token":"t"}')).toHaveProperty("problem");
    expect(zendeskSecrets("{not json")).toHaveProperty("problem");
  });
  it("settings: subdomain or base_url, not both; unknown keys refused", () => {
    expect(zendeskSettings.safeParse({ subdomain: "acme", email: "a@b.fi" }).success).toBe(true);
    expect(zendeskSettings.safeParse({ subdomain: "acme", base_url: "https://x.example" }).success).toBe(
      false,
    );
    expect(zendeskSettings.safeParse({ subdomain: "acme", colour: "red" }).success).toBe(false);
    expect(zendeskSettings.safeParse({ requests_per_minute: 0 }).success).toBe(false);
  });
});

describe("ticket and comments → encounter", () => {
  const ticket = ticketShape.parse({
    id: 7,
    created_at: "2026-11-02T08:00:00Z",
    updated_at: "2026-11-02T09:00:00Z",
    status: "solved",
    requester_id: 1,
    assignee_id: 2,
    group_id: 3,
    via: { channel: "voice" },
  });
  const comment = (id: number, author: number, text: string, minute: number, isPublic = true) =>
    commentShape.parse({
      id,
      author_id: author,
      public: isPublic,
      plain_body: text,
      created_at: `2026-11-02T08:${String(minute).padStart(2, "0")}:00Z`,
    });
  const names = {
    users: new Map([
      ["2", { id: "2", name: "Pekka", role: "agent" }],
      ["4", { id: "4", name: "Kopio", role: "end-user" }],
    ]),
    groups: new Map([["3", "Laskutus"]]),
  };

  it("public comments become turns in time order; private notes and empty comments do not", () => {
    const item = ticketEncounter(
      ticket,
      [comment(12, 2, "Vastaus", 10), comment(11, 1, "Kysymys", 0), comment(13, 2, "muistiinpano", 5, false)],
      names,
      {},
    );
    expect(item).toMatchObject({
      id: "zendesk-7",
      channel: "phone",
      team: "Laskutus",
      agent: "Pekka",
      customer_id: "zendesk-user-1",
      resolved: true,
      ended_at: "2026-11-02T09:00:00.000Z",
      turns: [
        { speaker: "customer", text: "Kysymys", at: 0 },
        { speaker: "agent", text: "Vastaus", at: 600 },
      ],
    });
    expect(JSON.stringify(item)).not.toContain("muistiinpano");
  });

  it("a cc'd end-user is a customer, Zendesk's system user a bot, an unknown author an agent; only notes → nothing", () => {
    const item = ticketEncounter(
      ticket,
      [comment(1, 4, "Minäkin", 1), comment(2, -1, "Automaatti", 2), comment(3, 9, "Kuka?", 3)],
      names,
      {
        id_prefix: "zd-",
        channel: "email",
        team: "Tuki",
      },
    );
    expect(item).toMatchObject({ id: "zd-7", channel: "email", team: "Tuki" });
    const turns = (item?.turns ?? []) as { speaker: string }[];
    // Author 9 is not side-loaded: not the requester, so someone of the company.
    expect(turns.map((t) => t.speaker)).toEqual(["customer", "bot", "agent"]);
    expect(ticketEncounter(ticket, [comment(1, 2, "sisäinen", 1, false)], names, {})).toBeNull();
  });
});

describe("satisfaction rating → CSAT answer (good 5, bad 1)", () => {
  const rating = (score: string) =>
    ratingShape.parse({ id: 1, ticket_id: 7, score, comment: " Hyvä ", created_at: "2026-11-02T10:00:00Z" });
  it("maps good and bad, any case, and skips ratings only offered", () => {
    expect(ratingAnswer(rating("good"), NO_NAMES, {}, "2026-12-01T00:00:00Z")).toEqual({
      item: {
        id: "zendesk-7-csat",
        kind: "csat",
        score: 5,
        answered_at: "2026-11-02T10:00:00.000Z",
        encounter_id: "zendesk-7",
        channel: "email",
        comment: "Hyvä",
      },
    });
    expect(ratingAnswer(rating("Bad"), NO_NAMES, {}, "")).toMatchObject({ item: { score: 1 } });
    expect(ratingAnswer(rating("Good, I'm satisfied"), NO_NAMES, {}, "")).toMatchObject({
      item: { score: 5 },
    });
    expect(ratingAnswer(rating("bad_with_comment"), NO_NAMES, {}, "")).toMatchObject({ item: { score: 1 } });
    expect(ratingAnswer(rating("goodish"), NO_NAMES, {}, "")).toHaveProperty("skipped");
    expect(ratingAnswer(rating("offered"), NO_NAMES, {}, "")).toEqual({
      skipped: {
        code: "rating.not_an_answer",
        reason: "rating offered is not an answer",
        params: { score: "offered" },
      },
    });
  });
  it("a webhook body names a rating or a new ticket; other events are ignored", () => {
    expect(zendeskAction({ satisfaction_rating: { ticket_id: "7", score: "good" } }, {}).type).toBe("rating");
    expect(zendeskAction({ type: "zen:event-type:ticket.status_changed" }, {}).type).toBe("ignore");
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, 60 s when unreadable", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    expect(retryAfterSeconds("Wed, 02 Dec 2026 10:00:30 GMT", Date.parse("2026-12-02T10:00:00Z"))).toBe(30);
    expect(retryAfterSeconds(null)).toBe(60);
  });
});
