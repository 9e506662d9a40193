import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptBatch } from "../../src/ingest/batch-intake.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { foldScoreDeltas, RECOUNT_LOCK } from "../../src/store/score-cells.ts";
import { scoreReport } from "../../src/workflows/score-reports.ts";
import { DIALECTS, freshStore, postgresUrl } from "../support/databases.ts";

/**
 * The score cells kept by migration 0024's triggers, in the writer's own transaction, against a full
 * recount from the answers (the reconciliation path, CubeRepository.recountScores). Property: after
 * random inserts, updates (a changed score, kind, team, channel, agent or touchpoint, a name set to
 * none, an answer moved across a month's edge in the zone, several rows in one statement, a changed
 * id) and deletes, some grouped in one transaction and some rolled back, the cells (plus, on
 * PostgreSQL, the deltas not folded yet) equal the recount exactly, with no cell left at 0 once
 * folded; and a score report counts a write at once, with no refresh of the cube.
 */
const ZONE = "Europe/Helsinki";
const KINDS = ["nps", "csat", "ces"] as const;
const TEAMS = ["Laskutus", "Myynti"];
const CHANNELS = ["phone", "chat"];
const AGENTS = ["Aino", "Eero"];
const TOUCHPOINTS = ["Sovellus"];
const IDS = Array.from({ length: 12 }, (_, i) => `s${i}`);

const maybe = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: null });
/** Times near the edges of Helsinki's months (UTC+2/+3): 21:00–23:59 UTC on the last day is the next month there. */
const instant = fc
  .record({
    month: fc.integer({ min: 1, max: 4 }),
    edge: fc.constantFrom("first", "last", "middle"),
    hour: fc.integer({ min: 0, max: 23 }),
  })
  .map(({ month, edge, hour }) => {
    const last = new Date(Date.UTC(2025, month, 0)).getUTCDate();
    const day = edge === "first" ? 1 : edge === "last" ? last : 15;
    return new Date(Date.UTC(2025, month - 1, day, hour, 30)).toISOString();
  });
const answer = fc.record({
  kind: fc.constantFrom(...KINDS),
  score: fc.integer({ min: 0, max: 10 }),
  answered_at: instant,
  team_id: maybe(TEAMS),
  channel: maybe(CHANNELS),
  agent_id: maybe(AGENTS),
  touchpoint: maybe(TOUCHPOINTS),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;
/** The score stays in its kind's range only loosely: the cells count whatever the rows hold. */
const change = fc.oneof(
  fc.record({ score: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constantFrom(...KINDS) }),
  fc.record({ answered_at: instant }),
  fc.record({ team_id: maybe(TEAMS) }),
  fc.record({ channel: maybe(CHANNELS), agent_id: maybe(AGENTS) }),
  fc.record({ touchpoint: maybe(TOUCHPOINTS) }),
  fc.record({ comment: fc.constantFrom("kiitos", null) }),
);
const ids = fc.subarray(IDS, { minLength: 1, maxLength: 4 });
const op = fc.oneof(
  fc.record({
    op: fc.constant("insert" as const),
    rows: fc.array(fc.tuple(fc.constantFrom(...IDS), answer), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ op: fc.constant("update" as const), ids, set: change }),
  fc.record({ op: fc.constant("delete" as const), ids }),
  fc.record({ op: fc.constant("rename" as const), id: fc.constantFrom(...IDS) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const step = fc.record({
  ops: fc.array(op, { minLength: 1, maxLength: 3 }),
  rollback: fc.boolean(),
});

class RolledBack extends Error {}

for (const dialect of DIALECTS) {
  describe(`score cells kept by the triggers (${dialect})`, { timeout: 600_000 }, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await store.cube.readyScores(ZONE);
    });
    afterAll(async () => {
      await dispose?.();
    });

    /** One generated write: a statement through the triggers, as any write path would send it. */
    const apply = async (db: Kysely<never>, o: Op) => {
      const d = db as unknown as Store["db"];
      if (o.op === "insert") {
        // Distinct ids in one statement; an id already stored is skipped (as an import skips it).
        const rows = [...new Map(o.rows).entries()].map(([id, a]: [string, Answer]) => ({
          id,
          ...a,
          comment: null,
          customer_id: null,
          encounter_id: null,
          content_hash: "h",
          updated_at: "2025-06-01T00:00:00.000Z",
        }));
        await d
          .insertInto("survey_responses")
          .values(rows)
          .onConflict((c) => c.column("id").doNothing())
          .execute();
      } else if (o.op === "update") {
        await d.updateTable("survey_responses").set(o.set).where("id", "in", o.ids).execute();
      } else if (o.op === "delete") {
        await d.deleteFrom("survey_responses").where("id", "in", o.ids).execute();
      } else {
        // A changed primary key: the old id's cell loses nothing, the row is the same answer.
        await d.updateTable("survey_responses").set({ id: sql`id || 'x'` }).where("id", "=", o.id).execute();
        await d.updateTable("survey_responses").set({ id: o.id }).where("id", "=", `${o.id}x`).execute();
      }
    };

    /** Both score tables as sorted rows; with `deltas`, the pending deltas added and zeros left out. */
    const cells = async (deltas: boolean) => {
      const read = async (table: string, key: string) => {
        const from = deltas
          ? sql.raw(`(select ${key}, n from ${table} union all select ${key}, n from score_cell_deltas) c`)
          : sql.raw(table);
        const having = deltas ? sql.raw("having sum(n) <> 0") : sql.raw("");
        const rows = await sql<Record<string, unknown>>`select ${sql.raw(key)}, sum(n) as n from ${from}
          group by ${sql.raw(key)} ${having} order by ${sql.raw(key)}`.execute(store.db);
        return rows.rows.map((r) => Object.values(r).map(String).join("|"));
      };
      return {
        detail: await read("score_detail_cells", "kind, agent, month, touchpoint, team, channel, score"),
        coarse: await read("score_cells", "month, kind, team, channel, score"),
      };
    };

    it("equal a full recount after random inserts, updates and deletes", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          await store.db.deleteFrom("survey_responses").execute();
          for (const s of steps) {
            await store.db
              .transaction()
              .execute(async (trx) => {
                for (const o of s.ops) await apply(trx as unknown as Kysely<never>, o);
                if (s.rollback) throw new RolledBack();
              })
              .catch((e) => {
                if (!(e instanceof RolledBack)) throw e;
              });
          }
          const kept = await cells(true);
          if (dialect === "postgres") {
            await foldScoreDeltas(store.db);
            const folded = await cells(false);
            expect(folded).toEqual(kept);
            expect(folded.detail.filter((r) => r.endsWith("|0"))).toEqual([]);
            expect(folded.coarse.filter((r) => r.endsWith("|0"))).toEqual([]);
          } else {
            // SQLite adds to the cells directly and deletes one that reaches 0.
            expect(await cells(false)).toEqual(kept);
          }
          await store.cube.recountScores(ZONE);
          expect(await cells(false), JSON.stringify(steps)).toEqual(kept);
        }),
        { numRuns: dialect === "postgres" ? 40 : 60, seed: 14_0424 },
      );
    });

    it("equal a full recount after writers, folds and a recount ran at the same time", async () => {
      await store.db.deleteFrom("survey_responses").execute();
      const writes = fc.sample(fc.array(op, { minLength: 1, maxLength: 3 }), { numRuns: 60, seed: 1404 });
      let writing = true;
      // Four writers on their own ids (a conflict between them is not what this is about), each
      // transaction several statements, while folds and a recount run.
      const writers = [0, 1, 2, 3].map(async (w) => {
        for (const ops of writes.slice(w * 15, w * 15 + 15)) {
          const mine = JSON.parse(JSON.stringify(ops).replace(/"s(\d+)/g, `"w${w}s$1`)) as Op[];
          await store.db.transaction().execute(async (trx) => {
            for (const o of mine) await apply(trx as unknown as Kysely<never>, o);
          });
        }
      });
      const upkeep = (async () => {
        while (writing) {
          if (dialect === "postgres") await foldScoreDeltas(store.db);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const recount = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await store.cube.recountScores(ZONE);
      })();
      await Promise.all([...writers, recount]);
      writing = false;
      await upkeep;
      const kept = await cells(true);
      expect(kept.detail.length).toBeGreaterThan(0);
      await store.cube.recountScores(ZONE);
      expect(await cells(false)).toEqual(kept);
    });

    it.runIf(dialect === "postgres")(
      "wait for another process's recount, then count in their own zone if it counted in another",
      async () => {
        // Another process holds the recount's lock (as recountScoreCells takes it) in its transaction.
        const other = new pg.Client({ connectionString: postgresUrl() });
        await other.connect();
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s;
        await other.query(`set search_path to ${schema}`);
        await other.query("begin");
        await other.query("select pg_advisory_xact_lock($1, hashtext(current_schema()))", [RECOUNT_LOCK]);
        let done = false;
        const ready = store.cube.readyScores("America/New_York").then((recounted) => {
          done = true;
          return recounted;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(done).toBe(false);
        await other.query("commit");
        await other.end();
        // The other process counted nothing (its zone is still Helsinki's): this one counts in its own.
        expect(await ready).toBe(true);
        expect(
          (
            await store.db
              .selectFrom("cube_meta")
              .select("value")
              .where("key", "=", "scores.zone")
              .executeTakeFirst()
          )?.value,
        ).toBe("America/New_York");
        await store.cube.readyScores(ZONE);
      },
    );

    it("show a write in the score reports at once, through the batch API's upsert too", async () => {
      await store.db.deleteFrom("survey_responses").execute();
      const pipeline = ingestPipeline({ analyzer: null });
      const item = (id: string, score: number, team: string) => ({
        id,
        kind: "nps",
        score,
        answered_at: "2025-03-10T10:00:00Z",
        team,
      });
      const report = () => scoreReport(store, "nps", {}, "team", { timeZone: ZONE, refresh: "job" });
      await acceptBatch(store, "responses", [item("b1", 10, "Laskutus"), item("b2", 3, "Myynti")], {
        timeZone: ZONE,
        pipeline,
      });
      let r = await report();
      expect(r.n).toBe(2);
      expect(r.value).toBe(0);
      // The same answer again with a changed score and team: an update through the upsert.
      await acceptBatch(store, "responses", [item("b2", 9, "Laskutus")], { timeZone: ZONE, pipeline });
      r = await report();
      expect(r.n).toBe(2);
      expect(r.value).toBe(100);
      expect(r.groups.map((g) => [g.group, g.n])).toEqual([["Laskutus", 2]]);
      await store.db.deleteFrom("survey_responses").where("id", "=", "b1").execute();
      expect((await report()).n).toBe(1);
      const scan = await scoreReport(store, "nps", {}, "team", { timeZone: ZONE, scan: true });
      expect(await report()).toEqual(scan);
    });

    it("are recounted in another zone, and a month there holds what its instants hold", async () => {
      await store.db.deleteFrom("survey_responses").execute();
      // 2025-03-31T22:30Z is April in Helsinki (UTC+3) and March in New York (UTC-4).
      await store.db
        .insertInto("survey_responses")
        .values({
          id: "z1",
          kind: "nps",
          score: 10,
          answered_at: "2025-03-31T22:30:00.000Z",
          content_hash: "h",
          updated_at: "2025-06-01T00:00:00.000Z",
        })
        .execute();
      const month = async (zone: string) => {
        await store.cube.readyScores(zone);
        const [g] = await store.cube.scoreCounts("nps", { from: null, to: null }, {}, "month");
        return g?.group;
      };
      expect(await month(ZONE)).toBe("2025-04");
      expect(await month("America/New_York")).toBe("2025-03");
      // Written after the recount: counted in the new zone's month by the trigger.
      await store.db
        .updateTable("survey_responses")
        .set({ answered_at: "2025-04-01T03:30:00.000Z" })
        .where("id", "=", "z1")
        .execute();
      const [g] = await store.cube.scoreCounts("nps", { from: null, to: null }, {}, "month");
      expect(g?.group).toBe("2025-03");
      expect(await month(ZONE)).toBe("2025-04");
    });
  });
}
