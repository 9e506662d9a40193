import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

/** A survey workbook as people make it in Excel: Finnish headers, real dates, numbers, rich text, a formula. */
async function surveyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Vastaukset");
  sheet.addRow(["Tunniste", "Vastausaika", "NPS", "Kommentti", "Tiimi"]);
  // Excel keeps the wall-clock time of the sheet; exceljs models it as a UTC Date.
  sheet.addRow(["x-1", new Date(Date.UTC(2026, 1, 3, 10, 14)), 9, "Nopea palvelu", "Asiakaspalvelu Tampere"]);
  sheet.addRow([
    "x-2",
    "4.2.2026 9:00",
    { formula: "3+4", result: 7 },
    { richText: [{ text: "Lasku " }, { font: { bold: true }, text: "89,90 €" }] },
    "Laskutus",
  ]);
  sheet.addRow([]);
  sheet.addRow(["x-3", new Date(Date.UTC(2026, 1, 5)), 11, "NPS 11 ei käy", "Laskutus"]);
  sheet.addRow([4, new Date(Date.UTC(2026, 1, 6, 12, 0)), 0, null, "Laskutus"]);
  sheet.getColumn(2).numFmt = "d.m.yyyy hh:mm";
  workbook.addWorksheet("Muistiinpanot").addRow(["not", "data"]);
  await workbook.xlsx.writeFile(file);
}

for (const dialect of DIALECTS) {
  describe(`kohtaamo import of Excel workbooks on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    beforeEach(async () => {
      cli = await freshCliEnv(dialect);
      dir = tempDir();
    });
    afterEach(async () => {
      await cli.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("reads the first sheet of an .xlsx like the CSV it would be saved as", async () => {
      const file = path.join(dir, "vastaukset.xlsx");
      await surveyWorkbook(file);
      const run = await runCli(["import", file, "--kind", "responses", "--no-analysis"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(run.stdout);
      expect(summary).toMatchObject({ imported: 3, rejected: 1 });
      expect(summary.rejectsFile).toBe(`${file}.rejects.csv`);
      const rejects = fs
        .readFileSync(summary.rejectsFile as string, "utf8")
        .trim()
        .split("\n");
      expect(rejects[1]).toMatch(/^5;score: must be 0.10/); // sheet row 5 (row 4 is empty)

      const store = storeFor(cli.env);
      try {
        expect(await store.responses.get("x-1")).toMatchObject({
          answered_at: "2026-02-03T08:14:00.000Z", // 10:14 in Helsinki
          score: 9,
          kind: "nps",
          comment: "Nopea palvelu",
        });
        expect(await store.responses.get("x-2")).toMatchObject({ score: 7, comment: "Lasku 89,90 €" });
        expect(await store.responses.get("4")).toMatchObject({
          score: 0,
          answered_at: "2026-02-06T10:00:00.000Z",
        });
      } finally {
        await store.close();
      }
    });

    it("refuses an old .xls and a ZIP that is no workbook, saying what they are", async () => {
      const xls = path.join(dir, "old.xls");
      fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      const old = await runCli(["import", xls, "--kind", "responses"], cli.env);
      expect(old.code).not.toBe(0);
      expect(old.stderr).toMatch(/old-style Excel \(\.xls\).*save it/);
      const zip = path.join(dir, "renamed.csv");
      fs.writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]));
      const notBook = await runCli(["import", zip, "--kind", "responses"], cli.env);
      expect(notBook.code).not.toBe(0);
      expect(notBook.stderr).toMatch(/not an Excel workbook that can be read/);
      expect(notBook.stderr).not.toMatch(/at .*\.ts:\d+/);
    });
  });
}
