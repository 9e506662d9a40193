/**
 * Reports at dashboard speed at scale (issue 14 item 4): p50 and p95 of the API calls behind the
 * overview, themes, drivers and encounters pages over 1,000,000 answers on SQLite and 10,000,000 on
 * PostgreSQL, each beside its raw SQL floor measured in the same run (for the theme and driver reports:
 * the raw scan of the answers they would need without the report cube). Target p95 < 300 ms.
 *
 *   npm run bench:scale                                   # SQLite 1M, then PostgreSQL 10M
 *   npm run bench:scale -- --sqlite-answers 0 --pg-answers 2000000 --requests 10
 *   npm run bench:scale -- --reuse                        # keep the loaded PostgreSQL database between runs
 *   npm run bench:scale -- --pg-answers 0 --sqlite-dir D  # keep the SQLite database in D between runs
 *   npm run bench:scale -- --writes-only                  # only what one write costs (timeOneWrite)
 *   npm run bench:scale -- --calls-only                   # only the calls, not what one write costs
 *   npm run bench:scale -- --pg-database NAME             # PostgreSQL database (default kohtaamo_scale)
 *
 * PostgreSQL: KOHTAAMO_BENCH_DATABASE_URL, else KOHTAAMO_TEST_DATABASE_URL (e.g. from .ci/start-postgres);
 * the bench creates (or, with --reuse, keeps) a database `kohtaamo_scale` beside it. The answers are the
 * same seeded rows as bench:dashboard's (answer-fixture.ts), loaded with COPY with triggers off (the
 * cube's dirty-month triggers, the score cells' delta triggers and the foreign keys;
 * session_replication_role = replica), then every month is marked dirty and the cube is built as an
 * import's end would build it (timed; the score cells are counted then, as on a database migrated to 0024).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { computeStaleIntervals } from "../src/jobs/report-intervals-job.ts";
import { openStore } from "../src/store/index.ts";
import { refreshCube } from "../src/workflows/report-cube.ts";
import {
  ANSWER_COLUMNS,
  answerRows,
  buildAnswerDatabase,
  ENCOUNTER_COLUMNS,
  FIXTURE_NAMES,
  fixtureNameRows,
} from "./answer-fixture.ts";
import {
  ANSWER_SCAN_SQL,
  type ApiCall,
  BENCH_ZONE,
  benchToken,
  dashboardCalls,
  inBurst,
  median,
  printCallTable,
  startServer,
  stop,
  timeSqlite,
  watchServer,
} from "./api-timing.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1] ?? fallback) : fallback;
};
const SQLITE_ANSWERS = option("--sqlite-answers", 1_000_000);
const PG_ANSWERS = option("--pg-answers", 10_000_000);
const REQUESTS = option("--requests", 20);
const REUSE = args.includes("--reuse");
/** --writes-only: skip the table of calls, time only what one write costs (timeOneWrite). */
const WRITES_ONLY = args.includes("--writes-only");
/** --calls-only: skip timeOneWrite. */
const CALLS_ONLY = args.includes("--calls-only");
/** --pg-database NAME: the PostgreSQL database the bench creates or reuses (two benches side by side). */
const PG_DATABASE = args.includes("--pg-database")
  ? String(args[args.indexOf("--pg-database") + 1])
  : "kohtaamo_scale";
/** Selections timed while their intervals are pending (timePending): each is asked once, so one of each per agent. */
const PENDING_SAMPLES = option("--pending-samples", 9);
/** --sqlite-dir DIR: keep the SQLite database in DIR (built there when it has none) instead of a temporary one. */
const SQLITE_DIR = args.includes("--sqlite-dir") ? String(args[args.indexOf("--sqlite-dir") + 1]) : "";
const PG_URL = process.env.KOHTAAMO_BENCH_DATABASE_URL || process.env.KOHTAAMO_TEST_DATABASE_URL || "";
/** Thrown to roll a timed transaction back. */
class RollBack extends Error {}
/** The score cells' delta triggers (migration 0024), dropped inside a rolled-back transaction to time without them. */
const SCORE_TRIGGERS = ["insert", "update", "delete"].map((op) => `survey_responses_scores_${op}`);

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
const count = (n: number) => n.toLocaleString("en");

function header(label: string) {
  console.log(`\n${label}: ${REQUESTS} sequential requests per call after a warm-up (target p95 < 300 ms)`);
  console.log(
    "NPS answers only (CSAT, CES, pulse and invitations are empty); first = first request after the data changed",
  );
}

/**
 * The raw scan of the answers on PostgreSQL (ANSWER_SCAN_SQL's columns), aggregated in the server so
 * that no rows travel: SQLite's scan reads them in-process.
 */
const PG_SCAN = `select to_char(answered_at at time zone 'UTC', 'YYYY-MM'), team_id, channel, count(*), sum(score),
  sum(coalesce(length(theme_codes), 0) + coalesce(length(enc_theme_codes), 0)), sum(enc_wait_seconds),
  sum(enc_transfers + enc_resolved + enc_repeat_contact + enc_linked), max(id)
  from survey_responses where kind || '' = 'nps' group by 1, 2, 3`;

/** SQLite's floor queries in PostgreSQL's dialect (timestamps are timestamptz there). */
function pgSql(query: string): string {
  return query.replaceAll("substr(answered_at, 1, 7)", "to_char(answered_at at time zone 'UTC', 'YYYY-MM')");
}

/** One agent of the fixture (team laskutus): about 1/200 of the answers. */
const AGENT = "laskutus-7";
const LAST3 = "from=2025-10-01&to=2026-01-01";

/**
 * The calls with the filters the reports take beyond the dashboard's period, team and channel: an
 * agent (an agent's own dashboard is scoped to them), breakdowns by agent and touchpoint, and the
 * dashboard's team + channel + period combination, each beside its raw SQL (SQLite's syntax).
 */
function filteredCalls(): ApiCall[] {
  const nps = (where: string, by = "") =>
    `select ${by}score, count(*) from survey_responses where kind = 'nps'${where} group by ${by}score`;
  const agentScan = `${ANSWER_SCAN_SQL} and agent_id = '${AGENT}'`;
  const combo = " and team_id = 'laskutus' and channel = 'chat'";
  const last3 = " and answered_at >= '2025-09-30T21:00' and answered_at < '2025-12-31T22:00'";
  const cells = "select stats from answer_cells where team = 'laskutus' and channel = 'chat'";
  return [
    {
      page: "overview (agent)",
      url: `/reports/nps?agent=${AGENT}`,
      floor: nps(` and agent_id = '${AGENT}'`),
    },
    {
      page: "overview (agent)",
      url: `/reports/nps?agent=${AGENT}&${LAST3}`,
      floor: nps(` and agent_id = '${AGENT}'${last3}`),
    },
    { page: "overview", url: "/reports/nps?by=agent", floor: nps("", "agent_id, ") },
    { page: "overview", url: "/reports/nps?by=touchpoint", floor: nps("", "touchpoint, ") },
    {
      page: "overview",
      url: `/reports/nps?team=laskutus&channel=chat&${LAST3}`,
      floor: nps(`${combo}${last3}`),
    },
    { page: "themes (agent)", url: `/reports/themes?agent=${AGENT}`, floor: agentScan },
    { page: "drivers (agent)", url: `/reports/drivers?agent=${AGENT}`, floor: agentScan },
    { page: "themes", url: "/reports/themes?team=laskutus&channel=chat", floor: "scan", also: cells },
    {
      page: "drivers",
      url: `/reports/drivers?team=laskutus&channel=chat&${LAST3}`,
      floor: "scan",
      also: `${cells} and month >= '2025-10'`,
    },
  ];
}

/**
 * The theme and driver reports' bootstrap intervals are a job's (reports.intervals): asks for every
 * such call once (timing the answer with the intervals pending), then runs the job as a worker would
 * (timed), so the calls are then timed as the dashboard reads them between two changes of the data.
 */
async function primeIntervals(
  base: string,
  token: string,
  calls: readonly ApiCall[],
  database: { databaseUrl?: string; sqliteFile: string },
) {
  const pending: string[] = [];
  await inBurst(base, { authorization: `Bearer ${token}` }, async (api) => {
    for (const call of calls) {
      if (!/^\/reports\/(themes|drivers)/.test(call.url)) continue;
      const t0 = performance.now();
      const body = await api.json<{ intervals?: string }>(call.url);
      if (body.intervals === "pending") pending.push(`${call.url} ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });
  const store = openStore(database);
  const t0 = performance.now();
  const run = await computeStaleIntervals(store, BENCH_ZONE);
  await store.close();
  console.log(`answered with the intervals pending (point figures only): ${pending.join("; ") || "none"}`);
  console.log(`reports.intervals job: ${run.computed} reports with their bootstrap in ${seconds(t0)} s`);
}

/**
 * A new cube generation, as after any write (a month with no answers marked dirty and rebuilt): the
 * reports a previous run's job stored are then out of date, so this run's selections are pending again.
 */
async function newGeneration(database: { databaseUrl?: string; sqliteFile: string }): Promise<void> {
  const store = openStore(database);
  await sql`insert into cube_dirty (source, month) values ('answers', '1901-01')`.execute(store.db);
  await refreshCube(store, BENCH_ZONE);
  await store.close();
}

/**
 * The answers served while the intervals are pending, timed over several selections: a pending
 * answer is computed once per selection and cube generation (report-cube.ts), so each sample is a
 * selection not asked for before. An agent's themes and drivers (PENDING_SAMPLES agents, each of
 * about 1/200 of the answers) beside the whole workspace's (the same answers under a different
 * selection: from a month before the data), taking turns, and the raw read of one agent's answers.
 */
async function timePending(base: string, token: string, floorMs: (sql: string) => Promise<number>) {
  const { teams, agentsPerTeam } = FIXTURE_NAMES;
  const times = new Map<string, number[]>();
  const load: number[] = [];
  await inBurst(base, { authorization: `Bearer ${token}` }, async (api) => {
    const time = async (label: string, url: string) => {
      const t0 = performance.now();
      const body = await api.json<{ intervals?: string }>(url);
      const ms = performance.now() - t0;
      if (body.intervals !== "pending") throw new Error(`${url}: not a pending answer`);
      times.set(label, [...(times.get(label) ?? []), ms]);
    };
    for (let i = 0; i < PENDING_SAMPLES; i++) {
      // Not the agent of filteredCalls (AGENT), whose pending answers primeIntervals times.
      const agent = `${teams[i % teams.length]}-${(i + 11) % agentsPerTeam}`;
      const since = `from=2024-${String((i % 12) + 1).padStart(2, "0")}-01`;
      await time("/reports/themes?agent=…", `/reports/themes?agent=${agent}`);
      await time("/reports/drivers?agent=…", `/reports/drivers?agent=${agent}`);
      await time("/reports/themes?from=2024-…", `/reports/themes?${since}`);
      await time("/reports/drivers?from=2024-…", `/reports/drivers?${since}`);
      load.push(os.loadavg()[0] as number);
    }
  });
  const raw = await floorMs(`${ANSWER_SCAN_SQL} and agent_id = '${AGENT}'`);
  console.log(
    `pending answers (point figures only), ${PENDING_SAMPLES} selections each, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}:`,
  );
  for (const [label, ms] of times) {
    console.log(
      `  ${label.padEnd(32)} median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (${(median(ms) / raw).toFixed(2)}× the raw read of one agent's answers, ${raw.toFixed(0)} ms)`,
    );
  }
}

// ── SQLite ───────────────────────────────────────────────────────────────────────────────────────
if (SQLITE_ANSWERS > 0) {
  const dir = SQLITE_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-scale-"));
  const file = path.join(dir, "kohtaamo.db");
  let t0 = performance.now();
  const built = fs.existsSync(file);
  if (built) console.log(`SQLite: reusing ${file}`);
  else {
    await buildAnswerDatabase(file, SQLITE_ANSWERS);
    console.log(`SQLite: built ${count(SQLITE_ANSWERS)} answers + encounters in ${seconds(t0)} s`);
  }
  const store = openStore({ sqliteFile: file });
  await store.migrate();
  const token = await benchToken(store, built);
  await countScores(store);
  t0 = performance.now();
  await refreshCube(store, BENCH_ZONE);
  const cube = seconds(t0);
  await store.close();
  const raw = new SQLite(file, { readonly: true });
  const timeSql = (query: string, n: number) => timeSqlite(raw, query, n);
  const scanMs = timeSql(ANSWER_SCAN_SQL, 3);
  console.log(
    `SQLite: report cube ${built ? "brought up to date" : "built"} in ${cube} s; raw scan of the answers ${(scanMs / 1000).toFixed(2)} s`,
  );
  // The bench runs the reports.intervals job itself (primeIntervals), not the server on its period.
  const { base, proc } = await startServer({ KOHTAAMO_DATA_DIR: dir, KOHTAAMO_WORKER: "off" }, ["--no-demo"]);
  const watched = watchServer(proc);
  header(`SQLite, ${count(SQLITE_ANSWERS)} answers`);
  await timeCalls(base, token, { sqliteFile: file }, scanMs, async (sql) => timeSql(sql, REQUESTS));
  if (!CALLS_ONLY) await timeOneWrite({ sqliteFile: file }, base, token);
  console.log(`server peak resident memory ${watched.peakRssMb().toFixed(0)} MB`);
  await stop(proc);
  raw.close();
  if (!SQLITE_DIR) fs.rmSync(dir, { recursive: true, force: true });
}

// ── PostgreSQL ───────────────────────────────────────────────────────────────────────────────────
if (PG_ANSWERS > 0 && !PG_URL) {
  console.log("\nPostgreSQL: no KOHTAAMO_BENCH_DATABASE_URL or KOHTAAMO_TEST_DATABASE_URL; not measured");
} else if (PG_ANSWERS > 0) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const exists =
    (await admin.query("select 1 from pg_database where datname = $1", [PG_DATABASE])).rowCount === 1;
  const url = new URL(PG_URL);
  url.pathname = `/${PG_DATABASE}`;
  const scaleUrl = url.toString();
  let loaded = 0;
  if (exists && REUSE) {
    const probe = new pg.Client({ connectionString: scaleUrl });
    await probe.connect();
    loaded = Number(
      (await probe.query("select count(*) as n from survey_responses").catch(() => ({ rows: [{ n: 0 }] })))
        .rows[0]?.n ?? 0,
    );
    await probe.end();
  }
  if (loaded !== PG_ANSWERS) {
    if (exists) await admin.query(`drop database ${PG_DATABASE} with (force)`);
    await admin.query(`create database ${PG_DATABASE}`);
  }
  await admin.end();
  const store = openStore({ databaseUrl: scaleUrl, sqliteFile: "" });
  await store.migrate();
  let token = "";
  if (loaded !== PG_ANSWERS) {
    const t0 = performance.now();
    await copyAnswers(scaleUrl, PG_ANSWERS);
    console.log(
      `\nPostgreSQL: loaded ${count(PG_ANSWERS)} answers + encounters with COPY in ${seconds(t0)} s`,
    );
    const t1 = performance.now();
    await refreshCube(store, BENCH_ZONE);
    console.log(`PostgreSQL: report cube built from scratch in ${seconds(t1)} s`);
    token = await benchToken(store);
  } else {
    console.log(`\nPostgreSQL: reusing ${PG_DATABASE} with ${count(loaded)} answers`);
    const t1 = performance.now();
    if (await addFixtureAgents(scaleUrl)) {
      // Written with the triggers off: the score cells are recounted (the reconciliation path).
      await store.cube.recountScores(BENCH_ZONE);
      console.log(
        `PostgreSQL: agents and touchpoints added to a database loaded before them in ${seconds(t1)} s`,
      );
    }
    await countScores(store);
    const t2 = performance.now();
    const rebuilt = await refreshCube(store, BENCH_ZONE);
    if (rebuilt.answers.length > 0)
      console.log(`PostgreSQL: ${rebuilt.answers.length} months of the cube rebuilt in ${seconds(t2)} s`);
    token = await benchToken(store, true);
  }
  await store.close();
  const raw = new pg.Client({ connectionString: scaleUrl });
  await raw.connect();
  const timeSql = async (query: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < Math.max(3, Math.min(n, 7)); i++) {
      const s = performance.now();
      await raw.query({ text: pgSql(query), rowMode: "array" });
      out.push(performance.now() - s);
    }
    return median(out);
  };
  const scanMs = await timeSql(PG_SCAN, 3);
  console.log(
    `PostgreSQL: raw scan of the answers (aggregated in the server) ${(scanMs / 1000).toFixed(2)} s`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-scale-"));
  const { base, proc } = await startServer(
    { KOHTAAMO_DATA_DIR: dir, DATABASE_URL: scaleUrl, KOHTAAMO_WORKER: "off" },
    ["--no-demo"],
  );
  const watched = watchServer(proc);
  header(`PostgreSQL, ${count(PG_ANSWERS)} answers`);
  await timeCalls(base, token, { databaseUrl: scaleUrl, sqliteFile: "" }, scanMs, (sql) =>
    timeSql(sql, REQUESTS),
  );
  if (!CALLS_ONLY) await timeOneWrite({ databaseUrl: scaleUrl, sqliteFile: "" }, base, token);
  console.log(`server peak resident memory ${watched.peakRssMb().toFixed(0)} MB`);
  await stop(proc);
  await raw.end();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!REUSE) {
    const drop = new pg.Client({ connectionString: PG_URL });
    await drop.connect();
    await drop.query(`drop database ${PG_DATABASE} with (force)`);
    await drop.end();
  }
}

/** The dashboard's calls and the filtered ones, intervals primed, timed beside their floors (unless --writes-only). */
async function timeCalls(
  base: string,
  token: string,
  database: { databaseUrl?: string; sqliteFile: string },
  scanMs: number,
  floorMs: (sql: string) => Promise<number>,
): Promise<void> {
  if (WRITES_ONLY) return;
  const calls = [...dashboardCalls(), ...filteredCalls()];
  await newGeneration(database);
  await timePending(base, token, floorMs);
  await primeIntervals(base, token, calls, database);
  await printCallTable({
    base,
    headers: { authorization: `Bearer ${token}` },
    calls,
    requests: REQUESTS,
    scanMs,
    floorMs,
  });
}

/** Counts the score cells when they were not counted in the bench's zone (a database migrated to 0024), timed. */
async function countScores(store: ReturnType<typeof openStore>): Promise<void> {
  const t0 = performance.now();
  if (await store.cube.readyScores(BENCH_ZONE))
    console.log(`${store.dialect.name}: score cells counted from the answers in ${seconds(t0)} s`);
}

/**
 * What one write costs the reports and the writer. One answer copied into 2025-06 through the triggers
 * (the way any write path writes): the time from its commit until the NPS report (score cells) and the
 * themes report (the answers' vectors, rebuilt per month) count it, each polled through the API of a
 * server with no worker (its reader refreshes the cube); then the same for its deletion. Then the
 * write cost: 10,000 answers copied in one statement and deleted again, each pair in a transaction
 * rolled back, with every trigger and with the score cells' delta triggers dropped inside the same
 * transaction (after a warm-up, medians of 5 each, alternating which runs first; same run): the ratio
 * is what the deltas cost a bulk write. Without migration 0024 both are the same (a check of the noise).
 */
async function timeOneWrite(
  database: { databaseUrl?: string; sqliteFile: string },
  base: string,
  token: string,
): Promise<void> {
  const store = openStore(database);
  const headers = { authorization: `Bearer ${token}` };
  // One connection per request: the bench writes through its own store between these reads.
  const countOf = (url: string) =>
    inBurst(base, headers, async (api) => (await api.json<{ n: number }>(url)).n);
  const shown = async (label: string, url: string, expected: number, since: number) => {
    let requests = 0;
    let n = -1;
    while (n !== expected) {
      if (performance.now() - since > 600_000)
        throw new Error(`${url}: ${n} after 600 s, expected ${expected}`);
      n = await countOf(url);
      requests++;
    }
    console.log(
      `${label}: ${url} counts it ${(performance.now() - since).toFixed(0)} ms after the commit (${requests} request${requests === 1 ? "" : "s"})`,
    );
  };
  const [nps, themes] = [await countOf("/reports/nps"), await countOf("/reports/themes")];
  const copy = sql`insert into survey_responses (${sql.raw(ANSWER_COLUMNS.join(", "))})
    select 'bench-one-write', ${sql.raw(ANSWER_COLUMNS.slice(1).join(", "))} from survey_responses where id = 'r5'`;
  let t0 = performance.now();
  await copy.execute(store.db);
  console.log(`one answer written into 2025-06 in ${(performance.now() - t0).toFixed(1)} ms (autocommit)`);
  t0 = performance.now();
  await shown("  written", "/reports/nps", nps + 1, t0);
  await shown("  written", "/reports/themes", themes + 1, t0);
  t0 = performance.now();
  await store.db.deleteFrom("survey_responses").where("id", "=", "bench-one-write").execute();
  console.log(`and deleted again in ${(performance.now() - t0).toFixed(1)} ms`);
  t0 = performance.now();
  await shown("  deleted", "/reports/nps", nps, t0);
  await shown("  deleted", "/reports/themes", themes, t0);
  await timeBulkWrite(store);
  await store.close();
}

async function timeBulkWrite(store: ReturnType<typeof openStore>): Promise<void> {
  const ROWS = 10_000;
  const pgDb = store.dialect.name === "postgres";
  const ids = Array.from({ length: ROWS }, (_, i) => `r${i * 37}`);
  const copies = sql.join(ids.map((id) => `bench-bulk-${id}`));
  const copyMany = sql`insert into survey_responses (${sql.raw(ANSWER_COLUMNS.join(", "))})
    select 'bench-bulk-' || id, ${sql.raw(ANSWER_COLUMNS.slice(1).join(", "))} from survey_responses
    where id in (${sql.join(ids)})`;
  const once = async (withDeltas: boolean) => {
    const times = { insert: 0, update: 0, delete: 0 };
    await store.db
      .transaction()
      .execute(async (trx) => {
        if (!withDeltas)
          for (const name of SCORE_TRIGGERS)
            await sql`drop trigger if exists ${sql.raw(name)}${sql.raw(pgDb ? " on survey_responses" : "")}`.execute(
              trx,
            );
        let t = performance.now();
        await copyMany.execute(trx);
        times.insert = performance.now() - t;
        t = performance.now();
        await sql`update survey_responses set score = (score + 1) % 11 where id in (${copies})`.execute(trx);
        times.update = performance.now() - t;
        t = performance.now();
        await sql`delete from survey_responses where id in (${copies})`.execute(trx);
        times.delete = performance.now() - t;
        throw new RollBack();
      })
      .catch((e) => {
        if (!(e instanceof RollBack)) throw e;
      });
    return times;
  };
  const runs: Record<"with" | "without", { insert: number; update: number; delete: number }[]> = {
    with: [],
    without: [],
  };
  await once(true); // warm-up: the copied rows' pages read into the cache
  for (let i = 0; i < 5; i++) {
    // Alternating which goes first, so neither always runs on a warmer cache.
    if (i % 2 === 0) runs.with.push(await once(true));
    runs.without.push(await once(false));
    if (i % 2 === 1) runs.with.push(await once(true));
  }
  for (const op of ["insert", "update", "delete"] as const) {
    const w = median(runs.with.map((r) => r[op]));
    const wo = median(runs.without.map((r) => r[op]));
    console.log(
      `${op} of ${count(ROWS)} answers in one statement: ${w.toFixed(0)} ms with the score deltas, ${wo.toFixed(0)} ms without (${(w / wo).toFixed(2)}×; ${(((w - wo) / ROWS) * 1000).toFixed(1)} µs a row); load ${os.loadavg()[0]?.toFixed(2)}`,
    );
  }
}

/** answerRows() into PostgreSQL with COPY, triggers off, then every month marked dirty for the cube. */
async function copyAnswers(databaseUrl: string, answers: number): Promise<void> {
  const encounters = new pg.Client({ connectionString: databaseUrl });
  const responses = new pg.Client({ connectionString: databaseUrl });
  await encounters.connect();
  await responses.connect();
  for (const c of [encounters, responses]) await c.query("set session_replication_role = replica");
  const esc = (v: string | number | null) => (v === null ? "\\N" : String(v));
  const line = (values: (string | number | null)[]) => `${values.map(esc).join("\t")}\n`;
  const now = new Date().toISOString();
  const CHUNK = 1_000_000;
  const rows = answerRows(answers, now);
  for (let done = 0; done < answers; done += CHUNK) {
    const e: string[] = [];
    const a: string[] = [];
    let batchE = "";
    let batchA = "";
    for (let k = 0; k < Math.min(CHUNK, answers - done); k++) {
      const next = rows.next();
      if (next.done) break;
      batchE += line(next.value.encounter);
      batchA += line(next.value.answer);
      if (batchE.length > 1 << 20) {
        e.push(batchE);
        a.push(batchA);
        batchE = "";
        batchA = "";
      }
    }
    e.push(batchE);
    a.push(batchA);
    await Promise.all([
      pipeline(
        Readable.from(e),
        encounters.query(copyFrom(`copy encounters (${ENCOUNTER_COLUMNS.join(", ")}) from stdin`)),
      ),
      pipeline(
        Readable.from(a),
        responses.query(copyFrom(`copy survey_responses (${ANSWER_COLUMNS.join(", ")}) from stdin`)),
      ),
    ]);
    process.stderr.write(`  copied ${count(Math.min(answers, done + CHUNK))} of ${count(answers)}\n`);
  }
  await responses.query(
    `insert into cube_dirty (source, month)
       select distinct 'answers', to_char(answered_at at time zone 'UTC', 'YYYY-MM') from survey_responses
     union select distinct 'encounters', to_char(started_at at time zone 'UTC', 'YYYY-MM') from encounters
     on conflict do nothing`,
  );
  await insertFixtureNames(responses);
  await responses.query("analyze survey_responses");
  await responses.query("analyze encounters");
  await encounters.end();
  await responses.end();
}

/** dimension_names for the fixture's names, so that `?agent=`, `?team=`… match them (COPY bypassed the resolver). */
async function insertFixtureNames(client: pg.Client): Promise<void> {
  for (const n of fixtureNameRows())
    await client.query(
      "insert into dimension_names (dimension, key, display) values ($1, $2, $3) on conflict do nothing",
      [n.dimension, n.key, n.display],
    );
}

/**
 * A kohtaamo_scale loaded before the fixture had agents and touchpoints: sets them as answerRows()
 * derives them from the row number, marks every month dirty and adds their names. False when they were there.
 */
async function addFixtureAgents(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const has = await client.query("select 1 from survey_responses where agent_id is not null limit 1");
    if (has.rowCount === 1) return false;
    const tps = `array[${FIXTURE_NAMES.touchpoints.map((t) => `'${t}'`).join(", ")}]`;
    const set = (table: string) =>
      `update ${table} set agent_id = team_id || '-' || ((substr(id, 2)::bigint / 5) % ${FIXTURE_NAMES.agentsPerTeam}),
         touchpoint = (${tps})[((substr(id, 2)::bigint / 20) % ${FIXTURE_NAMES.touchpoints.length}) + 1]`;
    await client.query("set session_replication_role = replica");
    await client.query(set("survey_responses"));
    await client.query(set("encounters"));
    await client.query("set session_replication_role = origin");
    await client.query(
      `insert into cube_dirty (source, month)
         select distinct 'answers', to_char(answered_at at time zone 'UTC', 'YYYY-MM') from survey_responses
       on conflict do nothing`,
    );
    await insertFixtureNames(client);
    await client.query("vacuum analyze survey_responses");
    await client.query("vacuum analyze encounters");
    return true;
  } finally {
    await client.end();
  }
}
