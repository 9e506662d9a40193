import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// One temporary folder per test run, removed at its end (test/support/temp-root.ts).
process.env.KOHTAAMO_TEST_TMPDIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-vitest-"));

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "training/**/*.test.ts",
      "evaluation/**/*.test.ts",
      "web/**/*.test.{ts,tsx}",
    ],
    exclude: ["**/node_modules/**", "web/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { TMPDIR: process.env.KOHTAAMO_TEST_TMPDIR },
    globalSetup: ["test/support/temp-root.ts"],
  },
});
