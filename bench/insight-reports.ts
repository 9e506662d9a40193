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
import { Xoshiro128ss } from "../src/stats/bootstrap.ts";
import { openStore } from "../src/store/index.ts";

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

const THEMES = [
  ["billing", -2.5],
  ["waiting", -1.5],
  ["outage", -1.2],
  ["staff_friendliness", 1.0],
  ["delivery", -0.6],
  ["prices", 0],
  ["information", 0],
  ["website", 0],
  ["app_login", -0.5],
  ["contract_changes", 0],
  ["payments", 0],
  ["returns_refunds", 0],
] as const;

async function build(): Promise<void> {
  const store = openStore({ sqliteFile: file });
  await store.migrate();
  await store.close();
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = new Date().toISOString();
  const enc = db.prepare(
    `insert into encounters (id, channel, started_at, team_id, customer_id, wait_seconds, transfers, resolved,
       turn_count, content_hash, updated_at, theme_codes, tone_score, repeat_contact)
     values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const ans = db.prepare(
    `insert into survey_responses (id, kind, score, comment, answered_at, channel, team_id, encounter_id,
       content_hash, updated_at, theme_codes, tone_score,
       enc_theme_codes, enc_wait_seconds, enc_transfers, enc_resolved, enc_repeat_contact, enc_linked)
     values (?, 'nps', ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  // The project's seeded generator, so every run measures the same data.
  const generator = new Xoshiro128ss(20261124);
  const random = () => generator.float();
  const channels = ["phone", "chat", "email", "bot"];
  const teams = ["asiakaspalvelu", "laskutus", "tekninen-tuki", "myynti", "digipalvelut"];
  const insert = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const month = 1 + (i % 12);
      const at = `2025-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00.000Z`;
      const wait = random() * 900;
      const transfers = random() < 0.2 ? 1 + Math.floor(random() * 2) : 0;
      const resolved = random() < 0.8 ? 1 : 0;
      const repeat = random() < 0.15 ? 1 : 0;
      const codes: string[] = [];
      const commentCodes: string[] = [];
      let score = 8.2 - 0.002 * wait - 0.5 * transfers + 1.4 * resolved - 1.0 * repeat;
      for (const [theme, effect] of THEMES) {
        if (random() < 0.08) {
          const polarity = random() < (effect > 0 ? 0.8 : 0.3) ? 1 : -1;
          score += polarity * Math.abs(effect);
          (random() < 0.5 ? codes : commentCodes).push(`${theme}:${polarity}`);
        }
      }
      score = Math.max(0, Math.min(10, Math.round(score + (random() - 0.5) * 5)));
      const channel = channels[i % channels.length] as string;
      const team = teams[i % teams.length] as string;
      enc.run(
        `e${i}`,
        channel,
        at,
        team,
        `c${i % 300_000}`,
        wait,
        transfers,
        resolved,
        `h${i}`,
        now,
        codes.join(" ") || null,
        random() - 0.5,
        repeat,
      );
      ans.run(
        `r${i}`,
        score,
        at,
        channel,
        team,
        `e${i}`,
        `h${i}`,
        now,
        commentCodes.join(" ") || null,
        null,
        codes.join(" ") || null,
        wait,
        transfers,
        resolved,
        repeat,
      );
    }
  });
  for (let i = 0; i < ANSWERS; i += 50_000) insert(i, Math.min(ANSWERS, i + 50_000));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

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
await build();
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
