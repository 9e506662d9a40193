import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redact } from "../../src/analysis/pii/index.ts";
import { defaultCaseRules, withoutCaseAgeLimit } from "../../src/domain/case-rules.ts";
import { importFile } from "../../src/ingest/importer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore, type TestDialect, tempDir } from "../support/databases.ts";

/**
 * The bulk write path (COPY into a staging table and a merge on PostgreSQL, reused prepared
 * statements on SQLite): large batches store exactly the records and derived rows (cases, their
 * history and outbox events, cube marks) that were sent, text with tabs, line breaks and
 * backslashes arrives as it was, a bad row mid-batch is reported by its line while the rest is
 * stored, a re-import stores nothing new, and both databases end up holding the same rows.
 */
const ANSWERS = 2_500;
const BAD_LINE = 1_234;
const ODD_TEXT = ["tab\there", "two\nlines", "back\\slash \\N", "cr\r\nlf", 'quote "x";', "ääkköset €"];

function answer(i: number) {
  return {
    id: `a-${i}`,
    kind: i % 4 === 0 ? "csat" : "nps",
    score: i % 4 === 0 ? (i % 5) + 1 : i % 11,
    comment: i % 3 === 0 ? `${ODD_TEXT[i % ODD_TEXT.length]} #${i}` : "",
    // Offsets and months vary so the cube marks several months.
    answered_at: new Date(Date.UTC(2025, i % 5, 1 + (i % 27), 8) + (i % 7) * 60_000).toISOString(),
    channel: ["phone", "chat", "email"][i % 3],
    team: `Team ${i % 4}`,
    customer_id: `c-${i % 300}`,
  };
}

function encounter(i: number, textSuffix = "") {
  return {
    id: `e-${i}`,
    channel: "chat",
    started_at: new Date(Date.UTC(2025, 2, 1) + i * 3_600_000).toISOString(),
    team: `Team ${i % 4}`,
    agent: `agent-${i % 9}`,
    customer_id: `c-${i % 50}`,
    turns: [
      { speaker: "customer", text: `${ODD_TEXT[i % ODD_TEXT.length]}${textSuffix}`, at: 0 },
      { speaker: "agent", text: "Selvä,\tkatsotaan.\nHetki.", at: 12 },
    ],
  };
}

function writeLines(file: string, lines: string[]): string {
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const answerLines = () =>
  Array.from({ length: ANSWERS }, (_, i) =>
    // Line BAD_LINE (1-based) carries a score out of range.
    i + 1 === BAD_LINE ? JSON.stringify({ ...answer(i), score: 42 }) : JSON.stringify(answer(i)),
  );

async function importOf(store: Store, file: string, kind: "responses" | "encounters") {
  return importFile(store, file, {
    kind,
    timeZone: "Europe/Helsinki",
    pipeline: ingestPipeline({ analyzer: null }),
  });
}

/** What a database holds after the imports, without ids and times that differ by nature (case ids, now). */
async function dump(store: Store) {
  const rows = async (query: ReturnType<typeof sql>) =>
    (await query.execute(store.db)).rows.map((r) => JSON.stringify(r));
  return {
    answers: await rows(sql`select id, kind, score, comment, answered_at, channel, team_id, customer_id,
      encounter_id, content_hash, enc_linked from survey_responses order by id`),
    encounters: await rows(sql`select id, channel, started_at, team_id, agent_id, customer_id, turn_count,
      content_hash, repeat_contact from encounters order by id`),
    turns: await rows(
      sql`select encounter_id, seq, speaker, offset_seconds, text from turns order by encounter_id, seq`,
    ),
    cases: await rows(sql`select rule_id, source_kind, source_id, team, status, due_at from cases
      order by source_kind, source_id, rule_id`),
    history: await rows(sql`select h.actor, h.field, h.to_value, c.source_id from case_history h
      join cases c on c.id = h.case_id order by c.source_id, h.actor`),
    outbox: await rows(sql`select type, count(*) as n from outbox_events group by type order by type`),
    dirty: await rows(sql`select source, month from cube_dirty order by source, month`),
  };
}

const dumps = new Map<TestDialect, Awaited<ReturnType<typeof dump>>>();

for (const dialect of DIALECTS) {
  describe(`bulk import on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      // The answers are of 2025 (the cube marks fixed months) and the test counts the cases the bulk
      // path writes: the default rules without their age limit (case-age.test.ts is about the limit).
      store = store.withCaseRules(withoutCaseAgeLimit(defaultCaseRules()));
      dir = tempDir();
    });
    afterAll(async () => {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("stores every valid answer of a large batch as sent, and names the bad row by its line", async () => {
      const file = writeLines(path.join(dir, "answers.jsonl"), answerLines());
      const summary = await importOf(store, file, "responses");
      expect(summary).toMatchObject({
        imported: ANSWERS - 1,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        tooOldForCases: 0,
      });
      const rejects = fs
        .readFileSync(summary.rejectsFile as string, "utf8")
        .trim()
        .split("\n");
      expect(rejects).toHaveLength(1);
      expect(JSON.parse(rejects[0] as string)).toMatchObject({ line: BAD_LINE, id: `a-${BAD_LINE - 1}` });
      expect(await store.responses.count()).toBe(ANSWERS - 1);

      // Text with COPY's special characters arrives exactly as redaction left it.
      for (const i of [3, 6, 9, 12, 15, 18]) {
        const stored = await store.responses.get(`a-${i}`);
        expect(stored?.comment).toBe(redact(answer(i).comment).redacted);
        expect(stored?.answered_at).toBe(answer(i).answered_at);
        expect(stored?.team).toBe(`Team ${i % 4}`);
      }
      expect((await store.responses.get("a-1"))?.comment).toBeNull();

      // One case per NPS detractor (the default rule), with its history line and outbox event.
      const detractors = Array.from({ length: ANSWERS }, (_, i) => answer(i)).filter(
        (a, i) => i + 1 !== BAD_LINE && a.kind === "nps" && a.score <= 6,
      ).length;
      const count = async (table: "cases" | "case_history" | "outbox_events") =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count("cases")).toBe(detractors);
      expect(await count("case_history")).toBe(detractors);
      expect(await count("outbox_events")).toBe(detractors);
      const months = (
        await store.db.selectFrom("cube_dirty").select("month").where("source", "=", "answers").execute()
      )
        .map((r) => r.month)
        .sort();
      expect(months).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]);
    });

    it("stores nothing new when the same file is imported again", async () => {
      const before = await dump(store);
      const file = path.join(dir, "answers.jsonl");
      const summary = await importOf(store, file, "responses");
      expect(summary).toMatchObject({ imported: 0, updated: 0, unchanged: ANSWERS - 1, rejected: 1 });
      expect(await dump(store)).toEqual(before);
    });

    it("stores encounters with their turns, replaces the turns of a changed one, and re-imports nothing", async () => {
      const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify(encounter(i)));
      const file = writeLines(path.join(dir, "encounters.jsonl"), lines);
      expect(await importOf(store, file, "encounters")).toMatchObject({ imported: 600, rejected: 0 });
      const e = await store.encounters.get("e-1");
      expect(e?.turns.map((t) => t.text)).toEqual([ODD_TEXT[1], "Selvä,\tkatsotaan.\nHetki."]);

      lines[7] = JSON.stringify(encounter(7, " (edited)"));
      const changed = writeLines(path.join(dir, "encounters-2.jsonl"), lines);
      expect(await importOf(store, changed, "encounters")).toMatchObject({
        imported: 0,
        updated: 1,
        unchanged: 599,
      });
      expect((await store.encounters.get("e-7"))?.turns[0]?.text).toBe(`${ODD_TEXT[1]} (edited)`);
      const before = await dump(store);
      expect(await importOf(store, changed, "encounters")).toMatchObject({ imported: 0, unchanged: 600 });
      expect(await dump(store)).toEqual(before);
      dumps.set(dialect, before);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`bulk writes that meet stored rows on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      // The answers are of 2025 (the cube marks fixed months) and the test counts the cases the bulk
      // path writes: the default rules without their age limit (case-age.test.ts is about the limit).
      store = store.withCaseRules(withoutCaseAgeLimit(defaultCaseRules()));
      dir = tempDir();
    });
    afterAll(async () => {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const customerIds = async () =>
      (await store.db.selectFrom("customers").select("id").orderBy("id").execute()).map((r) => r.id);

    it("skips a row whose key is stored, reports only the rows it inserted, and keeps the transaction usable", async () => {
      const row = (id: string, segment: string) => ({
        id,
        segment,
        yearly_value_eur: null,
        content_hash: "h",
      });
      await store.dialect.bulkTransaction(store.db, (_trx, bulk) =>
        bulk.insert("customers", [row("k-2", "old")]),
      );
      // k-2 is stored: on PostgreSQL the direct COPY meets its key, rolls back to its savepoint and
      // the rows go through the staged merge instead; SQLite's insert skips it row by row.
      const inserted = await store.dialect.bulkTransaction(store.db, async (_trx, bulk) => {
        const first = await bulk.insert(
          "customers",
          [row("k-1", "new"), row("k-2", "new"), row("k-3", "new")],
          true,
        );
        const second = await bulk.insert("customers", [row("k-4", "new")], true);
        return [...first, ...second];
      });
      expect(inserted.sort()).toEqual(["k-1", "k-3", "k-4"]);
      const stored = await store.db.selectFrom("customers").select(["id", "segment"]).orderBy("id").execute();
      expect(stored).toEqual([
        { id: "k-1", segment: "new" },
        { id: "k-2", segment: "old" },
        { id: "k-3", segment: "new" },
        { id: "k-4", segment: "new" },
      ]);

      // A failure later in the same transaction still takes every row of it back.
      await expect(
        store.dialect.bulkTransaction(store.db, async (_trx, bulk) => {
          await bulk.insert("customers", [row("k-5", "new")], true);
          await bulk.insert("customers", [row("k-6", "new"), row("k-1", "again")], true);
          throw new Error("the batch fails after its writes");
        }),
      ).rejects.toThrow("the batch fails after its writes");
      expect(await customerIds()).toEqual(["k-1", "k-2", "k-3", "k-4"]);
    });

    it("stops an import at the batch whose write fails, keeps the batches before it, and a re-run stores the rest once", async () => {
      const lines = Array.from({ length: 2_000 }, (_, i) => JSON.stringify({ ...answer(i), id: `f-${i}` }));
      const file = writeLines(path.join(dir, "failing.jsonl"), lines);
      // The database refuses one row of the third batch of 500 (a real failure, not a stand-in).
      const refuse =
        dialect === "postgres"
          ? [
              sql`create function refuse_f_1234() returns trigger language plpgsql as $$
                begin raise exception 'refused f-1234'; end $$`,
              sql`create trigger refuse_f_1234 before insert on survey_responses for each row
                when (new.id = 'f-1234') execute function refuse_f_1234()`,
            ]
          : [
              sql`create trigger refuse_f_1234 before insert on survey_responses
                when new.id = 'f-1234' begin select raise(abort, 'refused f-1234'); end`,
            ];
      for (const statement of refuse) await statement.execute(store.db);
      const options = {
        kind: "responses" as const,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        batchSize: 500,
      };
      await expect(importFile(store, file, options)).rejects.toThrow("refused f-1234");
      const stored = await store.db
        .selectFrom("survey_responses")
        .select("id")
        .where("id", "like", "f-%")
        .execute();
      // Lines 1–1,000 (two batches) committed; nothing of the failing batch or of any batch after it.
      expect(stored.map((r) => r.id).sort()).toEqual(
        Array.from({ length: 1_000 }, (_, i) => `f-${i}`).sort(),
      );

      await sql`drop trigger refuse_f_1234${sql.raw(dialect === "postgres" ? " on survey_responses" : "")}`.execute(
        store.db,
      );
      const rerun = await importFile(store, file, options);
      expect(rerun).toMatchObject({ imported: 1_000, updated: 0, unchanged: 1_000, rejected: 0 });
      const ids = await store.db
        .selectFrom("survey_responses")
        .select("id")
        .where("id", "like", "f-%")
        .execute();
      expect(ids).toHaveLength(2_000);
    });
  });
}

describe.runIf(DIALECTS.length > 1)("bulk import on both databases", () => {
  it("leaves the same rows in SQLite (prepared statements) and PostgreSQL (COPY and merge)", () => {
    const [a, b] = DIALECTS.map((d) => dumps.get(d));
    expect(a).toBeDefined();
    expect(b).toEqual(a);
  });
});
