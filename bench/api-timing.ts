/**
 * What bench:dashboard and bench:scale share: a `kohtaamo start` child process, the API calls behind
 * the dashboard's pages with the raw SQL each would need without the report cube (its floor), and
 * the timing of those calls (the first request after a change, then n sequential ones).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
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
      // A connection of its own, closed after: nothing the bench keeps idle in a pool (ApiBurst).
      const health = await new Promise<number>((ok) =>
        http
          .get(`${m[1]}/health`, { agent: false }, (res) => ok(res.resume().statusCode ?? 0))
          .on("error", () => ok(0)),
      );
      if (health === 200) {
        clearInterval(timer);
        resolve({ base: m[1], proc });
      }
    }, 200);
  });
}

/** Servers the bench itself is stopping: their exit is expected (watchServer). */
const stopping = new WeakSet<ChildProcess>();

export async function stop(proc: ChildProcess): Promise<void> {
  stopping.add(proc);
  proc.kill("SIGTERM");
  await new Promise((r) => (proc.exitCode === null ? proc.once("exit", r) : r(null)));
}

/**
 * Says so, with the exit code or signal, the server's peak resident memory and the end of its log, when
 * the server under test exits before the bench stops it — whatever the code or signal, a SIGTERM from
 * another process included (its shutdown exits 0): the bench's requests would otherwise only fail with
 * ECONNREFUSED. Samples the server's resident memory every 2 s (Linux /proc) for the peak.
 */
export function watchServer(proc: ChildProcess): { peakRssMb: () => number } {
  let log = "";
  let peak = 0;
  proc.stderr?.on("data", (d) => {
    log = (log + d).slice(-4000);
  });
  const sample = () => {
    const status = fs.existsSync(`/proc/${proc.pid}/status`)
      ? fs.readFileSync(`/proc/${proc.pid}/status`, "utf8")
      : "";
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
  };
  const timer = setInterval(sample, 2000);
  timer.unref();
  proc.once("exit", (code, signal) => {
    clearInterval(timer);
    if (!stopping.has(proc))
      console.error(
        `server exited before the bench stopped it (code ${code}, signal ${signal}, peak RSS ${peak.toFixed(0)} MB): ${log}`,
      );
  });
  return {
    peakRssMb: () => {
      sample();
      return peak;
    },
  };
}

/**
 * The bench's HTTP client: one keep-alive connection for one burst of requests, closed after it. The
 * bench does work of its own between bursts — raw SQL floors (on SQLite synchronous, blocking its event
 * loop for seconds), a cube refresh, a job run — and a pooled socket left idle through that outlives the
 * server's keep-alive timeout (Node's 5 s): the server closes it, the client's timers that would have
 * retired it first did not run, and the next request goes into the closed socket ("fetch failed": other
 * side closed, EPIPE; reproduced with a 6 s synchronous block between two fetches, 2 failures in 4).
 * A burst never idles across bench work, so no request meets a socket the server has closed.
 */
export class ApiBurst {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** GET `/api/v1${url}`: the status and the whole body. */
  get(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${this.base}/api/v1${url}`,
        { agent: this.agent, headers: this.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
    });
  }

  /** GET that must answer 200, parsed as JSON. */
  async json<T>(url: string): Promise<T> {
    const res = await this.get(url);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.body.slice(0, 500)}`);
    return JSON.parse(res.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` with a burst's connection and closes it after, whatever `fn` does. */
export async function inBurst<T>(
  base: string,
  headers: Record<string, string>,
  fn: (api: ApiBurst) => Promise<T>,
): Promise<T> {
  const api = new ApiBurst(base, headers);
  try {
    return await fn(api);
  } finally {
    api.close();
  }
}

/**
 * Times one GET as the first reader after the data changed (the cube refreshed, nothing cached), then
 * `n` sequential GETs, in milliseconds, on one connection kept alive for them and closed after (ApiBurst).
 */
export function timeCall(
  base: string,
  url: string,
  headers: Record<string, string>,
  n: number,
): Promise<{ first: number; times: number[] }> {
  return inBurst(base, headers, async (api) => {
    const get = async () => {
      const res = await api.get(url);
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.body.slice(0, 500)}`);
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
  });
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
