// `npm install` (postinstall): build web/dist when it is missing or stale, and never fail the install
// on it (`npm start` tries again and says why). `npm run build:web` (--force): always build, and fail
// when the build fails.
import fs from "node:fs";
import path from "node:path";
import { ensureWebBuild, WEB_DIR } from "../src/cli/web-build.ts";

const force = process.argv.includes("--force");
if (force) fs.rmSync(path.join(WEB_DIR, "dist"), { recursive: true, force: true });
const result = await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
if (result === "built" || result === "fresh")
  process.stderr.write(`web/dist is ${result === "built" ? "built" : "up to date"}\n`);
if (force && result !== "built") process.exitCode = 1;
