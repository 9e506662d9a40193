/**
 * `npm run bench:analysis`: the full analysis pipeline (redaction, language, tone, emotions,
 * themes, effort) over 40,000 mixed Finnish and English customer-service messages, timed as a
 * whole process (`kohtaamo analyze file`, start-up and model loading included), against VADER's
 * JavaScript port (vader-sentiment) doing tone only on the same messages, also as a whole process,
 * in the same run. Median of N runs each (default 3); machines here are shared and noisy.
 * Then the same for LONG_COUNT long e-mails (a greeting, 20 of the demo's comments and turns, a
 * signature and a quoted reply), which the analysis reads sentence by sentence.
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
const ours: number[] = [];
const peer: number[] = [];
for (let r = 0; r < reps; r++) {
  ours.push(timeProcess([path.join(ROOT, "bin", "kohtaamo.js"), "analyze", input]));
  peer.push(timeProcess(["-e", VADER, input, path.join(dir, "vader.jsonl")]));
}
const oursRate = COUNT / median(ours);
const peerRate = COUNT / median(peer);
console.log(
  `analysis throughput, ${COUNT.toLocaleString("en")} messages (${texts.length} distinct), whole process, median of ${reps} (node ${process.version}, ${os.cpus().length} cores)`,
);
console.log(
  `kohtaamo analyze (full pipeline)   ${oursRate.toFixed(0).padStart(7)} messages/s   (${median(ours).toFixed(2)} s)`,
);
console.log(
  `vader-sentiment (tone only)        ${peerRate.toFixed(0).padStart(7)} messages/s   (${median(peer).toFixed(2)} s)`,
);
console.log(`ratio kohtaamo / vader             ${(oursRate / peerRate).toFixed(2)}x`);

const oursLong: number[] = [];
const peerLong: number[] = [];
for (let r = 0; r < reps; r++) {
  oursLong.push(timeProcess([path.join(ROOT, "bin", "kohtaamo.js"), "analyze", longInput]));
  peerLong.push(timeProcess(["-e", VADER, longInput, path.join(dir, "vader-long.jsonl")]));
}
const oursLongRate = LONG_COUNT / median(oursLong);
const peerLongRate = LONG_COUNT / median(peerLong);
console.log(
  `\nlong e-mails, ${LONG_COUNT.toLocaleString("en")} of ${SENTENCES_PER_EMAIL} texts each (read sentence by sentence), whole process, median of ${reps}`,
);
console.log(
  `kohtaamo analyze (full pipeline)   ${oursLongRate.toFixed(0).padStart(7)} e-mails/s   (${median(oursLong).toFixed(2)} s)`,
);
console.log(
  `vader-sentiment (tone only)        ${peerLongRate.toFixed(0).padStart(7)} e-mails/s   (${median(peerLong).toFixed(2)} s)`,
);
console.log(`ratio kohtaamo / vader             ${(oursLongRate / peerLongRate).toFixed(2)}x`);
fs.rmSync(dir, { recursive: true, force: true });
