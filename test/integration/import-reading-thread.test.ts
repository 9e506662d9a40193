import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { redact } from "../../src/analysis/pii/index.ts";
import { KohtaamoError } from "../../src/domain/index.ts";
import { type ImportSummary, importFile } from "../../src/ingest/importer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore, tempDir } from "../support/databases.ts";

/**
 * A file read on the importer's reading thread (source-thread.ts, large files) ends exactly as the
 * same file read in the main thread: the same rows stored, redacted the same way, the same rows
 * rejected with the same lines and reasons, and a re-import stores nothing new. The files here are
 * small, so each import names its reading explicitly.
 */
const ROWS = 3_000;
const EMAIL = "matti.meikalainen@example.com";

function answer(i: number) {
  return {
    id: `a-${i}`,
    kind: "nps",
    score: i % 11,
    comment: i % 4 === 0 ? `Soittakaa, ${EMAIL} tai 040 123 4567 (#${i})` : i % 4 === 1 ? `ok ${i}` : "",
    answered_at: new Date(Date.UTC(2025, i % 6, 1 + (i % 27), 9)).toISOString(),
    channel: ["phone", "chat", "email"][i % 3],
    team: `Team ${i % 3}`,
    customer_id: `c-${i % 200}`,
  };
}

/** JSONL with a score out of range, a broken line, a control character and an id repeated later. */
function jsonlFile(dir: string): string {
  const lines = Array.from({ length: ROWS }, (_, i) => {
    if (i === 700) return JSON.stringify({ ...answer(i), score: 42 });
    if (i === 1_500) return '{"id": "broken", ';
    if (i === 2_222) return JSON.stringify({ ...answer(i), comment: "bell\u0007" });
    if (i === 2_900) return JSON.stringify({ ...answer(5), comment: "changed later in the file" });
    return JSON.stringify(answer(i));
  });
  const file = path.join(dir, "answers.jsonl");
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function csvFile(dir: string): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const a = answer(i);
    const date = i === 999 ? "not a date" : a.answered_at;
    return [a.id, a.kind, a.score, `"${a.comment}"`, date, a.channel, a.team, a.customer_id].join(",");
  });
  const file = path.join(dir, "answers.csv");
  fs.writeFileSync(file, `id,kind,score,comment,answered_at,channel,team,customer_id\n${rows.join("\n")}\n`);
  return file;
}

async function importOnce(store: Store, file: string, readingThread: boolean, rejectsFile: string) {
  const summary = await importFile(store, file, {
    kind: "responses",
    timeZone: "Europe/Helsinki",
    pipeline: ingestPipeline({ analyzer: null }),
    readingThread,
    rejectsFile,
    batchSize: 1_000,
  });
  const rejects = summary.rejectsFile ? fs.readFileSync(summary.rejectsFile, "utf8") : "";
  return { summary: { ...summary, rejectsFile: null } satisfies ImportSummary, rejects };
}

async function storedAnswers(store: Store) {
  const rows = await sql<{ id: string; score: number; comment: string | null; team_id: string }>`
    select id, score, comment, team_id, customer_id, content_hash from survey_responses order by id`.execute(
    store.db,
  );
  return rows.rows;
}

for (const dialect of DIALECTS) {
  describe(`the import's reading thread on ${dialect}`, () => {
    for (const format of ["jsonl", "csv"] as const) {
      it(`stores, redacts and rejects a ${format} file as the main thread does, and a re-run stores nothing new`, async () => {
        const dir = tempDir();
        const file = format === "jsonl" ? jsonlFile(dir) : csvFile(dir);
        const main = await freshStore(dialect);
        const threaded = await freshStore(dialect);
        try {
          const inMain = await importOnce(main.store, file, false, path.join(dir, "main.rejects"));
          const onThread = await importOnce(threaded.store, file, true, path.join(dir, "thread.rejects"));
          expect(onThread).toEqual(inMain);
          expect(onThread.summary.rejected).toBeGreaterThanOrEqual(format === "jsonl" ? 3 : 1);
          expect(onThread.summary.imported + onThread.summary.updated).toBeGreaterThan(ROWS - 10);
          const stored = await storedAnswers(threaded.store);
          expect(stored).toEqual(await storedAnswers(main.store));
          // Redacted before it was stored: the address never reaches the database.
          const a0 = stored.find((r) => r.id === "a-0");
          expect(a0?.comment).toBe(redact(answer(0).comment).redacted);
          expect(stored.some((r) => r.comment?.includes(EMAIL))).toBe(false);
          // A re-run stores nothing new (a-5, repeated later in the JSONL, is updated twice, as in the main thread).
          const again = await importOnce(threaded.store, file, true, path.join(dir, "again.rejects"));
          const againMain = await importOnce(main.store, file, false, path.join(dir, "again-main.rejects"));
          expect(again).toEqual(againMain);
          expect(again.summary.imported).toBe(0);
          expect(again.summary.unchanged).toBeGreaterThan(ROWS - 10);
          expect(await storedAnswers(threaded.store)).toEqual(stored);
        } finally {
          await main.dispose();
          await threaded.dispose();
        }
      });
    }

    it("fails an unusable file before the first row, with the same error as the main thread", async () => {
      const dir = tempDir();
      const file = path.join(dir, "binary.csv");
      fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 7)));
      const { store, dispose } = await freshStore(dialect);
      try {
        const errors = await Promise.all(
          [false, true].map((readingThread) =>
            importFile(store, file, {
              kind: "responses",
              timeZone: "Europe/Helsinki",
              pipeline: ingestPipeline({ analyzer: null }),
              readingThread,
            }).then(
              () => null,
              (error: unknown) => error,
            ),
          ),
        );
        for (const error of errors) {
          expect(error).toBeInstanceOf(KohtaamoError);
          expect((error as KohtaamoError).code).toBe("unreadable_input");
        }
        expect((errors[1] as Error).message).toBe((errors[0] as Error).message);
        const { n } = (await sql<{ n: number }>`select count(*) as n from survey_responses`.execute(store.db))
          .rows[0] as { n: number };
        expect(Number(n)).toBe(0);
      } finally {
        await dispose();
      }
    });
  });
}
