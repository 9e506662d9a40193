/**
 * What migration 0024's score triggers cost an import: 100,000 synthetic survey answers imported with
 * importFile (what `kohtaamo import` runs) into a fresh database with the triggers, and into one with
 * them dropped, alternating which runs first, median of 3 each in the same run; on SQLite also raw
 * prepared inserts of the same rows the same way (bench:import's floor). The ratio is the triggers'
 * cost; each line ends with the 1-minute load average (the machine is shared).
 *
 *   node --import tsx bench/score-triggers.ts          # SQLite, plus PostgreSQL if KOHTAAMO_TEST_DATABASE_URL is set
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { importFile } from "../src/ingest/importer.ts";
import { ingestPipeline } from "../src/ingest/ingest-pipeline.ts";
import { freshStore } from "../test/support/databases.ts";
import { syntheticResponse, writeJsonl } from "../test/support/synthetic-records.ts";

const N = 100_000;
const REPS = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-triggers-"));
const file = writeJsonl(path.join(dir, "responses.jsonl"), N, syntheticResponse);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const TRIGGERS = ["insert", "update", "delete"].map((op) => `survey_responses_scores_${op}`);

/** Seconds to write the N answers into a fresh database, with or without the score triggers. */
async function once(dialect: "sqlite" | "postgres", withTriggers: boolean, raw: boolean): Promise<number> {
  const { store, dispose } = await freshStore(dialect);
  try {
    if (!withTriggers)
      for (const t of TRIGGERS)
        await sql`drop trigger if exists ${sql.raw(t)}${sql.raw(dialect === "postgres" ? " on survey_responses" : "")}`.execute(
          store.db,
        );
    if (raw) {
      await store.close();
      const db = new SQLite(store.dialect.location);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      const rows = Array.from({ length: N }, (_, i) => syntheticResponse(i));
      const ins = db.prepare(
        "insert into survey_responses (id, kind, score, comment, answered_at, channel, team_id, customer_id, content_hash, updated_at) values (?,?,?,?,?,?,?,?,?,?)",
      );
      const t0 = performance.now();
      db.transaction(() => {
        for (const r of rows)
          ins.run(
            r.id,
            r.kind,
            r.score,
            r.comment,
            r.answered_at,
            r.channel,
            r.team,
            r.customer_id,
            "h",
            r.answered_at,
          );
      })();
      const seconds = (performance.now() - t0) / 1000;
      db.close();
      return seconds;
    }
    const t0 = performance.now();
    const result = await importFile(store, file, {
      kind: "responses",
      timeZone: "Europe/Helsinki",
      pipeline: ingestPipeline({ analyzer: null }),
    });
    if (result.imported !== N) throw new Error(`imported ${result.imported} of ${N}`);
    return (performance.now() - t0) / 1000;
  } finally {
    await dispose();
  }
}

const cases: ["sqlite" | "postgres", boolean][] = [
  ["sqlite", true],
  ["sqlite", false],
  ["postgres", false],
];
for (const [dialect, raw] of cases) {
  if (dialect === "postgres" && !process.env.KOHTAAMO_TEST_DATABASE_URL) continue;
  const withT: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < REPS; i++) {
    if (i % 2 === 0) withT.push(await once(dialect, true, raw));
    without.push(await once(dialect, false, raw));
    if (i % 2 === 1) withT.push(await once(dialect, true, raw));
  }
  const a = median(withT);
  const b = median(without);
  const all = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(", ");
  console.log(
    `${dialect} ${raw ? "raw prepared inserts" : "importFile"}, ${N.toLocaleString("en")} answers: ` +
      `${(N / a).toFixed(0)}/s with the score triggers, ${(N / b).toFixed(0)}/s without: ${(a / b).toFixed(2)}× the time ` +
      `(runs ${all(withT)} s against ${all(without)} s); load ${os.loadavg()[0]?.toFixed(2)}`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
