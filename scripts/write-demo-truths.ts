/**
 * Writes the demo workspace's planted truths to docs/demo-truths.json, the machine-readable
 * answer key that analytics tests check their findings against. A test keeps the file in step
 * with the generator: run `npm run demo:truths` after changing src/demo/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { demoTruthsJson, generateDemo } from "../src/demo/index.ts";

export const TRUTHS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../docs/demo-truths.json",
);

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(TRUTHS_FILE, demoTruthsJson(generateDemo()));
  process.stderr.write(`wrote ${TRUTHS_FILE}\n`);
}
