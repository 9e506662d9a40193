import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { tempDir } from "../support/databases.ts";

describe("numeric command-line options", () => {
  const dataDir = tempDir("kohtaamo-cli-options-");
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [["start", "--port", "abc"], "--port <n>", "abc", "from 0 to 65535"],
    [["import", "answers.csv", "--batch-size", "abc"], "--batch-size <n>", "abc", "from 1 to 100000"],
    [["demo", "--seed", "x"], "--seed <n>", "x", "from 0 to 4294967295"],
    [
      ["token", "create", "--email", "a@b.fi", "--expires-days", "-1"],
      "--expires-days <days>",
      "-1",
      "of at least 1",
    ],
    [["retention", "--days", "0"], "--days <n>", "0", "of at least 1"],
  ])(
    "%j is refused with the option and the reason, before anything runs",
    async (args, flag, value, reason) => {
      const r = await runCli(args, { KOHTAAMO_DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `option '${flag}' argument '${value}' is invalid. expected a whole number ${reason}`,
      );
      // Refused while reading the command line: no database was opened.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
  );
});
