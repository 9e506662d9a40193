import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

/** Comments a spreadsheet would run as formulas, and text that merely looks like our escaping. */
const COMMENTS = [
  '=HYPERLINK("http://x","x")',
  "+SUM(A1)",
  "@cmd",
  "-1+1",
  "'=already",
  "''+twice",
  "'plain quote",
  "-5",
  "Ihan tavallinen kommentti",
];

function answers(): Record<string, unknown>[] {
  return COMMENTS.map((comment, i) => ({
    id: `inj-${i}`,
    answered_at: "2026-02-03T10:00:00Z",
    kind: "nps",
    score: i,
    comment,
  }));
}

for (const dialect of DIALECTS) {
  describe(`safe exports on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    let env: Record<string, string>;
    beforeEach(async () => {
      cli = await freshCliEnv(dialect);
      // Redaction would rewrite the URL in the first comment; this test is about escaping only.
      env = { ...cli.env, KOHTAAMO_REDACTION: "off" };
      dir = tempDir();
      // JSONL keeps every string as it is, so the leading quotes of "'=already" are really stored.
      const seed = path.join(dir, "seed.jsonl");
      fs.writeFileSync(
        seed,
        answers()
          .map((a) => JSON.stringify(a))
          .join("\n"),
      );
      const seeded = await runCli(["import", seed, "--kind", "responses", "--no-analysis"], env);
      expect(lastJsonLine<ImportSummary>(seeded.stdout), seeded.stderr).toMatchObject({
        imported: COMMENTS.length,
      });
    });
    afterEach(async () => {
      await cli.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function storedComments(): Promise<string[]> {
      const store = storeFor(env);
      try {
        const out: string[] = [];
        for (let i = 0; i < COMMENTS.length; i++)
          out.push((await store.responses.get(`inj-${i}`))?.comment ?? "");
        return out;
      } finally {
        await store.close();
      }
    }

    for (const delimiter of [",", ";"]) {
      it(`neutralises formulas in a CSV export (delimiter ${delimiter}) and a re-import stores the original text`, async () => {
        const file = path.join(dir, "responses.csv");
        const ex = await runCli(
          ["export", "responses", "--format", "csv", "--out", file, "--delimiter", delimiter],
          env,
        );
        expect(ex.code, ex.stderr).toBe(0);
        // Read as a spreadsheet program does: the ';' file starts with a UTF-8 byte-order mark.
        const rows = parse(fs.readFileSync(file, "utf8"), { columns: true, delimiter, bom: true }) as Record<
          string,
          string
        >[];
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect(COMMENTS.map((_, i) => byId.get(`inj-${i}`)?.comment)).toEqual([
          `'=HYPERLINK("http://x","x")`,
          "'+SUM(A1)",
          "'@cmd",
          "'-1+1",
          "''=already",
          "'''+twice",
          "'plain quote",
          "-5",
          "Ihan tavallinen kommentti",
        ]);
        expect(byId.get("inj-3")?.score).toBe("3");

        const back = await runCli(["import", file, "--kind", "responses", "--no-analysis"], env);
        expect(back.code, back.stderr).toBe(0);
        expect(lastJsonLine<ImportSummary>(back.stdout)).toMatchObject({
          imported: 0,
          updated: 0,
          unchanged: COMMENTS.length,
          rejected: 0,
        });
        expect(await storedComments()).toEqual(COMMENTS);
      });
    }

    it("writes formula-like comments to XLSX as text cells starting with a quote, scores as numbers, and re-imports them unchanged", async () => {
      const file = path.join(dir, "responses.xlsx");
      const ex = await runCli(["export", "responses", "--format", "xlsx", "--out", file], env);
      expect(ex.code, ex.stderr).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.getWorksheet("responses");
      if (!sheet) throw new Error("the export has no responses sheet");
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const idColumn = header.indexOf("id") + 1;
      const commentColumn = header.indexOf("comment") + 1;
      const scoreColumn = header.indexOf("score") + 1;
      const seen = new Map<string, ExcelJS.Cell>();
      const scores: unknown[] = [];
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        seen.set(String(row.getCell(idColumn).value), row.getCell(commentColumn));
        scores.push(row.getCell(scoreColumn).value);
      });
      for (const i of [0, 1, 2, 3, 4]) {
        const cell = seen.get(`inj-${i}`);
        expect(cell?.type, COMMENTS[i]).toBe(ExcelJS.ValueType.String);
        expect(cell?.formula).toBeUndefined();
        expect(cell?.value).toBe(`'${COMMENTS[i]}`);
      }
      expect(seen.get("inj-8")?.value).toBe("Ihan tavallinen kommentti");
      expect(scores.every((score) => typeof score === "number")).toBe(true);

      const back = await runCli(["import", file, "--kind", "responses", "--no-analysis"], env);
      expect(back.code, back.stderr).toBe(0);
      expect(lastJsonLine<ImportSummary>(back.stdout)).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: COMMENTS.length,
        rejected: 0,
      });
      expect(await storedComments()).toEqual(COMMENTS);
    });
  });
}
