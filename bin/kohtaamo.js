#!/usr/bin/env node
// Entry point of `npx kohtaamo` and `npm start`: loads the TypeScript sources through tsx, so the
// code that runs is always the code in src/ (no stale build output).
import { register } from "tsx/esm/api";

register();
// `kohtaamo analyze` loads only the analysis (src/cli/analyze-main.ts), not the server and the store.
const { main } = await import(
  process.argv[2] === "analyze" ? "../src/cli/analyze-main.ts" : "../src/cli/main.ts"
);
await main(process.argv);
