/**
 * `npm run bench:analysis`: the full analysis pipeline (redaction, language, tone, emotions,
 * themes, effort) over 40,000 mixed Finnish and English customer-service messages, timed as a
 * whole process (`kohtaamo analyze`, start-up and model loading included) on one thread
 * (`--threads 1`) and on every core (the default: parallel-analyzer.ts, one worker thread per core),
 * against VADER's JavaScript port (vader-sentiment) doing tone only on the same messages, also as a
 * whole process, in the same run. Median of N runs each (default 3, `--reps N`), the three programs
 * taking turns within each run; machines here are shared and noisy, so the load average is printed
 * beside the figures. Then the same for LONG_COUNT long e-mails (a greeting, 20 of the demo's
 * comments and turns, a signature and a quoted reply), which the analysis reads sentence by sentence.
 * Targets (issue 14): at least 2x VADER's messages/s, and at least 8,000 messages/s on 2 cores.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateDemo } from "../src/demo/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const reps = Number(args[args.indexOf("--reps") + 1] ?? 0) || 3;
const COUNT = 40_000;
const LONG_COUNT = 2_000;
const SENTENCES_PER_EMAIL = 20;

// Messages: every turn and survey comment of the demo workspace (≈70% Finnish), cycled to COUNT.
const ws = generateDemo();
const texts = [
  ...ws.encounters.flatMap((e) => e.turns.map((t) => t.text)),
  ...ws.responses.flatMap((r) => (r.comment ? [r.comment] : [])),
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-bench-analysis-"));
const input = path.join(dir, "messages.jsonl");
fs.writeFileSync(
  input,
  Array.from({ length: COUNT }, (_, i) => JSON.stringify({ id: i, text: texts[i % texts.length] })).join(
    "\n",
  ),
);

const VADER = `
const fs = require("node:fs");
const vader = require("vader-sentiment");
const lines = fs.readFileSync(process.argv[1], "utf8").split("\\n");
let out = "";
for (const line of lines) {
  const { id, text } = JSON.parse(line);
  const s = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  out += JSON.stringify({ id, compound: s.compound }) + "\\n";
}
fs.writeFileSync(process.argv[2], out);
`;

function timeProcess(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr?.toString()}`);
  return seconds;
}

// Long e-mails: 20 consecutive texts of the demo under a greeting, with a signature and a quoted reply.
const longInput = path.join(dir, "emails.jsonl");
fs.writeFileSync(
  longInput,
  Array.from({ length: LONG_COUNT }, (_, i) => {
    const body = Array.from(
      { length: SENTENCES_PER_EMAIL },
      (_, k) => texts[(i * SENTENCES_PER_EMAIL + k) % texts.length],
    ).join("\n");
    const text = `Hei,\n\n${body}\n\nYstävällisin terveisin\nAsiakas\n\nOn Mon, 1 Dec 2026 at 10:00, Support wrote:\n> Thank you for your message.`;
    return JSON.stringify({ id: i, text });
  }).join("\n"),
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const threads = os.availableParallelism();
const KOHTAAMO = path.join(ROOT, "bin", "kohtaamo.js");
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

/** Median seconds of each program over `reps` runs, the programs taking turns within each run. */
function timeAll(file: string, vaderOut: string) {
  const runs = {
    one: [] as number[],
    pool: [] as number[],
    vader: [] as number[],
  };
  for (let r = 0; r < reps; r++) {
    runs.one.push(timeProcess([KOHTAAMO, "analyze", "--threads", "1", file]));
    runs.pool.push(timeProcess([KOHTAAMO, "analyze", "--threads", String(threads), file]));
    runs.vader.push(timeProcess(["-e", VADER, file, vaderOut]));
  }
  return { one: median(runs.one), pool: median(runs.pool), vader: median(runs.vader) };
}

function report(count: number, unit: string, t: ReturnType<typeof timeAll>): void {
  const rate = (s: number) => count / s;
  const row = (name: string, s: number) =>
    console.log(
      `${name.padEnd(42)} ${rate(s).toFixed(0).padStart(7)} ${unit}/s   (${s.toFixed(2)} s)   ${(rate(s) / rate(t.vader)).toFixed(2)}x vader`,
    );
  row("kohtaamo analyze, 1 thread (full pipeline)", t.one);
  row(`kohtaamo analyze, ${threads} threads (full pipeline)`, t.pool);
  row("vader-sentiment (tone only)", t.vader);
}

const loadBefore = load();
const first = texts.slice(0, Math.min(COUNT, texts.length));
const short = timeAll(input, path.join(dir, "vader.jsonl"));
console.log(
  `analysis throughput, ${COUNT.toLocaleString("en")} messages (the demo's ${texts.length.toLocaleString("en")} texts in turn, ${new Set(first).size.toLocaleString("en")} distinct), whole process, median of ${reps} (node ${process.version}, ${os.cpus().length} cores; load average before ${loadBefore}, after ${load()})`,
);
report(COUNT, "messages", short);
const ratio = COUNT / short.pool / (COUNT / short.vader);
const perCores = COUNT / short.pool;
console.log(
  `targets: >= 2.00x vader: ${ratio.toFixed(2)}x ${ratio >= 2 ? "met" : "NOT met"}; >= 8,000 messages/s on ${threads} cores: ${perCores.toFixed(0)} ${perCores >= 8000 ? "met" : "NOT met"}`,
);

const loadLong = load();
const long = timeAll(longInput, path.join(dir, "vader-long.jsonl"));
console.log(
  `\nlong e-mails, ${LONG_COUNT.toLocaleString("en")} of ${SENTENCES_PER_EMAIL} texts each (read sentence by sentence), whole process, median of ${reps} (load average before ${loadLong}, after ${load()})`,
);
report(LONG_COUNT, "e-mails", long);
fs.rmSync(dir, { recursive: true, force: true });
