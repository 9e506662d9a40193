/**
 * Time of `kohtaamo report drivers` and `kohtaamo report themes` (bootstrap included) over
 * 1,000,000 NPS answers on SQLite, each linked to an analysed encounter. Target: under 5 s each.
 *
 * The records are written straight into a migrated database (not imported: the import has its
 * own benchmark), with theme codes, tone and the answer's copy of its encounter's facts as the
 * write path stores them, and scores drawn from a model with planted effects so the reports have
 * something real to find.
 *
 * Each report is timed as a user runs it: a fresh `node bin/kohtaamo.js report … --json` process,
 * start-up, migration check, reading and bootstrap included. The peer, timed in the same run, is
 * the floor of reading the same rows: the same columns scanned by raw better-sqlite3 with no
 * processing at all. The ratio says what the statistics cost on top of reading the data.
 *
 *   npm run bench:insights                 # 1,000,000 answers, 3 repetitions
 *   npm run bench:insights -- --answers 200000 --reps 5 --keep   # --keep leaves the database for profiling
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { buildAnswerDatabase } from "./answer-fixture.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) || fallback : fallback;
};
const ANSWERS = option("--answers", 1_000_000);
const REPS = option("--reps", 3);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-insights-"));
const file = path.join(dir, "kohtaamo.db");

/** The floor: the same join the reports read, scanned raw, nothing computed. */
function floorSeconds(): number {
  const db = new SQLite(file, { readonly: true });
  const t0 = performance.now();
  let n = 0;
  const statement = db
    .prepare(
      `select score, substr(answered_at, 1, 7), team_id, channel, theme_codes, enc_theme_codes,
         enc_wait_seconds, enc_transfers, enc_resolved, enc_repeat_contact, enc_linked
       from survey_responses where kind || '' = 'nps'`,
    )
    .raw(true);
  for (const _row of statement.iterate()) n++;
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  if (n !== ANSWERS) throw new Error(`floor read ${n} rows`);
  return seconds;
}

function reportSeconds(metric: string): number {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin/kohtaamo.js"), "report", metric, "--json"], {
    env: { ...process.env, KOHTAAMO_DATA_DIR: dir, DATABASE_URL: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`report ${metric} failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split("\n").pop() as string) as { n?: number };
  if (metric === "drivers" && report.n !== ANSWERS) throw new Error(`drivers used ${report.n} answers`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const t0 = performance.now();
await buildAnswerDatabase(file, ANSWERS);
console.log(
  `built ${ANSWERS.toLocaleString("en")} answers + encounters in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const times: Record<string, number[]> = { drivers: [], themes: [], floor: [] };
for (let rep = 0; rep < REPS; rep++) {
  times.floor?.push(floorSeconds());
  times.drivers?.push(reportSeconds("drivers"));
  times.themes?.push(reportSeconds("themes"));
}
const floor = median(times.floor as number[]);
console.log(
  `\nanswers: ${ANSWERS.toLocaleString("en")}, repetitions: ${REPS} (median, seconds; target < 5 s)`,
);
console.log(`peer: raw better-sqlite3 scan of the same answers, nothing computed: ${floor.toFixed(2)} s`);
for (const metric of ["drivers", "themes"]) {
  const xs = times[metric] as number[];
  const m = median(xs);
  console.log(
    `report ${metric.padEnd(8)} ${m.toFixed(2)} s  (range ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})  ${(m / floor).toFixed(2)}× the raw scan  ${m < 5 ? "under" : "OVER"} the 5 s target`,
  );
}
if (args.includes("--keep")) console.log(`database kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
