import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { ImportJobs } from "../../src/server/import-jobs.ts";
import type { ImportPreviewBody, ImportRunBody, ImportSettings } from "../../src/server/import-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { brokenWorkbook } from "../support/broken-workbook.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { finishedRun, startedId } from "../support/import-runs.ts";

type App = ReturnType<typeof createApp>;
type ErrorAnswer = { error: { code: string; message: string; details?: unknown } };

/** Semicolons, Finnish headers, a column the aliases do not know ("Arvosana asteikolla") and one bad score. */
const CSV = [
  "Vastaus_id;Vastausaika;Tyyppi;Arvosana asteikolla;Kommentti",
  "w-1;1.3.2026 10:00;nps;9;Palvelu oli nopeaa",
  "w-2;2.3.2026 11:30;nps;11;Liian suuri arvosana",
  "w-3;3.3.2026 12:45;nps;4;Lasku oli väärin",
].join("\r\n");

async function upload(app: App, auth: Record<string, string>, name: string, body: string | Uint8Array) {
  return app.request(`/api/v1/imports/uploads?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...auth },
    body,
  });
}

async function postJson(app: App, auth: Record<string, string>, path: string, body: unknown) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify(body),
  });
}

for (const dialect of DIALECTS) {
  describe(`import routes on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let analyst: Record<string, string>;

    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      analyst = (await signedIn(store, "analyst")).headers;
    });
    afterEach(async () => {
      await dispose();
    });

    it("previews, maps a column, imports, and returns the rejected row with its reason as JSON and CSV", async () => {
      const up = await upload(app, analyst, "vastaukset.csv", CSV);
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };

      // Without a mapping the score column is unknown and the preview says what is missing.
      const first = (await (
        await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, { kind: "responses" })
      ).json()) as ImportPreviewBody;
      expect(first.format).toBe("csv");
      expect(first.delimiter).toBe(";");
      expect(first.encoding).toBe("utf-8");
      expect(first.missingRequired).toEqual(["score"]);
      expect(first.problem).toMatch(/score/);
      expect(first.problem).not.toMatch(/kohtaamo-import-/); // the user's file name, not the server's path
      // Its code and parameters, for the page to word in the user's language: never the columns found.
      expect(first).toMatchObject({
        problemCode: "columns_missing",
        problemParams: { kind: "responses", missing: "score" },
      });
      expect(first.columns.find((c) => c.header === "Arvosana asteikolla")?.status).toBe("unknown");
      expect(first.columns.find((c) => c.header === "Vastausaika")?.field).toBe("answered_at");

      const settings = { kind: "responses", mapping: { "Arvosana asteikolla": "score" } };
      const res = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, settings);
      expect(res.status).toBe(200);
      const preview = (await res.json()) as ImportPreviewBody;
      expect(preview).toMatchObject({ problem: null, problemCode: null, problemParams: {} });
      expect(preview.missingRequired).toEqual([]);
      expect(preview.columns.find((c) => c.header === "Arvosana asteikolla")).toMatchObject({
        field: "score",
        status: "mapped",
      });
      expect(preview.sample.map((s) => s.ok)).toEqual([true, false, true]);
      expect(preview.sample[1]?.problems[0]?.field).toBe("score");

      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, settings);
      expect(started.status).toBe(202);
      const run = await finishedRun(app, analyst, await startedId(started));
      // Status and error first: a failed run says why instead of showing only counts that do not match.
      expect({ status: run.status, error: run.error, counts: run.counts }).toEqual({
        status: "done",
        error: null,
        counts: { inserted: 2, updated: 0, unchanged: 0, rejected: 1 },
      });
      expect(run.rejected).toHaveLength(1);
      expect(run.rejected[0]).toMatchObject({
        line: 3,
        cells: { Vastaus_id: "w-2", "Arvosana asteikolla": "11" },
      });
      expect(run.rejected[0]?.reason).toBe("score: must be 0–10 for NPS (got 11)");
      // Each reason also comes with its code and parameters, for the page to word in its language.
      expect(run.rejected[0]?.problems).toEqual([
        {
          field: "score",
          reason: "must be 0–10 for NPS (got 11)",
          code: "score_range",
          params: { min: "0", max: "10", kind: "NPS", got: "11" },
        },
      ]);
      // The reports count what was just imported.
      const nps = (await (await app.request("/api/v1/reports/nps", { headers: analyst })).json()) as {
        n: number;
      };
      expect(nps.n).toBe(2);
      expect(await store.responses.get("w-1")).toBeTruthy();
      expect(await store.responses.get("w-2")).toBeFalsy();

      const csv = await app.request(`/api/v1/imports/runs/${run.id}/rejects`, { headers: analyst });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
      expect(csv.headers.get("content-disposition")).toMatch(/vastaukset\.csv\.rejects\.csv/);
      const lines = (await csv.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe("line;id;reason;Vastaus_id;Vastausaika;Tyyppi;Arvosana asteikolla;Kommentti");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^3;;score: .*;w-2;/);

      // The upload was consumed by the run; importing it twice needs a new upload.
      expect((await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, settings)).status).toBe(404);
      const audit = await app.request("/api/v1/audit", { headers: (await signedIn(store, "admin")).headers });
      const entries = JSON.stringify(await audit.json());
      expect(entries).toContain("records.import");
      expect(entries).toContain("responses:vastaukset.csv");
      expect(entries).not.toContain("Lasku oli väärin"); // counts, never the file's text
      const runs = await store.runs.latest("responses");
      expect(runs).toMatchObject({ status: "done", imported: 2, rejected: 1 });
    });

    it("keeps each rejected JSON line's reasons with their codes, and the English as before", async () => {
      const lines = [
        JSON.stringify({ id: "j-1", answered_at: "2026-03-01", kind: "nps", score: 9 }),
        JSON.stringify({ id: "j 2", answered_at: "31.2.2026", kind: "csat", score: 7.5 }),
        "[1, 2]",
      ].join("\n");
      const { id } = (await (await upload(app, analyst, "vastaukset.jsonl", lines)).json()) as { id: string };
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
      });
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run).toMatchObject({ status: "done", error: null, counts: { inserted: 1, rejected: 2 } });
      expect(run.rejected.map((r) => [r.line, r.reason])).toEqual([
        [
          2,
          "score: must be a whole number (got 7.5); answered_at: 31.2.2026 is not a valid date; id: must not contain spaces",
        ],
        [3, "json: must be a JSON object ({...}), got an array"],
      ]);
      expect(run.rejected.map((r) => r.problems.map((p) => [p.field, p.code, p.params]))).toEqual([
        [
          ["score", "whole_number_got", { value: "7.5" }],
          ["answered_at", "date_invalid", { value: "31.2.2026" }],
          ["id", "no_spaces", {}],
        ],
        [["json", "json_not_object", { jsonType: "array" }]],
      ]);
    });

    it("previews an encounter's JSON line with its turns as read, not as a column it skips", async () => {
      const line = JSON.stringify({
        id: "e-1",
        channel: "chat",
        started_at: "2026-03-01T10:00:00Z",
        turns: [{ speaker: "customer", text: "Hei" }],
      });
      const { id } = (await (await upload(app, analyst, "keskustelut.jsonl", line)).json()) as { id: string };
      const res = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, {
        kind: "encounters",
      });
      expect(res.status).toBe(200);
      const preview = (await res.json()) as ImportPreviewBody;
      expect(preview.columns.find((c) => c.header === "turns")).toMatchObject({
        field: "turns",
        status: "mapped",
      });
      expect(preview.columns.filter((c) => c.status !== "mapped")).toEqual([]);
      expect(preview.sample.map((x) => x.ok)).toEqual([true]);
    });

    /** Import jobs of their own over the test's store, beside the app's (no analysis). */
    const importJobs = () =>
      new ImportJobs({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });

    it("keeps uploads and rejected rows in the database for an hour, then deletes them", async () => {
      const jobs = importJobs();
      const waiting = await jobs.saveUpload("u-1", "odottaa.csv", new TextEncoder().encode(CSV));
      const { id } = (await (await upload(app, analyst, "vastaukset.csv", CSV)).json()) as { id: string };
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
        mapping: { "Arvosana asteikolla": "score" },
      });
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run.rejected).toHaveLength(1);
      expect((await jobs.upload("u-1", waiting.id)).name).toBe("odottaa.csv");

      // Within the hour nothing goes; after it, the waiting upload and the run's rejected rows do.
      await jobs.sweep(Date.now() + 30 * 60 * 1000);
      expect(
        await store.db.selectFrom("import_files").select("purpose").orderBy("purpose").execute(),
      ).toEqual([{ purpose: "rejects" }, { purpose: "upload" }]);
      await jobs.sweep(Date.now() + 61 * 60 * 1000);
      expect(await store.db.selectFrom("import_file_chunks").selectAll().execute()).toEqual([]);
      expect(await store.db.selectFrom("import_files").selectAll().execute()).toEqual([]);
      await expect(jobs.upload("u-1", waiting.id)).rejects.toThrow(/no such upload/);
      // The run keeps its counts; its rejected rows are gone.
      expect(await finishedRun(app, analyst, run.id)).toMatchObject({
        status: "done",
        counts: { inserted: 2, rejected: 1 },
        rejected: [],
      });
      await jobs.dispose();
    });

    it("leaves no copy of an imported upload on this machine's disk", async () => {
      const name = `kopio-${Math.random().toString(36).slice(2)}.csv`;
      const copies = () =>
        fs
          .readdirSync(os.tmpdir())
          .filter((d) => d.startsWith("kohtaamo-import-"))
          .filter((d) => fs.existsSync(path.join(os.tmpdir(), d, name)));
      const { id } = (await (await upload(app, analyst, name, CSV)).json()) as { id: string };
      await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, { kind: "responses" });
      expect(copies()).toHaveLength(1); // read for the preview
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
        mapping: { "Arvosana asteikolla": "score" },
      });
      await finishedRun(app, analyst, await startedId(started));
      expect(copies()).toEqual([]);
    });

    it("answers a start whose copy of the upload another start took and deleted with 409, not a missing file", async () => {
      const jobs = importJobs();
      const saved = await jobs.saveUpload("u-2", "samaan-aikaan.csv", new TextEncoder().encode(CSV));
      const settings: ImportSettings = {
        kind: "responses",
        format: "auto",
        mapping: { "Arvosana asteikolla": "score" },
      };
      // Two starts of one upload at the same moment: both hold its entry before either begins.
      const first = await jobs.upload("u-2", saved.id);
      const second = await jobs.upload("u-2", saved.id);
      const runId = Number(await jobs.start(first, settings, "a@example.com"));
      // The first took the upload and deleted this machine's copy, which the second then reads.
      expect(fs.existsSync(second.file)).toBe(false);
      await expect(jobs.start(second, settings, "a@example.com")).rejects.toMatchObject({
        code: "conflict",
        message: "this file is already being imported",
      });
      for (let i = 0; i < 200 && (await store.webImports.get(runId))?.status === "running"; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect((await store.webImports.get(runId))?.status).toBe("done");
      await jobs.dispose();
    });

    it("imports an upload once when it is started twice at the same moment", async () => {
      const { id } = (await (await upload(app, analyst, "kahdesti.csv", CSV)).json()) as { id: string };
      const settings = { kind: "responses", mapping: { "Arvosana asteikolla": "score" } };
      const answers = await Promise.all(
        [1, 2, 3].map(() => postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, settings)),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses[0]).toBe(202);
      // The others: the upload already taken (404 once the first run holds it, 409 when they raced).
      for (const s of statuses.slice(1)) expect([404, 409]).toContain(s);
      const run = (await (answers.find((a) => a.status === 202) as Response).json()) as ImportRunBody;
      expect((await finishedRun(app, analyst, run.id)).counts).toMatchObject({ inserted: 2, rejected: 1 });
      const runs = await store.db
        .selectFrom("import_runs")
        .select("id")
        .where("source", "=", "web:kahdesti.csv")
        .execute();
      expect(runs).toHaveLength(1);
    });

    it("refuses roles that may not import, and other users' uploads and runs", async () => {
      for (const role of ["manager", "agent", "viewer"] as const) {
        const headers = (await signedIn(store, role)).headers;
        expect((await upload(app, headers, "a.csv", CSV)).status, role).toBe(403);
        expect((await app.request("/api/v1/imports/runs/1", { headers })).status, role).toBe(403);
      }
      const { id } = (await (await upload(app, analyst, "a.csv", CSV)).json()) as { id: string };
      const admin = (await signedIn(store, "admin")).headers;
      const other = await postJson(app, admin, `/api/v1/imports/uploads/${id}/preview`, {
        kind: "responses",
      });
      expect(other.status).toBe(404);
    });

    it("names the reason for a file that is not data, an empty file and one over the size limit", async () => {
      const pdf = await upload(app, analyst, "raportti.csv", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
      const { id } = (await pdf.json()) as { id: string };
      const res = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, {
        kind: "responses",
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorAnswer;
      // The English message as before, and beside it the reason's code for the page to word.
      expect(body.error).toMatchObject({
        code: "unreadable_input",
        message:
          "Cannot read raportti.csv: it is a PDF document; export the data from the system that made it as CSV, XLSX or JSONL",
        details: { code: "file_pdf", params: {} },
      });
      // Starting the import is refused the same way.
      const start = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, { kind: "responses" });
      expect(start.status).toBe(400);
      expect(((await start.json()) as ErrorAnswer).error).toMatchObject({
        message: body.error.message,
        details: { code: "file_pdf", params: {} },
      });

      const empty = await upload(app, analyst, "tyhja.csv", "");
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as ErrorAnswer).error).toMatchObject({
        message: "Cannot read tyhja.csv: the file is empty",
        details: { code: "file_empty", params: {} },
      });

      const big = await upload(app, analyst, "iso.csv", new Uint8Array(17 * 1024 * 1024));
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/16 MB/);
    });

    it("reads an Excel workbook and a Windows-1252 CSV as the CLI does", async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Vastaukset");
      sheet.addRow(["id", "vastausaika", "NPS", "kommentti"]);
      sheet.addRow(["x-1", "4.3.2026 12:15", 10, "Hyvää palvelua"]);
      sheet.addRow(["x-2", "ei päivä", 7, ""]);
      const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
      const { id } = (await (await upload(app, analyst, "vastaukset.xlsx", xlsx)).json()) as { id: string };
      const preview = (await (
        await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, { kind: "responses" })
      ).json()) as ImportPreviewBody;
      expect(preview).toMatchObject({ format: "xlsx", encoding: null, delimiter: null, problem: null });
      expect(preview.sample.map((s) => s.ok)).toEqual([true, false]);
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
      });
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run).toMatchObject({ status: "done", error: null, counts: { inserted: 1, rejected: 1 } });
      expect(run.rejected[0]).toMatchObject({ line: 3, cells: { id: "x-2", vastausaika: "ei päivä" } });

      const latin = iconv.encode(
        "id;vastausaika;nps;kommentti\r\nl-1;5.3.2026 9:00;8;Ärsyttävä jono\r\n",
        "win1252",
      );
      const up = (await (await upload(app, analyst, "excel.csv", new Uint8Array(latin))).json()) as {
        id: string;
      };
      const csv = (await (
        await postJson(app, analyst, `/api/v1/imports/uploads/${up.id}/preview`, { kind: "responses" })
      ).json()) as ImportPreviewBody;
      expect(csv).toMatchObject({ format: "csv", encoding: "windows-1252", delimiter: ";", problem: null });

      const broken = new Uint8Array([
        0x50,
        0x4b,
        0x03,
        0x04,
        ...new TextEncoder().encode("not really a workbook"),
      ]);
      const bad = (await (await upload(app, analyst, "rikki.xlsx", broken)).json()) as { id: string };
      const res = await postJson(app, analyst, `/api/v1/imports/uploads/${bad.id}/preview`, {
        kind: "responses",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorAnswer).error).toMatchObject({
        message: expect.stringMatching(
          /^Cannot read rikki\.xlsx: it is not an Excel workbook that can be read/,
        ),
        details: { code: "xlsx_unreadable", params: {} },
      });
    });

    it("says what the import changed on the way in: cells read through a wrong encoding, HTML stored as text", async () => {
      // UTF-8 read once as Windows-1252 and saved as UTF-8 again: valid UTF-8, so only the cells show it.
      const twice = (text: string) => iconv.decode(Buffer.from(text, "utf8"), "win1252");
      // Yesterday: within the case rules' 30 days, so none is counted too old for a case.
      const day = new Date(Date.now() - 86_400_000);
      const at = `${day.getUTCDate()}.${day.getUTCMonth() + 1}.${day.getUTCFullYear()} 10:00`;
      const csv = [
        `id;vastausaika;nps;${twice("kommentti")};tiimi`,
        `m-1;${at};9;${twice("Kiitos nopeasta avusta!")};${twice("Jyväskylä")}`,
        `m-2;${at};3;${twice("Lasku oli väärä, 89,90 €")};${twice("Jyväskylä")}`,
        `m-3;${at};8;<p>Hei,</p><p>palvelu <b>toimi</b> hyvin.</p>;Tampere`,
        `m-4;${at};10;Kiitos <3;Tampere`,
      ].join("\r\n");
      const { id } = (await (await upload(app, analyst, "kaksoiskoodattu.csv", csv)).json()) as {
        id: string;
      };
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
        mapping: { tiimi: "team" },
      });
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run).toMatchObject({ status: "done", counts: { inserted: 4, rejected: 0 } });
      // "väärä", "€" and the two "Jyväskylä" cells; the header "kommentti" had nothing to repair.
      expect(run.notes).toEqual({ encodingRepairs: 3, htmlBodies: 1, tooOldForCases: 0 });
      expect((await store.responses.get("m-2"))?.comment).toBe("Lasku oli väärä, 89,90 €");
      expect((await store.responses.get("m-2"))?.team).toBe("Jyväskylä");
      expect((await store.responses.get("m-3"))?.comment).toBe("Hei,\n\npalvelu toimi hyvin.");
      expect((await store.responses.get("m-4"))?.comment).toBe("Kiitos <3");

      // A clean file has nothing repaired; its two answers of March are older than the case rules'
      // default 30 days (the CLI's "opened no follow-up case").
      const clean = (await (await upload(app, analyst, "puhdas.csv", CSV)).json()) as { id: string };
      const cleanRun = await finishedRun(
        app,
        analyst,
        (
          (await (
            await postJson(app, analyst, `/api/v1/imports/uploads/${clean.id}/runs`, {
              kind: "responses",
              mapping: { "Arvosana asteikolla": "score" },
            })
          ).json()) as ImportRunBody
        ).id,
      );
      expect(cleanRun.notes).toEqual({ encodingRepairs: 0, htmlBodies: 0, tooOldForCases: 2 });
    });

    it("fails a run whose workbook breaks after its first rows, with the reason's code beside its English", async () => {
      const xlsx = await brokenWorkbook();
      const { id } = (await (await upload(app, analyst, "kesken.xlsx", xlsx)).json()) as { id: string };
      // The start reads the first rows only: the break is met by the import itself.
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, {
        kind: "responses",
      });
      expect(started.status).toBe(202);
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run).toMatchObject({
        status: "failed",
        error: expect.stringMatching(
          /^Cannot read kesken\.xlsx: it is not an Excel workbook that can be read \(.+\); open it in Excel and save it again as \.xlsx, or save the sheet as CSV UTF-8$/,
        ),
        errorCode: "xlsx_unreadable",
        errorParams: {},
      });
      expect(
        await store.db.selectFrom("import_runs").select(["error_code", "error_params"]).execute(),
      ).toEqual([{ error_code: "xlsx_unreadable", error_params: "{}" }]);
    });

    it("imports a WebVTT transcript as an encounter with its metadata", async () => {
      const vtt =
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Asiakas>Hei, laskussa on virhe.\n\n00:00:05.000 --> 00:00:08.000\n<v Agentti>Katsotaan heti.\n";
      const { id } = (await (await upload(app, analyst, "puhelu-7.vtt", vtt)).json()) as { id: string };
      // Read as survey answers, the preview says a transcript is an encounter, with the reason's code.
      const answers = (await (
        await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, { kind: "responses" })
      ).json()) as ImportPreviewBody;
      expect(answers).toMatchObject({
        problem: "VTT transcripts can only be imported as encounters",
        problemCode: "transcript_kind",
        problemParams: { format: "vtt" },
      });
      // Without its start time the preview names what is missing.
      const bare = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, {
        kind: "encounters",
      });
      expect(bare.status).toBe(200);
      const first = (await bare.json()) as ImportPreviewBody;
      expect(first.format).toBe("vtt");
      expect(first.sample).toMatchObject([{ line: 1, ok: false, problems: [{ field: "started_at" }] }]);
      const settings = {
        kind: "encounters",
        transcript: { started_at: "2026-03-04T10:00:00+02:00", team: "Laskutus", agent: "agent-1" },
      };
      const preview = (await (
        await postJson(app, analyst, `/api/v1/imports/uploads/${id}/preview`, settings)
      ).json()) as ImportPreviewBody;
      expect(preview).toMatchObject({ format: "vtt", problem: null });
      expect(preview.sample).toEqual([{ line: 1, ok: true, problems: [] }]);
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, settings);
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run.counts.inserted).toBe(1);
      expect((await store.encounters.get("puhelu-7"))?.team).toBe("Laskutus");
    });
  });
}
