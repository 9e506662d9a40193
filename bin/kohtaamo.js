#!/usr/bin/env node
// Entry point of `npx kohtaamo` and `npm start`: loads the TypeScript sources through tsx, so the
// code that runs is always the code in src/ (no stale build output).
import { register } from "tsx/esm/api";

// `kohtaamo worker` stops gracefully on SIGINT/SIGTERM, also when the signal comes while it still
// loads (seconds on a busy machine): src/cli/worker-command.ts waits on this promise once it runs.
if (process.argv[2] === "worker") {
  globalThis[Symbol.for("kohtaamo.workerSignalled")] = new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

register();
// `kohtaamo analyze` loads only the analysis (src/cli/analyze-main.ts), not the server and the store.
const { main } = await import(
  process.argv[2] === "analyze" ? "../src/cli/analyze-main.ts" : "../src/cli/main.ts"
);
await main(process.argv);
