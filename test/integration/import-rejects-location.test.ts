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

    it("writes every row of a rejected encounter, so the fixed rows import the whole conversation", async () => {
      // K-2's third row names another channel than its first: the encounter is rejected as a whole.
      const header = "encounter_id;seq;speaker;text;at;channel;started_at;team";
      const rows = [
        "K-1;1;asiakas;Laskussa on virhe.;0;chat;3.3.2025 9:02;Asiakaspalvelu Tampere",
        "K-2;1;asiakas;Paketti ei ole tullut.;0;chat;3.3.2025 9:10;Asiakaspalvelu Tampere",
        "K-1;2;asiakaspalvelija;Korjaan sen.;00:20;;;",
        "K-2;2;asiakaspalvelija;Tarkistan seurannan.;00:30;;;",
        "K-2;3;asiakas;Kiitos.;00:50;puhelin;;",
      ];
      const file = path.join(dir, "encounters.csv");
      fs.writeFileSync(file, `${[header, ...rows].join("\n")}\n`);
      const run = await runCli(["import", file, "--kind", "encounters", "--no-analysis"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(run.stdout);
      expect(summary).toMatchObject({ imported: 1, rejected: 1 });
      const rejected = fs
        .readFileSync(summary.rejectsFile as string, "utf8")
        .trim()
        .split("\n");
      // The header and K-2's three rows (input lines 3, 5 and 6), each with the reason.
      expect(rejected).toHaveLength(4);
      expect(rejected.slice(1).map((r) => r.split(";")[0])).toEqual(["3", "5", "6"]);
      for (const r of rejected.slice(1))
        expect(r).toMatch(/channel: ""puhelin"" differs from ""chat"".*;K-2;/);

      // The user fixes the channel in the rejects file and imports that file: all three turns arrive.
      const fixed = path.join(dir, "fixed.csv");
      fs.writeFileSync(fixed, `${rejected.map((r) => r.replace(";puhelin;", ";chat;")).join("\n")}\n`);
      const again = await runCli(["import", fixed, "--kind", "encounters", "--no-analysis"], cli.env);
      expect(again.code, again.stderr).toBe(0);
      expect(lastJsonLine<ImportSummary>(again.stdout)).toMatchObject({ imported: 1, rejected: 0 });
      const exported = await runCli(["export", "encounters", "--format", "jsonl"], cli.env);
      const k2 = exported.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { id: string; turns: { text: string }[] })
        .find((e) => e.id === "K-2");
      expect(k2?.turns.map((t) => t.text)).toEqual([
        "Paketti ei ole tullut.",
        "Tarkistan seurannan.",
        "Kiitos.",
      ]);
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
