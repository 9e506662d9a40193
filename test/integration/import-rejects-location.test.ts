import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { BIN, lastJsonLine, ROOT, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, tempDir } from "../support/databases.ts";

const ANSWERS =
  "id,answered_at,kind,score\nok-1,2026-01-05T10:00:00Z,nps,9\nbad-1,2026-01-05T10:00:00Z,nps,12\n";

/**
 * Root may write into any folder, so a read-only input folder is only read-only for someone else:
 * as root the CLI runs as "nobody" here (the data directory is made writable for it).
 */
function runUnprivileged(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (process.getuid?.() !== 0) return runCli(args, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: "/tmp", ...env },
      uid: 65534,
      gid: 65534,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

for (const dialect of DIALECTS) {
  describe(`where kohtaamo import writes rejected rows, on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    beforeEach(async () => {
      cli = await freshCliEnv(dialect);
      dir = tempDir();
    });
    afterEach(async () => {
      await cli.dispose();
      fs.chmodSync(dir, 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("writes them where --rejects says", async () => {
      const file = path.join(dir, "answers.csv");
      fs.writeFileSync(file, ANSWERS);
      const target = path.join(dir, "elsewhere.csv");
      const run = await runCli(
        ["import", file, "--kind", "responses", "--no-analysis", "--rejects", target],
        cli.env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(lastJsonLine<ImportSummary>(run.stdout)).toMatchObject({
        imported: 1,
        rejected: 1,
        rejectsFile: target,
      });
      expect(fs.readFileSync(target, "utf8")).toMatch(/bad-1/);
      expect(fs.existsSync(`${file}.rejects.csv`)).toBe(false);

      const missing = await runCli(
        ["import", file, "--kind", "responses", "--rejects", path.join(dir, "no-such-folder", "r.csv")],
        cli.env,
      );
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/--rejects: the folder .*no-such-folder does not exist/);
    });

    it("falls back to the data directory when the input's folder is not writable", async () => {
      const inbox = path.join(dir, "shared-inbox");
      fs.mkdirSync(inbox);
      const file = path.join(inbox, "answers.csv");
      fs.writeFileSync(file, ANSWERS);
      fs.chmodSync(inbox, 0o555);
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(cli.dataDir, 0o777); // for the unprivileged user the CLI runs as under root
      const run = await runUnprivileged(
        ["import", file, "--kind", "responses", "--no-analysis", "--no-progress"],
        cli.env,
      );
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(run.stdout);
      const expected = path.join(cli.dataDir, "rejects", "answers.csv.rejects.csv");
      expect(summary).toMatchObject({ imported: 1, rejected: 1, rejectsFile: expected });
      expect(fs.readFileSync(expected, "utf8")).toMatch(/^_line;_reason/);
      expect(fs.readdirSync(inbox)).toEqual(["answers.csv"]);
    });
  });
}
