import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const AT = "2026-03-02T09:00:00.000Z";

/** Rows as a database before 0005 could hold them: one team, agent and segment in several spellings. */
async function seedOldSpellings(store: Store): Promise<void> {
  const encounter = (id: string, team: string, agent: string, touchpoint: string) => ({
    id,
    channel: "phone",
    touchpoint,
    started_at: AT,
    ended_at: null,
    team_id: team,
    agent_id: agent,
    customer_id: null,
    wait_seconds: null,
    transfers: null,
    resolved: null,
    turn_count: 0,
    content_hash: `h-${id}`,
    updated_at: AT,
  });
  await store.db
    .insertInto("encounters")
    .values([
      encounter("e1", "Laskutus", "maija.v", "Laskun selvitys"),
      encounter("e2", "laskutus", "Maija.V", "laskun  selvitys"),
    ])
    .execute();
  const response = (id: string, team: string, agent: string) => ({
    id,
    kind: "nps",
    score: 9,
    comment: null,
    answered_at: AT,
    channel: "chat",
    touchpoint: null,
    team_id: team,
    agent_id: agent,
    customer_id: null,
    encounter_id: null,
    content_hash: `h-${id}`,
    updated_at: AT,
  });
  await store.db
    .insertInto("survey_responses")
    .values([
      response("r1", "Laskutus", "Maija.V"),
      response("r2", "Laskutus", "Maija.V"),
      response("r3", "laskutus", "Maija.V"),
      response("r4", "Laskutus", "maija.v"),
    ])
    .execute();
  await store.db
    .insertInto("pulse_answers")
    .values({
      id: "p1",
      team_id: "laskutus",
      period: "2026-03",
      score: 8,
      comment: null,
      content_hash: "h",
      updated_at: AT,
    })
    .execute();
  await store.db
    .insertInto("teams")
    .values([
      { id: "Laskutus", name: "Laskutus" },
      { id: "laskutus", name: "laskutus" },
    ])
    .execute();
  await store.db
    .insertInto("agents")
    .values([
      // The imported agent and a placeholder an answer created under another spelling.
      { id: "maija.v", name: "Maija Virtanen", team_id: "laskutus", content_hash: "h-agent" },
      { id: "Maija.V", name: null, team_id: null, content_hash: null },
    ])
    .execute();
  await store.db
    .insertInto("customers")
    .values([
      { id: "c1", segment: "Yritys", yearly_value_eur: null, content_hash: "h1" },
      { id: "c2", segment: "yritys", yearly_value_eur: null, content_hash: "h2" },
      { id: "c3", segment: "Kuluttaja", yearly_value_eur: null, content_hash: "h3" },
    ])
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`migration 0005-display-names on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect, "0004-access-control"));
    });
    afterEach(async () => {
      await dispose();
    });

    it("folds existing spellings into one canonical name per key, without losing a row", async () => {
      await seedOldSpellings(store);
      expect(await store.migrate()).toContain("0005-display-names");

      const names = await store.db
        .selectFrom("dimension_names")
        .selectAll()
        .orderBy("dimension")
        .orderBy("key")
        .execute();
      expect(names).toEqual([
        // The most used spelling wins: Maija.V is on 4 rows, maija.v on 3.
        { dimension: "agent", key: "maija.v", display: "Maija.V" },
        { dimension: "channel", key: "chat", display: "chat" },
        { dimension: "channel", key: "phone", display: "phone" },
        { dimension: "segment", key: "kuluttaja", display: "Kuluttaja" },
        { dimension: "segment", key: "yritys", display: "Yritys" },
        { dimension: "team", key: "laskutus", display: "Laskutus" },
        { dimension: "touchpoint", key: "laskun selvitys", display: "Laskun selvitys" },
      ]);

      const encounters = await store.db
        .selectFrom("encounters")
        .select(["team_id", "agent_id", "touchpoint"])
        .execute();
      const responses = await store.db
        .selectFrom("survey_responses")
        .select(["team_id", "agent_id"])
        .execute();
      expect(encounters).toHaveLength(2);
      expect(responses).toHaveLength(4);
      expect(new Set([...encounters, ...responses].map((r) => r.team_id))).toEqual(new Set(["Laskutus"]));
      expect(new Set([...encounters, ...responses].map((r) => r.agent_id))).toEqual(new Set(["Maija.V"]));
      expect(new Set(encounters.map((r) => r.touchpoint))).toEqual(new Set(["Laskun selvitys"]));
      expect(await store.db.selectFrom("pulse_answers").select("team_id").execute()).toEqual([
        { team_id: "Laskutus" },
      ]);
      expect(await store.db.selectFrom("teams").select("id").execute()).toEqual([{ id: "Laskutus" }]);
      // The imported agent's details survive under the canonical id; the placeholder is gone.
      expect(await store.db.selectFrom("agents").selectAll().execute()).toEqual([
        { id: "Maija.V", name: "Maija Virtanen", team_id: "Laskutus", content_hash: "h-agent" },
      ]);
      const segments = await store.db.selectFrom("customers").select("segment").orderBy("id").execute();
      expect(segments.map((c) => c.segment)).toEqual(["Yritys", "Yritys", "Kuluttaja"]);

      // New writes and filters use the same names.
      await store.writeBatch("responses", [
        { id: "r5", kind: "nps", score: 10, answeredAt: AT, team: "LASKUTUS", agent: "maija.v" },
      ]);
      expect((await store.responses.get("r5"))?.team).toBe("Laskutus");
      expect((await store.responses.get("r5"))?.agent).toBe("Maija.V");
      expect((await store.responses.list({ team: " laskutus" })).items).toHaveLength(5);
      expect((await store.responses.list({ agent: "MAIJA.V" })).items).toHaveLength(5);
      expect((await store.encounters.list({ teamIn: ["LASKUTUS"] })).items).toHaveLength(2);
    });
  });
}
