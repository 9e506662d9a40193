import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

/** A survey export as a Finnish spreadsheet program writes it: `;`, d.m.yyyy HH:MM, ä/ö/€ in text. */
function finnishExport(): { text: string; good: number } {
  const header = "Tunniste;Vastausaika;NPS;Kommentti;Kanava;Tiimi;Asiakasnumero";
  const rows: string[] = [];
  for (let i = 1; i <= 20; i++) {
    const day = 1 + (i % 27);
    let date = `${day}.2.2026 ${String(8 + (i % 9)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`;
    let score = String(i % 11);
    if (i === 3) score = "11"; // invalid NPS
    if (i === 5) date = "31.2.2026 10:00"; // no such day
    const comment =
      i % 2 === 0
        ? `"Jonotin ${i} minuuttia; lasku 89,90 € oli väärä, ei hyvä"`
        : "Nopea ja ystävällinen palvelu";
    rows.push(
      [`fi-${i}`, date, score, comment, i % 3 === 0 ? "puhelin" : "chatti", "Laskutus", `as-${100 + i}`].join(
        ";",
      ),
    );
  }
  return { text: `${header}\r\n${rows.join("\r\n")}\r\n`, good: 18 };
}

const ENCODINGS: [string, (text: string) => Buffer][] = [
  ["Windows-1252", (t) => iconv.encode(t, "win1252")],
  [
    "Windows-1252 after a UTF-8 BOM",
    (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(t, "win1252")]),
  ],
  ["UTF-8 with BOM", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")])],
  // Read once as Windows-1252 and saved as UTF-8 again on the way: "väärä" arrives as "vÃ¤Ã¤rÃ¤", "€" as "â‚¬".
  [
    "UTF-8 saved again through Windows-1252",
    (t) => Buffer.from(iconv.decode(Buffer.from(t, "utf8"), "win1252")),
  ],
];

for (const dialect of DIALECTS) {
  describe(`kohtaamo import on ${dialect}`, () => {
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

    for (const [label, encode] of ENCODINGS) {
      it(`imports a Finnish spreadsheet export (${label}) as it is, names the bad rows, and re-imports nothing`, async () => {
        const { text, good } = finnishExport();
        const file = path.join(dir, "nps-vastaukset.csv");
        fs.writeFileSync(file, encode(text));

        const first = await runCli(["import", file, "--kind", "responses"], cli.env);
        expect(first.code, first.stderr).toBe(0);
        const summary = lastJsonLine<ImportSummary>(first.stdout);
        expect(summary).toMatchObject({ imported: good, updated: 0, unchanged: 0, rejected: 2 });
        expect(summary.rejectsFile).toBeTruthy();
        // Every comment has an ä or a €: 20 cells, each read as meant, and the user is told.
        const damaged = label === "UTF-8 saved again through Windows-1252";
        expect(summary.encodingRepairs).toBe(damaged ? 20 : 0);
        expect(first.stderr.includes("saved through a wrong encoding")).toBe(damaged);

        const rejects = fs.readFileSync(summary.rejectsFile as string, "utf8");
        const rejectLines = rejects.trim().split("\n");
        expect(rejectLines).toHaveLength(3); // header + 2
        expect(rejectLines[1]).toMatch(/^4;.*score.*0.10/); // file line 4 holds fi-3 with NPS 11
        expect(rejectLines[2]).toMatch(/^6;.*answered_at.*31\.2\.2026/);

        const store = storeFor(cli.env);
        try {
          const stored = await store.responses.get("fi-2");
          expect(stored?.comment).toBe("Jonotin 2 minuuttia; lasku 89,90 € oli väärä, ei hyvä");
          expect(stored?.channel).toBe("chat");
          expect(stored?.kind).toBe("nps");
          // 3.2.2026 10:14 in Helsinki (UTC+2 in winter)
          expect(stored?.answered_at).toBe("2026-02-03T08:14:00.000Z");
          expect(await store.responses.get("fi-3")).toBeUndefined();
        } finally {
          await store.close();
        }

        const again = await runCli(["import", file, "--kind", "responses"], cli.env);
        expect(lastJsonLine<ImportSummary>(again.stdout)).toMatchObject({
          imported: 0,
          updated: 0,
          unchanged: good,
          rejected: 2,
        });

        const report = await runCli(["report", "nps", "--json"], cli.env);
        expect(report.code, report.stderr).toBe(0);
        const nps = lastJsonLine<{ value: number; low: number; high: number; n: number }>(report.stdout);
        expect(nps.n).toBe(good);
        expect(nps.low).toBeLessThan(nps.value);
        expect(nps.high).toBeGreaterThan(nps.value);

        const sqliteFile = path.join(cli.dataDir, "kohtaamo.db");
        expect(fs.existsSync(sqliteFile)).toBe(dialect === "sqlite");
      });
    }

    it("stores an HTML comment as its text and says how many texts were HTML", async () => {
      const file = path.join(dir, "html.csv");
      fs.writeFileSync(
        file,
        [
          "id,answered_at,kind,score,comment",
          'h1,2026-01-05T10:00:00Z,nps,2,"<p>Lasku oli <b>väärin</b>.</p><p>Terveisin<br>Maija</p>"',
          "h2,2026-01-05T11:00:00Z,nps,9,Kiitos <3",
          "",
        ].join("\n"),
      );
      const r = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(r.code, r.stderr).toBe(0);
      expect(lastJsonLine<ImportSummary>(r.stdout)).toMatchObject({
        imported: 2,
        htmlBodies: 1,
        encodingRepairs: 0,
      });
      expect(r.stderr).toContain("1 text was HTML and was stored as its text");
      const store = storeFor(cli.env);
      try {
        expect((await store.responses.get("h1"))?.comment).toBe("Lasku oli väärin.\n\nTerveisin\nMaija");
        expect((await store.responses.get("h2"))?.comment).toBe("Kiitos <3");
      } finally {
        await store.close();
      }
    });

    it("reads JSON Lines saved through a wrong encoding as meant, written as they are or escaped", async () => {
      const twice = (text: string) => iconv.decode(Buffer.from(text, "utf8"), "win1252");
      const encounter = (id: string) => ({
        id,
        started_at: "2026-01-05T10:00:00Z",
        channel: "chat",
        team: twice("Jyväskylä"),
        turns: [
          { speaker: "customer", text: twice("Lasku 89,90 € oli väärä, jonotin tunnin.") },
          { speaker: "agent", text: "Korjaan sen heti." },
        ],
      });
      // One line as a JavaScript program writes it ("Ã¤"), one as Python's json.dumps does ("\u00c3\u00a4").
      const escaped = JSON.stringify(encounter("j2")).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
      const file = path.join(dir, "kaksoiskoodattu.jsonl");
      fs.writeFileSync(file, `${JSON.stringify(encounter("j1"))}\n${escaped}\n`);
      const r = await runCli(["import", file, "--kind", "encounters"], cli.env);
      expect(r.code, r.stderr).toBe(0);
      // The team and the customer's turn of each line.
      expect(lastJsonLine<ImportSummary>(r.stdout)).toMatchObject({ imported: 2, encodingRepairs: 4 });
      expect(r.stderr).toContain("4 values had been saved through a wrong encoding");
      const store = storeFor(cli.env);
      try {
        for (const id of ["j1", "j2"]) {
          const stored = await store.encounters.get(id);
          expect(stored?.team).toBe("Jyväskylä");
          expect(stored?.turns[0]?.text).toBe("Lasku 89,90 € oli väärä, jonotin tunnin.");
        }
      } finally {
        await store.close();
      }
    });

    it("updates changed rows on re-import and counts them as updated", async () => {
      const file = path.join(dir, "responses.csv");
      fs.writeFileSync(
        file,
        "id,answered_at,kind,score\nr1,2026-01-05T10:00:00Z,nps,9\nr2,2026-01-05T11:00:00Z,nps,3\n",
      );
      await runCli(["import", file, "--kind", "responses"], cli.env);
      fs.writeFileSync(
        file,
        "id,answered_at,kind,score\nr1,2026-01-05T10:00:00Z,nps,9\nr2,2026-01-05T11:00:00Z,nps,7\n",
      );
      const second = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(lastJsonLine<ImportSummary>(second.stdout)).toMatchObject({
        imported: 0,
        updated: 1,
        unchanged: 1,
      });
    });

    it("exports every kind in csv, jsonl and xlsx, and the export re-imports unchanged", async () => {
      for (const [file, kind] of [
        ["examples/encounters.jsonl", "encounters"],
        ["examples/responses.csv", "responses"],
        ["examples/pulse.csv", "pulse"],
      ] as const) {
        const r = await runCli(["import", file, "--kind", kind], cli.env);
        expect(r.code, r.stderr).toBe(0);
      }
      const jsonl = path.join(dir, "encounters.jsonl");
      const ex = await runCli(["export", "encounters", "--format", "jsonl", "--out", jsonl], cli.env);
      expect(ex.code, ex.stderr).toBe(0);
      const exported = fs.readFileSync(jsonl, "utf8").trim().split("\n");
      expect(exported.length).toBe(5);
      expect(JSON.parse(exported[0] as string).turns.length).toBeGreaterThan(0);
      const back = await runCli(["import", jsonl, "--kind", "encounters"], cli.env);
      expect(lastJsonLine<ImportSummary>(back.stdout)).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: 5,
      });

      const csv = await runCli(["export", "encounters", "--format", "csv"], cli.env);
      const csvFile = path.join(dir, "encounters.csv");
      fs.writeFileSync(csvFile, csv.stdout);
      const backCsv = await runCli(["import", csvFile, "--kind", "encounters"], cli.env);
      expect(lastJsonLine<ImportSummary>(backCsv.stdout)).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: 5,
      });

      // For a Finnish spreadsheet: ';', a byte-order mark and decimal commas; it re-imports unchanged too.
      const fiCsv = path.join(dir, "encounters-fi.csv");
      const fx = await runCli(
        ["export", "encounters", "--format", "csv", "--delimiter", ";", "--out", fiCsv],
        cli.env,
      );
      expect(fx.code, fx.stderr).toBe(0);
      const fiText = fs.readFileSync(fiCsv, "utf8");
      expect(fiText.startsWith("\uFEFFencounter_id;")).toBe(true);
      expect(fiText).toMatch(/;\d+,\d+;/);
      expect(fiText).not.toMatch(/;\d+\.\d+;/);
      const backFi = await runCli(["import", fiCsv, "--kind", "encounters"], cli.env);
      expect(lastJsonLine<ImportSummary>(backFi.stdout)).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: 5,
      });

      const xlsx = path.join(dir, "responses.xlsx");
      const ax = await runCli(["export", "responses", "--format", "xlsx", "--out", xlsx], cli.env);
      expect(ax.code, ax.stderr).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const sheet = wb.getWorksheet("responses");
      expect(sheet?.getRow(1).values).toContain("id");
      expect(sheet?.rowCount).toBe(11);
    }, 90_000); // nine CLI runs, each loading the analysis models

    it("imports a call transcript with the encounter's metadata given on the command line", async () => {
      const noStart = await runCli(
        ["import", "examples/call.srt", "--kind", "encounters", "--rejects", path.join(dir, "r.jsonl")],
        cli.env,
      );
      expect(lastJsonLine<ImportSummary>(noStart.stdout)).toMatchObject({ imported: 0, rejected: 1 });
      expect(fs.readFileSync(path.join(dir, "r.jsonl"), "utf8")).toMatch(/started_at/);

      const args = ["import", "examples/call.srt", "--kind", "encounters", "--id", "call-srt-1"];
      const ok = await runCli(
        [...args, "--started-at", "12.3.2026 9:30", "--team", "Laskutus", "--agent", "emma.w"],
        cli.env,
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(lastJsonLine<ImportSummary>(ok.stdout)).toMatchObject({ imported: 1, rejected: 0 });
      const store = storeFor(cli.env);
      try {
        const call = await store.encounters.get("call-srt-1");
        expect(call).toMatchObject({
          channel: "phone",
          team: "Laskutus",
          agent: "emma.w",
          started_at: "2026-03-12T07:30:00.000Z",
        });
        expect(call?.turns.map((t) => t.speaker)).toContain("customer");
        expect(call?.turns.map((t) => t.speaker)).toContain("agent");
        expect(call?.turns[1]?.at).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });

    it("refuses a file it cannot read with a clear message and a non-zero exit", async () => {
      const missing = await runCli(["import", path.join(dir, "nope.csv"), "--kind", "responses"], cli.env);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/nope\.csv/);
      const noColumns = path.join(dir, "wrong.csv");
      fs.writeFileSync(noColumns, "foo;bar\n1;2\n");
      const wrong = await runCli(["import", noColumns, "--kind", "responses"], cli.env);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/answered_at|score/);
      expect(wrong.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    });

    it("refuses a young-generation size that is not a number of megabytes, and stores nothing", async () => {
      const file = path.join(dir, "answers.csv");
      fs.writeFileSync(file, "Tunniste;Vastausaika;NPS\r\nyg-1;2.11.2026 10:00;9\r\n");
      for (const bad of ["lots", "-5", "1.5", "99999"]) {
        const r = await runCli(["import", file, "--kind", "responses"], {
          ...cli.env,
          KOHTAAMO_IMPORT_YOUNG_MB: bad,
        });
        expect(r.code, bad).not.toBe(0);
        expect(r.stderr).toContain(`KOHTAAMO_IMPORT_YOUNG_MB: must be a whole number of megabytes`);
        expect(r.stderr).toContain(`"${bad}"`);
      }
      // Nothing was stored: the same row is new to an import on the main thread (0: no worker thread).
      const onMain = await runCli(["import", file, "--kind", "responses"], {
        ...cli.env,
        KOHTAAMO_IMPORT_YOUNG_MB: "0",
      });
      expect(onMain.code, onMain.stderr).toBe(0);
      expect(lastJsonLine<{ imported: number }>(onMain.stdout).imported).toBe(1);
    });
  });
}
