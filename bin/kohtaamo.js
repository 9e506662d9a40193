#!/usr/bin/env node
// Entry point of `npx kohtaamo` and `npm start`: loads the TypeScript sources through tsx, so the
// code that runs is always the code in src/ (no stale build output).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
