import fs from "node:fs";

/**
 * Global setup of the test run (vitest.config.ts): every temporary folder the tests make through
 * os.tmpdir() goes under one folder of this run (TMPDIR, set in the config), removed when the run
 * ends, so files the tests write (customer-like text among them) are not left in /tmp.
 * Processes the tests start with an environment of their own use the system's folder as before.
 */
export default function setup(): () => void {
  return () => {
    const root = process.env.KOHTAAMO_TEST_TMPDIR;
    if (root) fs.rmSync(root, { recursive: true, force: true });
  };
}
