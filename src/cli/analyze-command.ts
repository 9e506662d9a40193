import fs from "node:fs";
import os from "node:os";
import readline from "node:readline";
import type { Command } from "commander";
import type { ParallelAnalyzer } from "../analysis/parallel-analyzer.ts";
import { wholeNumber } from "./number-options.ts";

/**
 * Lines per chunk. An input of more than one chunk is analysed on every core (parallel-analyzer.ts):
 * starting the threads costs about as much as analysing a chunk on one.
 */
const CHUNK_LINES = 1000;
/** Chunks in the threads at once: enough to keep them busy, few enough to bound memory on a huge input. */
const IN_FLIGHT_PER_THREAD = 4;

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description(
      'Analyse texts or encounters: JSONL in ({"text"} or {"turns"}, "id" optional) or plain text, one per line; JSONL out, one output line per input line in the same order (the id is the line number when the input has none; an empty line gets an "error"). An HTML body (an exported e-mail) is read as its text. A text of more than 40 words (an e-mail, a review, a long call turn) is also read sentence by sentence: "sentences" lists each one with its tone and themes. Nothing is stored.',
    )
    .argument("[file]", "input file (JSONL or plain text lines), or - for stdin", "-")
    .option(
      "--threads <n>",
      `analysis threads for an input of more than ${CHUNK_LINES} lines (default: one per core, here ${os.availableParallelism()}; 1 analyses on the main thread)`,
      wholeNumber(1, 256),
    )
    .action(async (file: string, opts: { threads?: number }) => {
      const threads = opts.threads ?? os.availableParallelism();
      let fd: number | undefined;
      if (file !== "-") {
        try {
          fd = fs.openSync(file, "r");
        } catch (e) {
          process.stderr.write(`kohtaamo analyze: cannot read ${file}: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
      }
      const input = fd === undefined ? process.stdin : fs.createReadStream(file, { fd });
      const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      const write = async (out: string) => {
        if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once("drain", r));
      };
      // The first chunk is held back: a short input is analysed here, a longer one on every core.
      let chunk: string[] = [];
      let firstLineNo = 1;
      let pool: ParallelAnalyzer | undefined;
      const pending: Promise<string>[] = [];
      const inline = async (lines: string[], from: number) => {
        const { loadDefaultAnalyzer } = await import("../analysis/default-analyzer.ts");
        const { analyzeLines } = await import("../analysis/analyze-lines.ts");
        await write(analyzeLines(lines, from, loadDefaultAnalyzer()));
      };
      try {
        for await (const line of lines) {
          chunk.push(line);
          if (chunk.length < CHUNK_LINES) continue;
          if (threads === 1) await inline(chunk, firstLineNo);
          else {
            if (!pool) {
              const { ParallelAnalyzer } = await import("../analysis/parallel-analyzer.ts");
              pool = new ParallelAnalyzer({ threads });
            }
            pending.push(pool.analyzeLines(chunk, firstLineNo));
            // Answers are written in input order as they come; a slow reader of stdout holds the input back.
            while (pending.length >= pool.threads * IN_FLIGHT_PER_THREAD)
              await write(await (pending.shift() as Promise<string>));
          }
          firstLineNo += chunk.length;
          chunk = [];
        }
        if (pool) {
          if (chunk.length > 0) pending.push(pool.analyzeLines(chunk, firstLineNo));
          for (const answer of pending) await write(await answer);
        } else if (chunk.length > 0) await inline(chunk, firstLineNo);
      } finally {
        await pool?.close();
      }
    });
}
