/**
 * Import throughput: records per second for 100,000 survey answers and 20,000 encounters of
 * 8 turns, with the analysis stage off and on, on SQLite and on PostgreSQL.
 *
 * The peer, measured in the same run on the same rows, is the database's own bulk floor:
 * raw better-sqlite3 prepared inserts in one transaction for SQLite, and `COPY … FROM STDIN`
 * for PostgreSQL. The ratio says how much of the database's raw speed the importer keeps
 * (parsing, validation, redaction, idempotency checks, the cases the default rules open and the
 * analysis stage included). The importer is importFile, what `kohtaamo import` runs, with its
 * default batch sizes. Each row ends with the 1-minute load average when it was measured: the
 * machine is shared, so compare figures taken at similar load.
 *
 * The answers come twice: as a history export (Jan–Feb 2025, older than the default case rules'
 * maxAgeDays, so none opens a case) and as a live feed (the last week: each of the ~64,000 NPS
 * detractors opens a case, with its history row and case.opened event). The two are different
 * workloads; quote the one that fits.
 *
 *   npm run bench:import                       # SQLite, plus PostgreSQL if KOHTAAMO_TEST_DATABASE_URL is set
 *   npm run bench:import -- --reps 3
 *   npm run bench:import -- --only postgres,responses,off   # some rows only
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import SQLite from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import { importFile } from "../src/ingest/importer.ts";
import { ingestPipeline } from "../src/ingest/ingest-pipeline.ts";
import { freshStore } from "../test/support/databases.ts";
import {
  liveTimes,
  syntheticEncounter,
  syntheticResponse,
  writeJsonl,
} from "../test/support/synthetic-records.ts";

const args = process.argv.slice(2);
const reps = Number(args[args.indexOf("--reps") + 1] ?? 0) || 3;
// --only postgres,responses,off,history (any of a dialect, a kind, on|off, history|live): just those rows.
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] ?? "").split(",") : [];
const AXIS_VALUES = ["sqlite", "postgres", "responses", "encounters", "on", "off", "history", "live"];
const wanted = (...row: string[]) => only.every((o) => !AXIS_VALUES.includes(o) || row.includes(o));
const pgUrl = process.env.KOHTAAMO_TEST_DATABASE_URL || undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-"));

const RESPONSES = 100_000;
const ENCOUNTERS = 20_000;
const TURNS = 8;
const responsesFile = writeJsonl(path.join(dir, "responses.jsonl"), RESPONSES, (i) => syntheticResponse(i));
const live = liveTimes();
const liveResponsesFile = writeJsonl(path.join(dir, "responses-live.jsonl"), RESPONSES, (i) =>
  syntheticResponse(i, live),
);
/** The answers the default rule (NPS 0–6) opens a case for when they are recent. */
const DETRACTORS = Array.from({ length: RESPONSES }, (_, i) => syntheticResponse(i)).filter(
  (r) => r.kind === "nps" && r.score <= 6,
).length;

/** A workload: one kind of record, and for answers whether they are a history export or a live feed. */
type Feed = "history" | "live";
const encountersFile = writeJsonl(path.join(dir, "encounters.jsonl"), ENCOUNTERS, (i) =>
  syntheticEncounter(i, TURNS),
);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function timeImport(
  dialect: "sqlite" | "postgres",
  kind: "responses" | "encounters",
  analysis: boolean,
  feed: Feed,
) {
  const { store, dispose } = await freshStore(dialect);
  try {
    const file = kind === "encounters" ? encountersFile : feed === "live" ? liveResponsesFile : responsesFile;
    const t0 = performance.now();
    const s = await importFile(store, file, {
      kind,
      timeZone: "Europe/Helsinki",
      pipeline: ingestPipeline({ analyzer: analysis ? loadDefaultAnalyzer() : null }),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (s.imported !== (kind === "responses" ? RESPONSES : ENCOUNTERS))
      throw new Error(`import stored ${s.imported}`);
    if (kind === "responses") {
      // The workload is what its label says: a history import opens no case, a live feed one per detractor.
      const cases = Number(
        (
          await store.db
            .selectFrom("cases")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const expected = feed === "live" ? DETRACTORS : 0;
      if (cases !== expected) throw new Error(`${feed} import opened ${cases} cases, expected ${expected}`);
    }
    return seconds;
  } finally {
    await dispose();
  }
}

/** The database's own floor: the same rows written with no parsing, validation or idempotency. */
async function timePeer(dialect: "sqlite" | "postgres", kind: "responses" | "encounters") {
  const rows =
    kind === "responses"
      ? Array.from({ length: RESPONSES }, (_, i) => syntheticResponse(i))
      : Array.from({ length: ENCOUNTERS }, (_, i) => syntheticEncounter(i, TURNS));
  const { store, dispose } = await freshStore(dialect);
  try {
    if (dialect === "sqlite") {
      await store.close();
      const db = new SQLite(store.dialect.location);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      const t0 = performance.now();
      if (kind === "responses") {
        const ins = db.prepare(
          "insert into survey_responses (id, kind, score, comment, answered_at, channel, team_id, customer_id, content_hash, updated_at) values (?,?,?,?,?,?,?,?,?,?)",
        );
        db.transaction(() => {
          for (const r of rows as ReturnType<typeof syntheticResponse>[])
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
      } else {
        const e1 = db.prepare(
          "insert into encounters (id, channel, started_at, team_id, agent_id, customer_id, wait_seconds, transfers, resolved, turn_count, content_hash, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
        );
        const t1 = db.prepare(
          "insert into turns (encounter_id, seq, speaker, offset_seconds, text) values (?,?,?,?,?)",
        );
        db.transaction(() => {
          for (const e of rows as ReturnType<typeof syntheticEncounter>[]) {
            e1.run(
              e.id,
              e.channel,
              e.started_at,
              e.team,
              e.agent,
              e.customer_id,
              e.wait_seconds,
              e.transfers,
              e.resolved ? 1 : 0,
              e.turns.length,
              "h",
              e.started_at,
            );
            for (const [seq, t] of e.turns.entries()) t1.run(e.id, seq, t.speaker, t.at, t.text);
          }
        })();
      }
      const s = (performance.now() - t0) / 1000;
      db.close();
      return s;
    }
    const schema = (
      await store.db.selectNoFrom((eb) => eb.fn<string>("current_schema").as("s")).executeTakeFirstOrThrow()
    ).s;
    const client = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
    await client.connect();
    const esc = (v: unknown) =>
      v === null || v === undefined || v === "" ? "\\N" : String(v).replace(/[\\\t\n]/g, " ");
    // Lines are joined into ~256 KiB chunks so the peer is not slowed by per-line stream overhead.
    const copy = async (sqlText: string, lines: string[]) => {
      const chunks: string[] = [];
      let chunk = "";
      for (const line of lines) {
        chunk += line;
        if (chunk.length > 256 * 1024) {
          chunks.push(chunk);
          chunk = "";
        }
      }
      chunks.push(chunk);
      await pipeline(Readable.from(chunks), client.query(copyFrom(sqlText)));
    };
    const t0 = performance.now();
    if (kind === "responses") {
      await copy(
        "copy survey_responses (id, kind, score, comment, answered_at, channel, team_id, customer_id, content_hash, updated_at) from stdin",
        (rows as ReturnType<typeof syntheticResponse>[]).map(
          (r) =>
            `${[r.id, r.kind, r.score, r.comment, r.answered_at, r.channel, r.team, r.customer_id, "h", r.answered_at].map(esc).join("\t")}\n`,
        ),
      );
    } else {
      const es = rows as ReturnType<typeof syntheticEncounter>[];
      await copy(
        "copy encounters (id, channel, started_at, team_id, agent_id, customer_id, wait_seconds, transfers, resolved, turn_count, content_hash, updated_at) from stdin",
        es.map(
          (e) =>
            `${[e.id, e.channel, e.started_at, e.team, e.agent, e.customer_id, e.wait_seconds, e.transfers, e.resolved ? 1 : 0, e.turns.length, "h", e.started_at].map(esc).join("\t")}\n`,
        ),
      );
      await copy(
        "copy turns (encounter_id, seq, speaker, offset_seconds, text) from stdin",
        es.flatMap((e) =>
          e.turns.map((t, seq) => `${[e.id, seq, t.speaker, t.at, t.text].map(esc).join("\t")}\n`),
        ),
      );
    }
    const s = (performance.now() - t0) / 1000;
    await client.end();
    return s;
  } finally {
    await dispose();
  }
}

const dialects: ("sqlite" | "postgres")[] = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];
console.log(`import throughput, median of ${reps} runs (node ${process.version}, ${os.cpus().length} cores)`);
console.log(
  `redaction on in both; analysis "on" runs ${loadDefaultAnalyzer().version} on every turn and comment`,
);
if (!pgUrl) console.log('PostgreSQL skipped: set KOHTAAMO_TEST_DATABASE_URL (eval "$(.ci/start-postgres)")');
console.log("");
console.log(
  "database  records                          analysis   records/s   peer records/s   ours/peer   load(1m)",
);
for (const dialect of dialects) {
  for (const kind of ["responses", "encounters"] as const) {
    // Answers as a history export and as a live feed; encounters open no case under the default rules.
    const feeds: Feed[] = kind === "responses" ? ["history", "live"] : ["history"];
    const modes = feeds.flatMap((feed) =>
      [false, true]
        .filter((analysis) =>
          wanted(dialect, kind, analysis ? "on" : "off", ...(kind === "responses" ? [feed] : [])),
        )
        .map((analysis) => ({ feed, analysis, key: `${feed}/${analysis}` })),
    );
    if (modes.length === 0) continue;
    const n = kind === "responses" ? RESPONSES : ENCOUNTERS;
    // Each rep runs the floor and then the importer back to back, so both see about the same load.
    const peer: number[] = [];
    const times = new Map<string, number[]>(modes.map((m) => [m.key, []]));
    for (let r = 0; r < reps; r++) {
      peer.push(await timePeer(dialect, kind));
      for (const m of modes) times.get(m.key)?.push(await timeImport(dialect, kind, m.analysis, m.feed));
    }
    const peerRate = n / median(peer);
    for (const m of modes) {
      const rate = n / median(times.get(m.key) ?? []);
      const label =
        kind === "responses"
          ? `${n.toLocaleString("en")} answers, ${m.feed === "live" ? "live feed" : "history"}`
          : `${n.toLocaleString("en")} encounters x ${TURNS} turns`;
      console.log(
        `${dialect.padEnd(9)} ${label.padEnd(32)} ${(m.analysis ? "on" : "off").padEnd(9)} ${rate.toFixed(0).padStart(10)} ${peerRate.toFixed(0).padStart(16)} ${(rate / peerRate).toFixed(2).padStart(10)}x ${(os.loadavg()[0] ?? 0).toFixed(2).padStart(10)}`,
      );
    }
  }
}
console.log("");
console.log(
  `answers, history: Jan–Feb 2025, older than the case rules' maxAgeDays (default 30): no case opened;`,
);
console.log(
  `answers, live feed: the last week: each of the ${DETRACTORS.toLocaleString("en")} detractors opens a case (history row, case.opened event)`,
);
console.log("targets (issue 14 item 5): PostgreSQL ≥ 50,000 answers/s; SQLite ≥ 0.40x of its floor");
fs.rmSync(dir, { recursive: true, force: true });
