#!/usr/bin/env node
// Entry point of `npx kohtaamo` and `npm start`: loads the TypeScript sources through tsx, so the
// code that runs is always the code in src/ (no stale build output).

import { writeSync } from "node:fs";
import { isMainThread, Worker, workerData } from "node:worker_threads";

// `kohtaamo import` runs on a worker thread with a larger young generation than V8's default: an
// import makes millions of short-lived objects (parsed lines, rows, COPY text), and with 64 MB
// semi-spaces instead of 16 MB fewer of them survive a scavenge only to be copied, about 20% less
// CPU for the importer (docs/ARCHITECTURE.md, "Bulk load"). V8 fixes the size when a heap is made
// (a flag set at run time does nothing), but a thread's heap gets its own (resourceLimits). Unlike a
// child process, the thread dies with this process: Ctrl-C or SIGKILL stops the import where it was,
// as before. The thread writes its stdout and stderr straight to this process's file descriptors,
// in the order it writes them (forwarded through two channels, the JSON summary could overtake the
// progress bar's last redraw, which then wrote over it), and its exit code is the command's.
// KOHTAAMO_IMPORT_YOUNG_MB=0 runs the import on the main thread instead; a value that is not a whole
// number of megabytes (0-4096) stops the import with a message naming it, as a bad setting in
// src/config.ts does, rather than being taken for 0 without a word.
const IMPORT_YOUNG_MB = importYoungMb(process.env.KOHTAAMO_IMPORT_YOUNG_MB);
if (isMainThread && process.argv[2] === "import" && IMPORT_YOUNG_MB === null) {
  process.stderr.write(
    `Invalid environment configuration:\n  KOHTAAMO_IMPORT_YOUNG_MB: must be a whole number of megabytes from 0 to 4096 (0: the import runs on the main thread), got "${process.env.KOHTAAMO_IMPORT_YOUNG_MB}"\n`,
  );
  process.exit(1);
}
if (isMainThread && process.argv[2] === "import" && IMPORT_YOUNG_MB > 0) {
  const thread = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: IMPORT_YOUNG_MB },
    workerData: {
      kohtaamoImport: true,
      stdout: { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
      stderr: { isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
    },
  });
  thread.on("error", (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 1;
  });
  thread.on("exit", (code) => {
    process.exitCode ||= code;
  });
} else {
  if (!isMainThread && workerData?.kohtaamoImport) {
    writeThrough(process.stdout, 1, workerData.stdout);
    writeThrough(process.stderr, 2, workerData.stderr);
  }
  await run();
}

/** KOHTAAMO_IMPORT_YOUNG_MB as megabytes (192 when unset or empty), or null when it is not 0–4096. */
function importYoungMb(value) {
  if (value === undefined || value.trim() === "") return 192;
  return /^\d+$/.test(value.trim()) && Number(value) <= 4096 ? Number(value) : null;
}

/** The thread's stream writes to the process's file descriptor at once, as the main thread's would. */
function writeThrough(stream, fd, tty) {
  if (tty.isTTY) {
    stream.isTTY = true;
    stream.columns = tty.columns;
  }
  stream.write = (chunk, encoding, callback) => {
    const done = typeof encoding === "function" ? encoding : callback;
    let buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
        : chunk;
    while (buffer.length > 0) {
      try {
        buffer = buffer.subarray(writeSync(fd, buffer));
      } catch (error) {
        // A non-blocking pipe that is full: wait a moment for its reader.
        if (error.code !== "EAGAIN") throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
    done?.();
    return true;
  };
}

async function run() {
  // `kohtaamo worker` stops gracefully on SIGINT/SIGTERM, also when the signal comes while it still
  // loads (seconds on a busy machine): src/cli/worker-command.ts waits on this promise once it runs.
  if (process.argv[2] === "worker") {
    globalThis[Symbol.for("kohtaamo.workerSignalled")] = new Promise((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
  }

  // Every command runs from a bundle of src/ that is rebuilt whenever a file of it changes
  // (src/cli/cli-bundle.mjs): through tsx's loader each start cost ~0.7 s more, and each analysis
  // thread more than it gained. `kohtaamo analyze` loads only the analysis (src/cli/analyze-main.ts),
  // not the server and the store: the command is timed as a whole process. Without a bundle (it
  // cannot be built, e.g. a source does not compile) tsx runs the sources and reports the error.
  const command = process.argv[2] === "analyze" ? "analyze" : "main";
  const { cliBundle } = await import("../src/cli/cli-bundle.mjs");
  let entry = (await cliBundle())?.[command] ?? null;
  if (entry === null) {
    const { register } = await import("tsx/esm/api");
    register();
    entry = command === "analyze" ? "../src/cli/analyze-main.ts" : "../src/cli/main.ts";
  }
  const { main } = await import(entry);
  await main(process.argv);
}
