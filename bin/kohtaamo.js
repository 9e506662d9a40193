#!/usr/bin/env node
// Entry point of `npx kohtaamo` and `npm start`: loads the TypeScript sources through tsx, so the
// code that runs is always the code in src/ (no stale build output).

// `kohtaamo worker` stops gracefully on SIGINT/SIGTERM, also when the signal comes while it still
// loads (seconds on a busy machine): src/cli/worker-command.ts waits on this promise once it runs.
if (process.argv[2] === "worker") {
  globalThis[Symbol.for("kohtaamo.workerSignalled")] = new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

// `kohtaamo analyze` loads only the analysis (src/cli/analyze-main.ts), not the server and the store,
// and runs it from a bundle of src/ that is rebuilt whenever a file of it changes (analyze-bundle.mjs):
// the command is timed as a whole process, and tsx's loader cost it more than the analysis threads gained.
let entry = null;
if (process.argv[2] === "analyze") {
  const { analyzeBundle } = await import("../src/cli/analyze-bundle.mjs");
  entry = await analyzeBundle();
}
if (entry === null) {
  const { register } = await import("tsx/esm/api");
  register();
  entry = process.argv[2] === "analyze" ? "../src/cli/analyze-main.ts" : "../src/cli/main.ts";
}
const { main } = await import(entry);
await main(process.argv);
