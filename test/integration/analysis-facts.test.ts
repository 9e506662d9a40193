import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Encounter, SurveyResponse } from "../../src/domain/index.ts";
import { NPS_ANSWER_COLUMNS, type Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

function encounter(
  id: string,
  customerId: string,
  startedAt: string,
  extra: Partial<Encounter> = {},
): Encounter {
  return {
    id,
    channel: "phone",
    startedAt,
    team: "Laskutus",
    customerId,
    waitSeconds: 300,
    transfers: 1,
    resolved: false,
    turns: [{ seq: 0, speaker: "customer", text: "Laskussa on virhe." }],
    ...extra,
  };
}

function answer(id: string, encounterId: string | undefined, score: number): SurveyResponse {
  return {
    id,
    kind: "nps",
    score,
    answeredAt: "2026-03-10T12:00:00.000Z",
    team: "Laskutus",
    ...(encounterId ? { encounterId } : {}),
  };
}

/** The scanned rows as objects named by NPS_ANSWER_COLUMNS. */
async function scan(store: Store): Promise<Record<keyof typeof NPS_ANSWER_COLUMNS, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  await store.insights.scanNpsAnswers({}, (r) => {
    rows.push(Object.fromEntries(Object.entries(NPS_ANSWER_COLUMNS).map(([name, at]) => [name, r[at]])));
  });
  return rows as Record<keyof typeof NPS_ANSWER_COLUMNS, unknown>[];
}

for (const dialect of DIALECTS) {
  describe(`analysis facts on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterEach(async () => {
      await dispose();
    });

    it("flags repeat contacts within 7 days, also when the earlier contact is imported later", async () => {
      await store.writeBatch("encounters", [
        encounter("e2", "c1", "2026-03-05T10:00:00.000Z"),
        encounter("e3", "c1", "2026-03-20T10:00:00.000Z"),
        encounter("x1", "c2", "2026-03-05T10:00:00.000Z"),
      ]);
      // The customer's earlier contact arrives in a later import: e2 becomes a repeat contact.
      await store.writeBatch("encounters", [encounter("e1", "c1", "2026-02-27T09:00:00.000Z")]);
      const flags = await store.db
        .selectFrom("encounters")
        .select(["id", "repeat_contact"])
        .orderBy("id")
        .execute();
      expect(Object.fromEntries(flags.map((f) => [f.id, f.repeat_contact]))).toEqual({
        e1: 0,
        e2: 1,
        e3: 0,
        x1: 0,
      });
    });

    it("gives an answer its encounter's facts whichever arrives first, and keeps them in step", async () => {
      await store.writeBatch("responses", [answer("r1", "e9", 4)]);
      expect((await scan(store))[0]).toMatchObject({ encounterLinked: null, waitSeconds: null });
      await store.writeBatch("encounters", [
        encounter("e9", "c1", "2026-03-05T10:00:00.000Z", { waitSeconds: 700 }),
      ]);
      expect((await scan(store))[0]).toMatchObject({ encounterLinked: 1, waitSeconds: 700, resolved: 0 });
      // The encounter is corrected and re-analysed: the answer's copy follows.
      await store.writeBatch(
        "encounters",
        [encounter("e9", "c1", "2026-03-05T10:00:00.000Z", { waitSeconds: 30, resolved: true })],
        () => [
          {
            subjectKind: "encounter",
            subjectId: "e9",
            analyzerVersion: "v1",
            result: { themes: [{ id: "outage", polarity: "negative" }], turns: [] },
          },
        ],
      );
      expect((await scan(store))[0]).toMatchObject({
        waitSeconds: 30,
        resolved: 1,
        encounterThemes: "outage:-1",
      });
      // A re-analysis on its own (kohtaamo reanalyze) reaches the answer's copy too.
      await store.writeAnalyses([
        {
          subjectKind: "encounter",
          subjectId: "e9",
          analyzerVersion: "v2",
          result: { themes: [{ id: "billing", polarity: "negative" }], turns: [] },
        },
      ]);
      expect((await scan(store))[0]).toMatchObject({ encounterThemes: "billing:-1" });
      // An earlier contact of the same customer turns this one into a repeat contact, on the answer too.
      await store.writeBatch("encounters", [encounter("e8", "c1", "2026-03-01T10:00:00.000Z")]);
      expect((await scan(store))[0]).toMatchObject({ repeatContact: 1 });
    });

    it("keeps the latest analysis's themes and tone on the record, and the report scan joins them", async () => {
      await store.writeBatch("encounters", [encounter("e1", "c1", "2026-03-05T10:00:00.000Z")], () => [
        {
          subjectKind: "encounter",
          subjectId: "e1",
          analyzerVersion: "v1",
          result: {
            themes: [{ id: "billing", polarity: "negative", score: 0.9 }],
            turns: [
              { speaker: "customer", tone: { label: "negative", score: -0.6 } },
              { speaker: "agent", tone: { label: "positive", score: 0.8 } },
              { speaker: "customer", tone: { label: "negative", score: -0.2 } },
            ],
          },
        },
      ]);
      await store.writeBatch("responses", [answer("r1", "e1", 3), answer("r2", undefined, 10)], () => [
        {
          subjectKind: "response",
          subjectId: "r1",
          analyzerVersion: "v1",
          result: {
            tone: { label: "negative", score: -0.5 },
            themes: [
              { id: "waiting", polarity: "negative", score: 0.7 },
              { id: "staff_friendliness", polarity: "positive", score: 0.6 },
            ],
          },
        },
      ]);
      const rows = await scan(store);
      const r1 = rows.find((r) => r.score === 3);
      expect(r1).toMatchObject({
        month: "2026-03",
        commentThemes: "waiting:-1 staff_friendliness:1",
        encounterThemes: "billing:-1",
        waitSeconds: 300,
        transfers: 1,
        resolved: 0,
        repeatContact: 0,
        encounterLinked: 1,
      });
      expect(rows.find((r) => r.score === 10)).toMatchObject({
        encounterLinked: null,
        encounterThemes: null,
      });
      // The encounter's tone is the mean of the customer's turns, not the agent's.
      const tone = await store.db.selectFrom("encounters").select("tone_score").executeTakeFirstOrThrow();
      expect(tone.tone_score).toBeCloseTo(-0.4, 6);

      // A re-analysis replaces the facts.
      await store.writeAnalyses([
        {
          subjectKind: "response",
          subjectId: "r1",
          analyzerVersion: "v2",
          result: { tone: { score: 0.1 }, themes: [] },
        },
      ]);
      expect((await scan(store)).find((r) => r.score === 3)?.commentThemes).toBeNull();
    });
  });

  describe(`upgrading a ${dialect} database to analysis facts`, () => {
    it("backfills themes, tone and repeat contacts from what was stored before", async () => {
      const { store, dispose } = await freshStore(dialect, "0001-initial");
      try {
        const now = "2026-03-01T00:00:00.000Z";
        const row = (id: string, customer: string, startedAt: string) => ({
          id,
          channel: "chat",
          started_at: startedAt,
          customer_id: customer,
          turn_count: 0,
          content_hash: id,
          updated_at: now,
        });
        await store.db
          .insertInto("encounters")
          .values([row("a", "c1", "2026-02-01T10:00:00.000Z"), row("b", "c1", "2026-02-03T10:00:00.000Z")])
          .execute();
        await store.db
          .insertInto("analysis_results")
          .values({
            subject_kind: "encounter",
            subject_id: "b",
            analyzer_version: "old",
            result: JSON.stringify({
              themes: [{ id: "outage", polarity: "negative" }],
              turns: [{ speaker: "customer", tone: { score: -0.5 } }],
            }),
            created_at: now,
          })
          .execute();
        expect((await store.migrate()).slice(0, 2)).toEqual([
          "0002-analysis-facts",
          "0003-answer-encounter-facts",
        ]);
        const rows = await store.db
          .selectFrom("encounters")
          .select(["id", "theme_codes", "tone_score", "repeat_contact"])
          .orderBy("id")
          .execute();
        expect(rows).toEqual([
          { id: "a", theme_codes: null, tone_score: null, repeat_contact: 0 },
          { id: "b", theme_codes: "outage:-1", tone_score: -0.5, repeat_contact: 1 },
        ]);
      } finally {
        await dispose();
      }
    });
  });
}
