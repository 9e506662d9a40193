import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Encounter, SurveyResponse } from "../../src/domain/index.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

function encounter(id: string, startedAt: string, extra: Partial<Encounter> = {}): Encounter {
  return {
    id,
    channel: "chat",
    startedAt,
    team: "Laskutus",
    agent: "agent-01",
    customerId: "cust-1",
    resolved: true,
    turns: [
      { seq: 0, speaker: "customer", text: "Laskussa on virhe." },
      { seq: 1, speaker: "agent", text: "Katson asian heti.", offsetSeconds: 12 },
    ],
    ...extra,
  };
}

function response(
  id: string,
  score: number,
  answeredAt: string,
  extra: Partial<SurveyResponse> = {},
): SurveyResponse {
  return { id, kind: "nps", score, answeredAt, team: "Laskutus", channel: "chat", ...extra };
}

for (const dialect of DIALECTS) {
  describe(`store repositories on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterEach(async () => {
      await dispose();
    });

    it("migrating twice is harmless", async () => {
      expect(await store.migrate()).toEqual([]);
    });

    it("upserts encounters idempotently and tells new, changed and unchanged apart", async () => {
      const first = await store.writeBatch("encounters", [
        encounter("e1", "2025-01-02T10:00:00.000Z"),
        encounter("e2", "2025-01-03T10:00:00.000Z"),
      ]);
      expect([first.imported, first.updated, first.unchanged]).toEqual([2, 0, 0]);

      const changed = encounter("e2", "2025-01-03T10:00:00.000Z", {
        turns: [{ seq: 0, speaker: "customer", text: "Kiitos, nyt toimii." }],
      });
      const second = await store.writeBatch("encounters", [
        encounter("e1", "2025-01-02T10:00:00.000Z"),
        changed,
      ]);
      expect([second.imported, second.updated, second.unchanged]).toEqual([0, 1, 1]);
      expect(second.writtenIds).toEqual(["e2"]);

      const e2 = await store.encounters.get("e2");
      expect(e2?.turns).toEqual([{ seq: 0, speaker: "customer", at: null, text: "Kiitos, nyt toimii." }]);
      const e1 = await store.encounters.get("e1");
      expect(e1).toMatchObject({ id: "e1", team: "Laskutus", resolved: true, turn_count: 2 });
      expect(e1?.turns[1]).toEqual({ seq: 1, speaker: "agent", at: 12, text: "Katson asian heti." });
      expect(await store.encounters.count()).toBe(2);
      expect((await store.directory.listTeams()).map((t) => t.id)).toEqual(["Laskutus"]);
    });

    it("lists encounters newest first with filters and stable cursor pages", async () => {
      const batch: Encounter[] = [];
      for (let i = 0; i < 25; i++) {
        const day = String(1 + (i % 28)).padStart(2, "0");
        batch.push(
          encounter(`e${i}`, `2025-02-${day}T08:00:00.000Z`, { channel: i % 2 === 0 ? "chat" : "phone" }),
        );
      }
      await store.writeBatch("encounters", batch);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.encounters.list({
          channel: "chat",
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((e) => e.id));
        expect(page.items.every((e) => e.channel === "chat")).toBe(true);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(13);
      expect(new Set(seen).size).toBe(13);
      const inFeb10to20 = await store.encounters.list({
        from: "2025-02-10T00:00:00Z",
        to: "2025-02-20T00:00:00Z",
      });
      expect(inFeb10to20.items.map((e) => e.started_at.slice(8, 10))).toEqual([
        "19",
        "18",
        "17",
        "16",
        "15",
        "14",
        "13",
        "12",
        "11",
        "10",
      ]);
    });

    it("aggregates score counts per month for NPS", async () => {
      await store.writeBatch("responses", [
        response("r1", 10, "2025-01-05T10:00:00.000Z"),
        response("r2", 3, "2025-01-06T10:00:00.000Z"),
        response("r3", 9, "2025-02-05T10:00:00.000Z"),
        response("r4", 4, "2025-02-06T10:00:00.000Z", { kind: "csat" }),
      ]);
      const byMonth = await store.responses.scoreCounts("nps", {}, "month");
      expect(byMonth.map((g) => [g.group, g.n, g.counts[10], g.counts[3], g.counts[9]])).toEqual([
        ["2025-01", 2, 1, 1, 0],
        ["2025-02", 1, 0, 0, 1],
      ]);
      const r = await store.responses.get("r4");
      expect(r).toMatchObject({
        kind: "csat",
        score: 4,
        team: "Laskutus",
        answered_at: "2025-02-06T10:00:00.000Z",
      });
    });

    it("breaks score counts down by the answering customer's segment", async () => {
      await store.writeBatch("customers", [
        { id: "c1", segment: "Kuluttaja" },
        { id: "c2", segment: "Pk-yritys" },
      ]);
      await store.writeBatch("responses", [
        response("s1", 10, "2025-01-05T10:00:00.000Z", { customerId: "c1" }),
        response("s2", 9, "2025-01-06T10:00:00.000Z", { customerId: "c1" }),
        response("s3", 2, "2025-01-07T10:00:00.000Z", { customerId: "c2" }),
        response("s4", 8, "2025-01-08T10:00:00.000Z"),
      ]);
      const bySegment = await store.responses.scoreCounts("nps", {}, "segment");
      expect(new Map(bySegment.map((g) => [g.group, g.n]))).toEqual(
        new Map<string | null, number>([
          ["Kuluttaja", 2],
          ["Pk-yritys", 1],
          [null, 1],
        ]),
      );
    });

    it("iterates every record for exports, oldest first", async () => {
      const batch = Array.from({ length: 7 }, (_, i) =>
        response(`r${i}`, i, `2025-03-0${1 + (i % 3)}T10:00:00.000Z`),
      );
      await store.writeBatch("responses", batch);
      const ids: string[] = [];
      for await (const r of store.responses.iterate(3)) ids.push(r.id);
      expect(ids).toEqual(["r0", "r3", "r6", "r1", "r4", "r2", "r5"]);
    });
  });
}
