import { describe, expect, it } from "vitest";
import type { EncounterWithTurns } from "../../store/encounter-repository.ts";
import { chatwootAction } from "./chatwoot.ts";
import { conversationEncounter, encounterWithTurn, resolvedEncounter } from "./chatwoot-conversation.ts";

const NOW = "2026-11-30T12:00:00.000Z";
const conversation = {
  id: 7,
  meta: { assignee: { name: "Aino" }, sender: { id: 3 } },
  timestamp: 1796032968,
};
const msg = (over: Record<string, unknown>) => ({
  event: "message_created",
  id: 1,
  content: "hei",
  created_at: "2026-11-30T10:00:00.000Z",
  message_type: "incoming",
  private: false,
  sender: { id: 3, type: "contact" },
  inbox: { id: 1, name: "Tuki" },
  conversation,
  ...over,
});

/** As the repository answers an encounter (the stored, redacted turns). */
function stored(item: Record<string, unknown>): EncounterWithTurns {
  const turns = item.turns as { speaker: string; text: string; at: number }[];
  return {
    id: String(item.id),
    channel: String(item.channel),
    touchpoint: null,
    started_at: String(item.started_at),
    ended_at: (item.ended_at as string | undefined) ?? null,
    team: (item.team as string | undefined) ?? null,
    agent: (item.agent as string | undefined) ?? null,
    customer_id: (item.customer_id as string | undefined) ?? null,
    wait_seconds: null,
    transfers: null,
    resolved: (item.resolved as boolean | undefined) ?? null,
    turn_count: turns.length,
    turns: turns.map((t, seq) => ({ seq, speaker: t.speaker, at: t.at, text: t.text })),
  };
}

describe("Chatwoot deliveries → actions", () => {
  it("maps senders to speakers, numeric message types included, and never turns notes or activity into turns", () => {
    const speaker = (over: Record<string, unknown>) => {
      const a = chatwootAction(msg(over), {}, NOW);
      return a.type === "turn" ? a.speaker : a.type;
    };
    expect(speaker({})).toBe("customer");
    expect(speaker({ message_type: 0 })).toBe("customer");
    expect(speaker({ message_type: "outgoing", sender: { id: 1, type: "user" } })).toBe("agent");
    expect(speaker({ message_type: 1, sender: { id: 2, type: "agent_bot" } })).toBe("bot");
    expect(speaker({ message_type: "outgoing", sender: null })).toBe("bot");
    expect(speaker({ message_type: "template" })).toBe("bot");
    expect(speaker({ message_type: "activity" })).toBe("ignore");
    expect(speaker({ message_type: 2 })).toBe("ignore");
    expect(speaker({ message_type: "outgoing", private: true })).toBe("ignore");
    expect(speaker({ content: null })).toBe("ignore");
  });

  it("reads Chatwoot's three time formats", () => {
    const at = (created_at: unknown) => {
      const a = chatwootAction(msg({ created_at }), {}, NOW);
      return a.type === "turn" ? a.at : null;
    };
    expect(at("2026-11-30T10:00:00.000Z")).toBe("2026-11-30T10:00:00.000Z");
    expect(at("2026-11-30 10:00:00 UTC")).toBe("2026-11-30T10:00:00.000Z");
    expect(at(1796032800)).toBe("2026-11-30T10:00:00.000Z");
  });

  it("only a change to resolved closes, and the id prefix is the mapping's", () => {
    const change = (status: string) =>
      chatwootAction(
        { ...conversation, event: "conversation_status_changed", status },
        { id_prefix: "cw1-" },
        NOW,
      );
    expect(change("resolved")).toMatchObject({ type: "resolve", encounterId: "cw1-7" });
    expect(change("pending").type).toBe("ignore");
  });
});

describe("a conversation built turn by turn", () => {
  const turn = (id: number, at: string, speaker: "incoming" | "outgoing", text: string) => {
    const a = chatwootAction(
      msg({
        id,
        created_at: at,
        message_type: speaker,
        content: text,
        sender: { type: speaker === "incoming" ? "contact" : "user" },
      }),
      {},
      NOW,
    );
    if (a.type !== "turn") throw new Error("expected a turn");
    return a;
  };

  it("puts a late-arriving earlier message in its place and moves the start back", () => {
    const first = encounterWithTurn(
      undefined,
      turn(2, "2026-11-30T10:01:00.000Z", "outgoing", "Hei, miten voin auttaa?"),
    );
    const second = encounterWithTurn(
      stored(first),
      turn(1, "2026-11-30T10:00:30.000Z", "incoming", "Tarvitsen apua"),
    );
    expect(second.started_at).toBe("2026-11-30T10:00:30.000Z");
    expect(second.turns).toEqual([
      { speaker: "customer", text: "Tarvitsen apua", at: 0 },
      { speaker: "agent", text: "Hei, miten voin auttaa?", at: 30 },
    ]);
    const closed = resolvedEncounter(stored(second), {
      type: "resolve",
      encounterId: "chatwoot-7",
      at: "2026-11-30T10:05:00.000Z",
      fields: { channel: "chat" },
    });
    expect(closed).toMatchObject({ ended_at: "2026-11-30T10:05:00.000Z", resolved: true, agent: "Aino" });
    // A message after resolving reopens the conversation.
    const reopened = encounterWithTurn(
      stored(closed ?? {}),
      turn(3, "2026-11-30T10:06:00.000Z", "incoming", "Vielä yksi asia"),
    );
    expect(reopened.ended_at).toBeUndefined();
    expect(reopened.resolved).toBeUndefined();
    expect((reopened.turns as unknown[]).length).toBe(3);
  });

  it("a resolve before any message stores nothing", () => {
    expect(
      resolvedEncounter(undefined, {
        type: "resolve",
        encounterId: "x",
        at: NOW,
        fields: { channel: "chat" },
      }),
    ).toBeUndefined();
  });
});

describe("a whole conversation (the pull) → the encounter the deliveries build", () => {
  it("gives the same record as message deliveries in any order followed by the resolve", () => {
    const messages = [
      msg({ id: 1, created_at: "2026-11-30T10:00:00.000Z" }),
      msg({
        id: 2,
        created_at: 1796032850,
        message_type: 1,
        sender: { id: 5, type: "agent_bot" },
        content: "botti",
      }),
      msg({ id: 3, created_at: "2026-11-30T10:03:00.000Z", private: true, content: "muistiinpano" }),
      msg({
        id: 4,
        created_at: "2026-11-30T10:04:00.000Z",
        message_type: "outgoing",
        sender: { id: 1, type: "user" },
      }),
      msg({ id: 5, created_at: "2026-11-30T10:04:00.000Z", content: "samaan aikaan" }),
    ];
    const resolve = chatwootAction(
      { ...conversation, event: "conversation_status_changed", status: "resolved" },
      {},
      NOW,
    );
    if (resolve.type !== "resolve") throw new Error("not a resolve");
    const turns = messages.flatMap((m) => {
      const a = chatwootAction(m, {}, NOW);
      return a.type === "turn" ? [a] : [];
    });
    expect(turns).toHaveLength(4);
    // Delivered out of order (the bot's message last), one at a time onto the stored encounter.
    let item: Record<string, unknown> | undefined;
    for (const t of [turns[0], turns[2], turns[3], turns[1]]) {
      if (t) item = encounterWithTurn(item ? stored(item) : undefined, t);
    }
    const delivered = resolvedEncounter(item ? stored(item) : undefined, resolve);
    expect(conversationEncounter(turns, resolve)).toEqual(delivered);
    // Still open: the same turns, not resolved.
    const open = conversationEncounter(turns, null);
    expect(open).toEqual(item);
    expect(open).not.toHaveProperty("resolved");
    expect(conversationEncounter([], resolve)).toBeUndefined();
  });
});
