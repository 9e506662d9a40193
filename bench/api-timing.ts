/**
 * What bench:dashboard and bench:scale share: a `kohtaamo start` child process, the API calls behind
 * the dashboard's pages with the raw SQL each would need without the report cube (its floor), and
 * the timing of those calls (the first request after a change, then n sequential ones).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { addLocalUser, createApiToken } from "../src/auth/accounts.ts";
import type { Store } from "../src/store/index.ts";

export const BENCH_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const BENCH_ZONE = "Europe/Helsinki";
const ROOT = BENCH_ROOT;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
};
export const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

export function startServer(
  env: Record<string, string>,
  extra: string[] = [],
  /** Node options of the server process (e.g. `--cpu-prof` to profile it). */
  nodeArgs: string[] = [],
): Promise<{ base: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, "bin/kohtaamo.js"), "start", "--port", "0", ...extra],
    {
      env: { ...process.env, DATABASE_URL: "", KOHTAAMO_TIMEZONE: BENCH_ZONE, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let log = "";
  proc.stderr?.on("data", (d) => (log += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(async () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (proc.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited: ${log}`));
      }
      if (!m?.[1]) return;
      const health = await fetch(`${m[1]}/health`).catch(() => null);
      if (health?.status === 200) {
        clearInterval(timer);
        resolve({ base: m[1], proc });
      }
    }, 200);
  });
}

export async function stop(proc: ChildProcess): Promise<void> {
  proc.kill("SIGTERM");
  await new Promise((r) => (proc.exitCode === null ? proc.once("exit", r) : r(null)));
}

/**
 * Times one GET as the first reader after the data changed (the cube refreshed, nothing cached), then
 * `n` sequential GETs, in milliseconds.
 */
export async function timeCall(
  base: string,
  url: string,
  headers: Record<string, string>,
  n: number,
): Promise<{ first: number; times: number[] }> {
  const get = async () => {
    // The raw SQL floors between calls can outlast the server's keep-alive: a socket it closed is
    // retried once on a new connection (undici's known race), never counted as a fast answer.
    const res = await fetch(`${base}/api/v1${url}`, { headers }).catch((e: { cause?: { code?: string } }) => {
      if (!["UND_ERR_SOCKET", "EPIPE", "ECONNRESET"].includes(e.cause?.code ?? "")) throw e;
      return fetch(`${base}/api/v1${url}`, { headers });
    });
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const start = performance.now();
  await get();
  const first = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await get();
    times.push(performance.now() - t0);
  }
  return { first, times };
}

/** The raw scan a theme or driver report would need without the cube: the NPS answers' columns it reads. */
export const ANSWER_SCAN_SQL = `select score, substr(answered_at, 1, 7), team_id, channel, theme_codes, enc_theme_codes, enc_wait_seconds,
  enc_transfers, enc_resolved, enc_repeat_contact, enc_linked, id from survey_responses where kind || '' = 'nps'`;

/** One API call behind a dashboard page and its floor: raw SQL, or "scan" (the raw scan of the answers). */
export interface ApiCall {
  page: string;
  url: string;
  floor: string;
  /** For "scan" calls: the raw read of the cube cells they read now. */
  also?: string;
}

/** The calls of the overview, themes, drivers and encounters pages, with SQLite floors. */
export function dashboardCalls(): ApiCall[] {
  const LAST3 = "from=2025-10-01&to=2026-01-01";
  const cubeRead = "select stats from answer_cells";
  const scoreFloor = (where: string, by = "") =>
    `select ${by}score, count(*) from survey_responses where kind = 'nps'${where} group by ${by}score`;
  return [
    { page: "overview", url: "/reports/nps", floor: scoreFloor("") },
    {
      page: "overview",
      url: `/reports/nps?${LAST3}`,
      floor: scoreFloor(" and answered_at >= '2025-09-30T21:00' and answered_at < '2025-12-31T22:00'"),
    },
    {
      page: "overview",
      url: "/reports/csat",
      floor: "select score, count(*) from survey_responses where kind = 'csat' group by score",
    },
    {
      page: "overview",
      url: "/reports/ces",
      floor: "select score, count(*) from survey_responses where kind = 'ces' group by score",
    },
    {
      page: "overview",
      url: "/reports/enps",
      floor: "select team_id, score, count(*) from pulse_answers group by team_id, score",
    },
    {
      page: "overview",
      url: "/reports/nps?by=month",
      floor: scoreFloor("", "substr(answered_at, 1, 7), ").replace(
        "group by substr(answered_at, 1, 7), score",
        "group by 1, 2",
      ),
    },
    { page: "overview", url: "/reports/nps?by=team", floor: scoreFloor("", "team_id, ") },
    { page: "overview", url: "/reports/nps?by=channel", floor: scoreFloor("", "channel, ") },
    {
      page: "overview",
      url: "/reports/response-rate?by=channel",
      floor: "select channel, count(*) from survey_invitations group by channel",
    },
    { page: "overview, themes", url: "/reports/themes", floor: "scan", also: cubeRead },
    {
      page: "overview, themes",
      url: `/reports/themes?${LAST3}`,
      floor: "scan",
      also: `${cubeRead} where month >= '2025-10'`,
    },
    { page: "overview, drivers", url: "/reports/drivers", floor: "scan", also: cubeRead },
    {
      page: "overview, drivers",
      url: `/reports/drivers?${LAST3}`,
      floor: "scan",
      also: `${cubeRead} where month >= '2025-10'`,
    },
    {
      page: "encounters",
      url: "/encounters?limit=50",
      floor: "select * from encounters order by started_at desc, id desc limit 50",
    },
    {
      page: "encounters",
      url: "/encounters?limit=50&theme=billing",
      floor:
        "select * from encounters where ' ' || theme_codes || ' ' like '% billing:%' order by started_at desc, id desc limit 50",
    },
    {
      page: "themes",
      url: "/responses?limit=50&theme=billing",
      floor:
        "select * from survey_responses where ' ' || theme_codes || ' ' like '% billing:%' order by answered_at desc, id desc limit 50",
    },
  ];
}

/**
 * Times every call (`requests` sequential requests after the first) and prints p50 and p95 beside its
 * floor, measured by `floorMs` in the same run; `scanMs` is the raw scan of the answers. Returns the
 * calls whose p95 was 300 ms or more.
 */
export async function printCallTable(options: {
  base: string;
  headers: Record<string, string>;
  calls: readonly ApiCall[];
  requests: number;
  scanMs: number;
  floorMs: (sql: string) => Promise<number>;
}): Promise<string[]> {
  const { base, headers, calls, requests, scanMs, floorMs } = options;
  console.log(
    `${"call".padEnd(42)} ${"first".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)}   raw SQL floor (median)`,
  );
  const misses: string[] = [];
  for (const call of calls) {
    const { first, times } = await timeCall(base, call.url, headers, requests);
    const p95 = quantile(times, 0.95);
    const floorText =
      call.floor === "scan"
        ? `raw scan of the answers ${ms(scanMs)} (${(p95 / scanMs).toFixed(2)}×); raw read of the cube cells ${ms(await floorMs(call.also as string))}`
        : await floorMs(call.floor).then(
            (floor) => `${ms(floor)}  (p95 = ${(p95 / Math.max(floor, 0.01)).toFixed(1)}× the floor)`,
          );
    if (p95 >= 300) misses.push(call.url);
    console.log(`${call.url.padEnd(42)} ${ms(first)} ${ms(median(times))} ${ms(p95)}   ${floorText}`);
  }
  console.log(
    misses.length === 0
      ? "every call under the 300 ms p95 target"
      : `OVER the 300 ms p95 target: ${misses.join(", ")}`,
  );
  return misses;
}

/** Times a raw SQLite query (all rows read, nothing computed), median of 3–7 runs, in milliseconds. */
export function timeSqlite(db: SQLite.Database, query: string, n: number): number {
  const statement = db.prepare(query).raw(true);
  const out: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(n, 7)); i++) {
    const t0 = performance.now();
    for (const _row of statement.iterate()) {
      // read every row
    }
    out.push(performance.now() - t0);
  }
  return median(out);
}

const BENCH_EMAIL = "bench@example.org";

/** An API token of the bench workspace's admin, added first unless `existing` says it is there. */
export async function benchToken(store: Store, existing = false): Promise<string> {
  if (!existing)
    await addLocalUser(
      store,
      { email: BENCH_EMAIL, role: "admin", teams: [], password: "bench bench bench" },
      "bench",
    );
  return (await createApiToken(store, BENCH_EMAIL, { name: "bench" }, "bench")).token;
}
