/**
 * Bounded load test (issue 14 item 6), loopback only: 20 concurrent dashboard readers (autocannon) while
 * `kohtaamo import` writes 1,000,000 NPS answers into PostgreSQL with KOHTAAMO_ANALYSIS=queue and two
 * `kohtaamo worker` processes analyse their comments. Printed: errors and non-2xx answers, read latency
 * p50/p95/p99 during the load beside the same readers on the idle server before it (the floor, same run),
 * the import's rate, how long the analysis queue took to drain, and the final accounting: every answer
 * stored once, every comment analysed once, no job failed (`kohtaamo jobs --json`). Targets: zero
 * errors, p95 reads < 500 ms, every row accounted for.
 *
 *   eval "$(.ci/start-postgres)"      # or any PostgreSQL: KOHTAAMO_BENCH_DATABASE_URL
 *   npm run bench:load                # 1,000,000 answers
 *   npm run bench:load -- --answers 100000 --idle-seconds 5
 *   npm run bench:load -- --answers 200000 --profile /tmp/prof   # + a CPU profile of the web process
 *
 * The bench creates and drops a database `kohtaamo_load` beside the given one (`--keep-db` keeps it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { openStore } from "../src/store/index.ts";
import { syntheticResponse, writeJsonl } from "../test/support/synthetic-records.ts";
import {
  BENCH_ROOT,
  benchToken,
  dashboardCalls,
  inBurst,
  quantile,
  startServer,
  stop,
} from "./api-timing.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1] ?? fallback) : fallback;
};
const ANSWERS = option("--answers", 1_000_000);
const IDLE_SECONDS = option("--idle-seconds", 15);
const READERS = 20;
const PG_URL = process.env.KOHTAAMO_BENCH_DATABASE_URL || process.env.KOHTAAMO_TEST_DATABASE_URL || "";
if (!PG_URL) {
  console.error("bench:load needs PostgreSQL: KOHTAAMO_BENCH_DATABASE_URL or KOHTAAMO_TEST_DATABASE_URL");
  process.exit(2);
}
const count = (n: number) => Math.round(n).toLocaleString("en");
const BIN = path.join(BENCH_ROOT, "bin/kohtaamo.js");

// ── a fresh database, an admin token, the file to import ────────────────────────────────────────
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query("drop database if exists kohtaamo_load with (force)");
await admin.query("create database kohtaamo_load");
await admin.end();
const dbUrl = Object.assign(new URL(PG_URL), { pathname: "/kohtaamo_load" }).toString();
const store = openStore({ databaseUrl: dbUrl, sqliteFile: "" });
await store.migrate();
const token = await benchToken(store);
await store.close();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-load-"));
const file = writeJsonl(path.join(dir, "responses.jsonl"), ANSWERS, syntheticResponse);
let comments = 0;
for (let i = 0; i < ANSWERS; i++) if (syntheticResponse(i).comment !== "") comments++;

const env = {
  DATABASE_URL: dbUrl,
  KOHTAAMO_DATA_DIR: dir,
  KOHTAAMO_ANALYSIS: "queue",
  KOHTAAMO_WORKER: "off",
};
const profileAt = args.indexOf("--profile");
const profileDir = profileAt >= 0 ? path.resolve(args[profileAt + 1] ?? "profiles") : null;
// --profile DIR: a V8 CPU profile of the web process, written to DIR when it stops.
const { base, proc: server } = await startServer(
  env,
  ["--no-demo"],
  profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
);
const headers = { authorization: `Bearer ${token}` };

function child(cli: string[]): ChildProcess & { done: Promise<number | null>; log: () => string } {
  const proc = spawn(process.execPath, [BIN, ...cli], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout?.on("data", (d) => (log += d));
  proc.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)));
  const done = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return Object.assign(proc, { done, log: () => log });
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}
/** CPU seconds of the whole machine so far (every core, idle and iowait excluded). */
function machineCpuSeconds(): number {
  try {
    const [, ...t] = (fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
    const n = t.map(Number);
    return (n.reduce((a, b) => a + b, 0) - (n[3] ?? 0) - (n[4] ?? 0)) / 100;
  } catch {
    return 0;
  }
}

// ── readers ──────────────────────────────────────────────────────────────────────────────────────
/** 20 connections cycling through the dashboard's calls until stopped; every answer's latency kept. */
function readers() {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let finish: (r: autocannon.Result) => void = () => {};
  const result = new Promise<autocannon.Result>((resolve) => {
    finish = resolve;
  });
  const instance = autocannon(
    {
      url: base,
      connections: READERS,
      duration: 24 * 3600,
      headers,
      requests: [
        ...dashboardCalls().map((c) => ({ method: "GET" as const, path: `/api/v1${c.url}` })),
        { method: "GET" as const, path: "/api/v1/analysis/status" },
      ],
      timeout: 30,
    },
    (error, r) => {
      if (error) throw error;
      finish(r);
    },
  );
  const byCall = new Map<string, number[]>();
  instance.on("response", (client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    // With pipelining 1 a client's current request is the one just answered (autocannon sends the
    // next one only after this event).
    const answered = (client as unknown as { requestIterator: { currentRequest: { path?: string } } })
      .requestIterator.currentRequest.path;
    const call = (answered ?? "?").replace(/^\/api\/v1/, "");
    const list = byCall.get(call) ?? [];
    list.push(responseTime);
    byCall.set(call, list);
  });
  return {
    latencies,
    statuses,
    byCall,
    async stop() {
      instance.stop();
      return result;
    },
  };
}

function summary(label: string, latencies: number[], result: autocannon.Result, seconds: number) {
  const non2xx = result.non2xx;
  console.log(
    `${label.padEnd(34)} ${count(latencies.length).padStart(9)} reads in ${seconds.toFixed(0)} s   p50 ${quantile(latencies, 0.5).toFixed(0)} ms   p95 ${quantile(latencies, 0.95).toFixed(0)} ms   p99 ${quantile(latencies, 0.99).toFixed(0)} ms   errors ${result.errors}   timeouts ${result.timeouts}   non-2xx ${non2xx}`,
  );
  return { p95: quantile(latencies, 0.95), bad: result.errors + result.timeouts + non2xx };
}

/** Each call's p50/p95 on the idle server and under load, the slowest under load first. */
function printPerCall(idleCalls: Map<string, number[]>, loadCalls: Map<string, number[]>) {
  const cell = (xs: number[] | undefined) =>
    xs && xs.length > 0
      ? `${count(xs.length).padStart(7)} ${quantile(xs, 0.5).toFixed(0).padStart(6)} ${quantile(xs, 0.95).toFixed(0).padStart(6)}`
      : `${"0".padStart(7)} ${"-".padStart(6)} ${"-".padStart(6)}`;
  const p95 = (call: string) => quantile(loadCalls.get(call) ?? [0], 0.95);
  const calls = [...new Set([...idleCalls.keys(), ...loadCalls.keys()])].sort((a, b) => p95(b) - p95(a));
  console.log(
    `${"call (ms)".padEnd(44)} ${"idle n".padStart(7)} ${"p50".padStart(6)} ${"p95".padStart(6)}   ${"load n".padStart(7)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"p99".padStart(6)}`,
  );
  for (const call of calls) {
    const under = loadCalls.get(call);
    console.log(
      `${call.padEnd(44)} ${cell(idleCalls.get(call))}   ${cell(under)} ${(under ? quantile(under, 0.99).toFixed(0) : "-").padStart(6)}`,
    );
  }
}

console.log(
  `load test: ${READERS} concurrent readers of the dashboard's ${dashboardCalls().length + 1} API calls, PostgreSQL, KOHTAAMO_ANALYSIS=queue`,
);
let t0 = performance.now();
const idle = readers();
await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
const idleResult = await idle.stop();
const floor = summary("idle server (floor)", idle.latencies, idleResult, (performance.now() - t0) / 1000);

// ── the load: import + two workers, readers throughout ──────────────────────────────────────────
const workers = [child(["worker"]), child(["worker"])];
t0 = performance.now();
const loaded = readers();
const importer = child(["import", file, "--kind", "responses"]);
// Where the machine's CPU went during the load (the importer's /proc entry goes when it exits, so
// every process is sampled each second and its last reading kept).
const cpuAt0 = { machine: machineCpuSeconds(), web: cpuSeconds(server.pid), bench: process.cpuUsage() };
const cpu = { web: 0, importer: 0, workers: 0 };
// The PostgreSQL backends serving the load's database (same machine only), by their pid.
const backends = new Map<number, { at0: number; now: number }>();
const monitor = new pg.Client({ connectionString: dbUrl });
await monitor.connect();
let sampling = false;
const sampleCpu = async () => {
  cpu.web = cpuSeconds(server.pid) - cpuAt0.web;
  cpu.importer = Math.max(cpu.importer, cpuSeconds(importer.pid));
  cpu.workers = Math.max(
    cpu.workers,
    workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0),
  );
  if (sampling) return;
  sampling = true;
  const rows = await monitor
    .query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database()")
    .catch(() => ({ rows: [] as { pid: number }[] }));
  for (const { pid } of rows.rows) {
    const now = cpuSeconds(pid);
    const b = backends.get(pid) ?? { at0: now, now };
    b.now = Math.max(b.now, now);
    backends.set(pid, b);
  }
  sampling = false;
};
const sampler = setInterval(sampleCpu, 1000);
// How far the dashboard's figures trail the stored rows while the cube is refreshed by the job:
// every 15 s the answers stored beside the n of GET /reports/nps (a count of the table: not more often,
// it is the bench's own load on the database).
const servedN = () =>
  inBurst(base, headers, async (api) => (await api.json<{ n: number }>("/reports/nps")).n);
const lags: { stored: number; served: number }[] = [];
let lagging = false;
const lagSampler = setInterval(async () => {
  if (lagging) return;
  lagging = true;
  try {
    const [stored, served] = await Promise.all([
      monitor
        .query<{ n: string }>("select count(*) as n from survey_responses")
        .then((r) => Number(r.rows[0]?.n)),
      servedN(),
    ]);
    lags.push({ stored, served });
  } catch {
    // a sample lost to a busy moment is not a figure
  }
  lagging = false;
}, 15_000);
const importCode = await importer.done;
const importSeconds = (performance.now() - t0) / 1000;
let drained = 0;
for (;;) {
  const status = await inBurst(base, headers, (api) =>
    api.json<{ pending: { total: number } }>("/analysis/status"),
  );
  if (status.pending.total === 0) break;
  await new Promise((r) => setTimeout(r, 2000));
}
drained = (performance.now() - t0) / 1000;
const loadResult = await loaded.stop();
await sampleCpu();
clearInterval(sampler);
clearInterval(lagSampler);
await monitor.end();
// The reports catch up with the last rows once the job's next refresh ran.
const catchUp0 = performance.now();
let servedAtEnd = await servedN();
while (servedAtEnd !== ANSWERS && performance.now() - catchUp0 < 120_000) {
  await new Promise((r) => setTimeout(r, 500));
  servedAtEnd = await servedN();
}
const catchUp = (performance.now() - catchUp0) / 1000;
const load = summary("during import + analysis", loaded.latencies, loadResult, drained);
const worstLag = lags.reduce((w, l) => (l.stored - l.served > w.stored - w.served ? l : w), {
  stored: 0,
  served: 0,
});
console.log(
  `freshness: the NPS report trailed the stored answers by at most ${count(worstLag.stored - worstLag.served)} (${count(worstLag.served)} of ${count(worstLag.stored)}, ${lags.length} samples 15 s apart); it showed all ${count(ANSWERS)} ${catchUp.toFixed(1)} s after the queue was empty (n ${count(servedAtEnd)})`,
);
printPerCall(idle.byCall, loaded.byCall);
{
  const machine = machineCpuSeconds() - cpuAt0.machine;
  const used = process.cpuUsage(cpuAt0.bench);
  const bench = (used.user + used.system) / 1e6;
  const postgres = [...backends.values()].reduce((sum, b) => sum + b.now - b.at0, 0);
  const rest = machine - cpu.web - cpu.importer - cpu.workers - bench - postgres;
  console.log(
    `CPU seconds during the load (${os.cpus().length} cores × ${drained.toFixed(0)} s = ${(os.cpus().length * drained).toFixed(0)}): web ${cpu.web.toFixed(0)}, importer ${cpu.importer.toFixed(0)}, 2 workers ${cpu.workers.toFixed(0)}, PostgreSQL backends of the load's database ${postgres.toFixed(0)} (sampled each second), bench (autocannon) ${bench.toFixed(0)}, the rest of the machine (other work, PostgreSQL's own processes) ${rest.toFixed(0)}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
}
for (const w of workers) w.kill("SIGTERM");
await Promise.all(workers.map((w) => w.done));
await stop(server);

// ── accounting ───────────────────────────────────────────────────────────────────────────────────
const jobs = child(["jobs", "--json"]);
await jobs.done;
const jobLine = jobs.log().trim().split("\n").at(-1) ?? "{}";
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
const one = async (q: string) => Number((await db.query(q)).rows[0]?.n ?? -1);
const stored = await one("select count(*) as n from survey_responses");
const distinct = await one("select count(distinct id) as n from survey_responses");
const analysed = await one("select count(*) as n from analysis_results where subject_kind = 'response'");
const analysedOnce = await one(
  "select count(distinct subject_id) as n from analysis_results where subject_kind = 'response'",
);
await db.end();
const failed = Number((JSON.parse(jobLine) as { failed?: number }).failed ?? -1);
if (failed !== 0) {
  // The failed jobs with their errors, and what the workers said of them.
  console.log(jobs.log().slice(-4000));
  for (const w of workers) console.log(`worker ${w.pid}:\n${w.log().slice(-3000)}`);
}
console.log(
  `import: exit ${importCode}, ${count(ANSWERS)} answers in ${importSeconds.toFixed(0)} s (${count(ANSWERS / importSeconds)} answers/s); analysis queue empty ${drained.toFixed(0)} s after the start`,
);
console.log(
  `accounting: ${count(stored)} answers stored (${count(distinct)} distinct ids, ${count(ANSWERS)} in the file); ${count(analysed)} analyses for ${count(analysedOnce)} answers (${count(comments)} have a comment); jobs ${jobLine}`,
);
const ok =
  importCode === 0 &&
  stored === ANSWERS &&
  distinct === ANSWERS &&
  analysed === comments &&
  analysedOnce === comments &&
  failed === 0 &&
  servedAtEnd === ANSWERS &&
  load.bad === 0 &&
  load.p95 < 500;
console.log(
  `${ok ? "PASS" : "MISS"}: errors ${load.bad} (target 0), p95 reads ${load.p95.toFixed(0)} ms under load (target < 500; idle floor ${floor.p95.toFixed(0)} ms, ${(load.p95 / Math.max(1, floor.p95)).toFixed(1)}×), every row accounted for: ${stored === ANSWERS && analysed === comments && failed === 0}`,
);
if (!ok) console.log(importer.log().slice(-2000));
if (!args.includes("--keep-db")) {
  const drop = new pg.Client({ connectionString: PG_URL });
  await drop.connect();
  await drop.query("drop database if exists kohtaamo_load with (force)");
  await drop.end();
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
