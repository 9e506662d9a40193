import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { type ImportSummary, importFile } from "../../src/ingest/importer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, freshStore, tempDir } from "../support/databases.ts";
import { batchOfKind, csvFile, csvRowPlan, jsonlLine } from "../support/malformed-input.ts";

/**
 * Property: whatever a file holds, the importer accounts for every row it was offered, each one
 * stored or rejected (with a reason in the rejects file), and never crashes. Runs on a real SQLite
 * file and on PostgreSQL (which, unlike SQLite, cannot store a NUL: exactly what must not reach it).
 * About 5,000 CSV rows and 5,000 JSONL lines per database, spread over generated files.
 */

const RUNS = 100;
const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const total = (s: ImportSummary) => s.imported + s.updated + s.unchanged + s.rejected;

function rejectsCount(file: string | null): number {
  if (!file) return 0;
  const text = fs.readFileSync(file, "utf8");
  if (file.endsWith(".jsonl")) return text.split("\n").filter((line) => line !== "").length;
  return (parse(text, { delimiter: ";", relax_column_count: true }) as unknown[]).length - 1;
}

/**
 * A file whose first line opens a JSON array of objects (`[{…`) is a JSON array file, refused as a
 * whole with advice by design; a generated broken line must not look like that by chance.
 */
function asJsonLines(lines: string[]): string[] {
  const [first = "", ...rest] = lines;
  return /^\s*\[\s*[{\n]|^\s*\[\s*$/.test(first) ? [`x${first}`, ...rest] : lines;
}

for (const dialect of DIALECTS) {
  describe(`import fuzz on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      dir = tempDir("kohtaamo-fuzz-");
    });
    afterAll(async () => {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("CSV: every generated row is stored or rejected, and the rejects file holds each rejection", async () => {
      let offered = 0;
      const encodings = ["utf-8", "utf-8-bom", "windows-1252", "utf-16le-bom"] as const;
      await fc.assert(
        fc.asyncProperty(
          fc.array(csvRowPlan, { minLength: 20, maxLength: 80, size: "max" }),
          fc.constantFrom(";", ","),
          fc.constantFrom(...encodings),
          async (plans, delimiter, encoding) => {
            const file = path.join(dir, "fuzz.csv");
            fs.writeFileSync(file, csvFile(plans, { delimiter, encoding }));
            const before = await store.responses.count();
            const summary = await importFile(store, file, {
              kind: "responses",
              timeZone: "Europe/Helsinki",
              pipeline,
              rejectsFile: path.join(dir, "fuzz.rejects.csv"),
            });
            expect(total(summary)).toBe(plans.length);
            expect((await store.responses.count()) - before).toBe(summary.imported);
            expect(rejectsCount(summary.rejectsFile)).toBe(summary.rejected);
            offered += plans.length;
          },
        ),
        { numRuns: RUNS },
      );
      expect(offered).toBeGreaterThan(4000);
    });

    it("JSONL: every generated line is stored or rejected, and the rejects file holds each rejection", async () => {
      let offered = 0;
      await fc.assert(
        fc.asyncProperty(batchOfKind(jsonlLine, 20), async ([kind, lines]) => {
          const file = path.join(dir, "fuzz.jsonl");
          fs.writeFileSync(file, `${asJsonLines(lines).join("\n")}\n`);
          const summary = await importFile(store, file, {
            kind,
            timeZone: "Europe/Helsinki",
            pipeline,
            rejectsFile: path.join(dir, "fuzz.rejects.jsonl"),
          });
          expect(total(summary)).toBe(lines.length);
          expect(rejectsCount(summary.rejectsFile)).toBe(summary.rejected);
          offered += lines.length;
        }),
        { numRuns: RUNS },
      );
      expect(offered).toBeGreaterThan(4000);
    });
  });

  describe(`kohtaamo import of 3,000 fuzzed rows on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      dir = tempDir("kohtaamo-fuzz-cli-");
    });
    afterAll(async () => {
      await cli.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("imports 3,000 CSV rows with occasional NULs: exit 0, and every row accounted for", async () => {
      const plans = fc.sample(csvRowPlan, { numRuns: 3000, seed: 20260309 });
      expect(plans.filter((plan) => plan.cells.some((cell) => cell.includes("\0"))).length).toBeGreaterThan(
        20,
      );
      const file = path.join(dir, "answers.csv");
      fs.writeFileSync(file, csvFile(plans, { delimiter: ";", encoding: "utf-8" }));
      const run = await runCli(["import", file, "--kind", "responses", "--no-progress"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(run.stdout);
      expect(total(summary)).toBe(3000);
      expect(summary.imported).toBeGreaterThan(0);
      expect(fs.readFileSync(summary.rejectsFile as string, "utf8")).toMatch(
        /comment: contains a control character \(U\+0000 NUL\)/,
      );
    });

    it("imports 3,000 fuzzed JSONL lines: exit 0, and every line accounted for", async () => {
      const lines = fc.sample(jsonlLine("responses"), { numRuns: 3000, seed: 20260310 });
      const file = path.join(dir, "answers.jsonl");
      fs.writeFileSync(file, `${asJsonLines(lines).join("\n")}\n`);
      const run = await runCli(["import", file, "--kind", "responses", "--no-progress"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(run.stdout);
      expect(total(summary)).toBe(3000);
      expect(summary.imported).toBeGreaterThan(0);
    });
  });
}
