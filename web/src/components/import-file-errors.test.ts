import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FILE_ERROR_CODES, fileErrorOf, KohtaamoError, type RecordKind } from "../../../src/domain/index.ts";
import { type OpenSourceOptions, openSource } from "../../../src/ingest/source-reader.ts";
import { parseSpeakerMapping } from "../../../src/ingest/transcript-json.ts";
import { previewUpload } from "../../../src/server/import-preview.ts";
import { ApiError } from "../api.ts";
import type { ImportRunResult } from "../api-types.ts";
import { en } from "../i18n/en.ts";
import { fi } from "../i18n/fi.ts";
import { localeOf } from "../i18n/language.ts";
import { translator } from "../i18n/translate.ts";
import { apiErrorText, fileErrorText, runErrorText } from "./import-file-errors.ts";

const words = (lang: "fi" | "en") => {
  return {
    t: translator(lang === "fi" ? fi : en),
    num: (v: number | null | undefined, digits = 1) =>
      new Intl.NumberFormat(localeOf(lang), {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(v ?? 0),
  };
};
const FI = words("fi");
const EN = words("en");

/** What a bad file (or setting) gives: the importer's English message, and the code it must carry. */
interface Refusal {
  message: string | RegExp;
  code: string;
  params?: Record<string, string>;
  /** The API's kind of error (and so the HTTP status). */
  kind?: "unreadable_input" | "bad_request";
}

const dir = mkdtemp(join(tmpdir(), "kohtaamo-file-errors-"));
afterAll(async () => {
  await rm(await dir, { recursive: true, force: true });
});
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(await dir, name);
  await writeFile(path, content);
  return path;
}

/** The importer's error for a file: opened and read to its end as an import reads it. */
async function refusal(path: string, opts: Partial<OpenSourceOptions<RecordKind>> = {}): Promise<unknown> {
  try {
    const source = await openSource(path, { kind: "responses", timeZone: "Europe/Helsinki", ...opts });
    for await (const _item of source.items);
  } catch (error) {
    return error;
  }
  throw new Error(`${path} was read without an error`);
}

const bytes = (...values: number[]) => new Uint8Array([...values, ...new TextEncoder().encode("rest")]);
const WHISPER = JSON.stringify({ segments: [{ start: 0, end: 1, text: "Hei", speaker: "SPEAKER_00" }] });
/** A speaker mapping's role that is not one: its parameters, the role's own reason by its code. */
const ROLE = {
  speaker: "spk_0",
  value: '"naapuri"',
  allowed: "customer, agent, bot",
  inner: "speaker_unknown",
};
const PDF = "it is a PDF document; export the data from the system that made it as CSV, XLSX or JSONL";

/** Every bad file the importer refuses as a whole, read by its own code: the error and what it must be. */
async function refusals(): Promise<[unknown, Refusal][]> {
  const at = async (name: string) => join(await dir, name);
  const cases: [unknown, Refusal][] = [];
  const add = (error: unknown, expected: Refusal) => cases.push([error, expected]);
  const missing = await at("missing.csv");
  add(await refusal(missing), {
    message: `Cannot read ${missing}: the file does not exist`,
    code: "file_missing",
  });
  const folder = await dir;
  add(await refusal(folder), {
    message: `Cannot read ${folder}: it is a directory, not a file`,
    code: "file_directory",
  });
  add(await refusal("/dev/null"), {
    message: "Cannot read /dev/null: it is not a regular file",
    code: "file_not_regular",
  });
  // A path through a regular file: the system refuses it as "not a directory" (ENOTDIR), for root too.
  const through = join(await file("plain.txt", "x"), "answers.csv");
  add(await refusal(through), {
    message: `Cannot read ${through}: ENOTDIR (a part of the path is a file, not a folder)`,
    code: "file_unreadable",
    params: { detail: "ENOTDIR" },
  });
  const empty = await file("empty.csv", "");
  add(await refusal(empty), { message: `Cannot read ${empty}: the file is empty`, code: "file_empty" });
  const binary = await file("dump.csv", new Uint8Array(200).fill(1));
  add(await refusal(binary), {
    message:
      `Cannot read ${binary}: it looks like binary data, not text (100% of its first bytes are control ` +
      "characters such as NUL); expected a CSV, JSONL, XLSX, VTT or SRT file; if it is a spreadsheet " +
      "or database dump, save or export it as CSV (UTF-8)",
    code: "file_binary",
    params: { percent: "100" },
  });
  const signatures: [string, Uint8Array, string, string, Record<string, string>?][] = [
    [
      "zip.csv",
      bytes(0x50, 0x4b, 0x03, 0x04),
      "it is a ZIP archive, not text; an Excel workbook (.xlsx) is one: import it with --format xlsx " +
        "(or auto); any other archive: unpack it and import the file inside",
      "file_zip",
    ],
    [
      "old.xls",
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
      "it is an old-style Excel (.xls) or other Microsoft Office file; open it in Excel and save it " +
        "as an Excel workbook (.xlsx) or as CSV UTF-8, then import that",
      "file_xls",
    ],
    ["report.csv", new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n"), PDF, "file_pdf"],
    [
      "data.csv.gz",
      bytes(0x1f, 0x8b, 0x08),
      "it is gzip-compressed; decompress it first (gunzip FILE) and import the file inside",
      "file_gzip",
    ],
    [
      "a.png",
      bytes(0x89, 0x50, 0x4e, 0x47),
      "it is a PNG image, not a data file",
      "file_image",
      { image: "PNG" },
    ],
    [
      "a.jpg",
      bytes(0xff, 0xd8, 0xff),
      "it is a JPEG image, not a data file",
      "file_image",
      { image: "JPEG" },
    ],
    [
      "a.gif",
      bytes(...[..."GIF89a"].map((c) => c.charCodeAt(0))),
      "it is a GIF image, not a data file",
      "file_image",
      { image: "GIF" },
    ],
    [
      "app.db",
      bytes(...[..."SQLite format 3"].map((c) => c.charCodeAt(0)), 0),
      "it is an SQLite database; export the table as CSV (e.g. sqlite3 -csv -header) and import that",
      "file_sqlite",
    ],
    [
      "a.7z",
      bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c),
      "it is a 7-Zip archive; unpack it and import the file inside",
      "file_archive",
      { archive: "7-Zip" },
    ],
    [
      "a.rar",
      bytes(...[..."Rar!"].map((c) => c.charCodeAt(0)), 0x1a),
      "it is a RAR archive; unpack it and import the file inside",
      "file_archive",
      { archive: "RAR" },
    ],
  ];
  for (const [name, content, advice, code, params] of signatures) {
    const path = await file(name, content);
    // A ZIP read as text: left to detect, it would be read as a workbook.
    const error = await refusal(path, code === "file_zip" ? { format: "csv" } : {});
    add(error, { message: `Cannot read ${path}: ${advice}`, code, ...(params && { params }) });
  }
  const array = await file("answers.jsonl", '[\n  {"id": "R-1"}\n]\n');
  add(await refusal(array), {
    message: `Cannot read ${array}: it is a JSON array; write one JSON object per line (JSON Lines) instead`,
    code: "jsonl_array",
  });
  const blank = await file("blank.csv", "\n\n\n");
  add(await refusal(blank), {
    message: `Cannot read ${blank}: it has no header row (the file has no data)`,
    code: "no_header",
  });
  const columns = await file("columns.csv", "Tunniste;Pvm;Kommentti\nR-1;2025-03-04;Matti soitti\n");
  add(await refusal(columns), {
    message:
      `Cannot read ${columns}: required column(s) missing for responses: kind, score. Columns found ` +
      `(delimiter ";"): "Tunniste", "Pvm", "Kommentti". Rename the columns or pass a mapping such as ` +
      `{"Your column": "kind"}; see docs/formats.md for accepted names.`,
    code: "columns_missing",
    // The columns found (a header row may be data) are not quoted.
    params: { kind: "responses", missing: "kind, score" },
  });
  add(await refusal(columns, { mapping: { Pvm: "paiva" } }), {
    message:
      'Column mapping: "Pvm" is mapped to "paiva", which is not a field of responses. Fields of responses: ' +
      "id, answered_at, kind, score, comment, channel, touchpoint, team, agent, customer_id, encounter_id " +
      '(or "" to ignore the column).',
    code: "mapping_not_field",
    params: { field: "paiva", kind: "responses" },
    kind: "bad_request",
  });
  add(await refusal(columns, { mapping: { Pvm: "score", Kommentti: "score" } }), {
    message: 'Column mapping: both "Pvm" and "Kommentti" are mapped to "score"; map only one column to it.',
    code: "mapping_field_twice",
    params: { field: "score" },
    kind: "bad_request",
  });
  const workbook = await file("broken.xlsx", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0));
  add(await refusal(workbook), {
    message: new RegExp(
      `^Cannot read ${workbook}: it is not an Excel workbook that can be read \\(.+\\); open it in Excel ` +
        "and save it again as \\.xlsx, or save the sheet as CSV UTF-8$",
    ),
    code: "xlsx_unreadable",
  });
  const vtt = await file("call.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Asiakas>Hei\n");
  add(await refusal(vtt), {
    message: "VTT transcripts can only be imported as encounters",
    code: "transcript_kind",
    params: { format: "vtt" },
    kind: "bad_request",
  });
  const whisper = await file("call.json", WHISPER);
  add(await refusal(whisper), {
    message: "whisper transcripts can only be imported as encounters",
    code: "transcript_kind",
    params: { format: "whisper" },
    kind: "bad_request",
  });
  const encounters = { kind: "encounters" as const };
  const notVtt = await file("notes.vtt", "Puhelu 4.3.\n\n00:00:01.000 --> 00:00:02.000\nHei\n");
  add(await refusal(notVtt, encounters), {
    message: `Cannot read ${notVtt}: not a WebVTT file: the first line must be WEBVTT`,
    code: "vtt_header",
  });
  const noCues = await file("empty.srt", "\n \n\n");
  add(await refusal(noCues, encounters), {
    message: `Cannot read ${noCues}: no cues found; expected timed cues like "00:00:01.000 --> 00:00:04.000"`,
    code: "cues_none",
    params: { format: "srt" },
  });
  const cut = await file("cut.json", '{"segments": [');
  add(await refusal(cut, encounters), {
    message: `Cannot read ${cut}: it is not valid JSON: Unexpected end of JSON input (read as whisper JSON)`,
    code: "speech_json_invalid",
    params: { detail: "Unexpected end of JSON input", format: "whisper" },
  });
  const comma = await file("comma.json", '{"segments": []\n "text": "x"}');
  add(await refusal(comma, encounters), {
    message: `Cannot read ${comma}: it is not valid JSON at line 2, column 2: Expected ',' or '}' after property value (read as whisper JSON)`,
    code: "speech_json_invalid_at",
    params: { line: "2", column: "2", detail: "Expected ',' or '}' after property value", format: "whisper" },
  });
  // Over the 50 MB a transcript may be: real text where the importer looks first (its first 64 KiB),
  // the rest a hole in the file (truncate), so the test writes 80 KiB, not 51 MB.
  const oversized = async (name: string, head: string) => {
    const path = await file(name, head.padEnd(80 * 1024, " "));
    await truncate(path, 51 * 1024 * 1024);
    return path;
  };
  const bigVtt = await oversized(
    "long-call.vtt",
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Asiakas>Hei\n",
  );
  add(await refusal(bigVtt, encounters), {
    message: `Cannot read ${bigVtt}: it is too large for a call transcript`,
    code: "transcript_too_large",
  });
  const bigWhisper = await oversized("long-call.json", '{"segments": [');
  add(await refusal(bigWhisper, encounters), {
    message: `Cannot read ${bigWhisper}: it is 51.0 MB; a speech-to-text transcript may be at most 50 MB`,
    code: "speech_too_large",
    params: { size: "51.0", max: "50", format: "whisper" },
  });
  const shapes: [
    string,
    string,
    OpenSourceOptions<"encounters">["format"],
    string,
    string,
    Record<string, string>?,
  ][] = [
    ["list.json", "[1, 2]", "whisper", "a Whisper transcript must be a JSON object", "speech_not_object"],
    [
      "results.json",
      '{"results": 5}',
      "aws-transcribe",
      '"results" must be a JSON object',
      "speech_part_not_object",
      { field: "results" },
    ],
    [
      "text.json",
      '{"text": "Hei"}',
      "whisper",
      '"segments" is missing: a Whisper transcript needs its timed segments (response_format verbose_json, or WhisperX output)',
      "speech_list_missing",
      { field: "segments" },
    ],
    [
      "phrases.json",
      '{"recognizedPhrases": 5}',
      "azure-speech",
      '"recognizedPhrases" must be a list: an Azure Speech batch transcription result lists its phrases there',
      "speech_not_list",
      { field: "recognizedPhrases" },
    ],
    [
      "words.json",
      '{"results": {"transcripts": []}}',
      "aws-transcribe",
      '"results.items" is missing or empty: the transcript has no words',
      "speech_no_words",
    ],
  ];
  for (const [name, content, format, what, code, params] of shapes) {
    const path = await file(name, content);
    add(await refusal(path, { ...encounters, format }), {
      message: `Cannot read ${path}: ${what} (read as ${format} JSON)`,
      code,
      params: { ...params, format: format as string },
    });
  }
  const sidecars: [string, string, string | RegExp, string][] = [
    ["oops", "{oops", /^.+$/, "sidecar_invalid"],
    ["list", "[1]", "it must hold one JSON object of encounter fields", "sidecar_not_object"],
    [
      "roles",
      JSON.stringify({ speakers: { SPEAKER_00: "naapuri" } }),
      '"speakers" must map labels to customer, agent or bot, like {"spk_0": "agent"}',
      "sidecar_speakers",
    ],
  ];
  for (const [name, meta, what, code] of sidecars) {
    const path = await file(`${name}.json`, WHISPER);
    const sidecar = await file(`${name}.meta.json`, meta);
    add(await refusal(path, encounters), {
      message:
        typeof what === "string"
          ? `Cannot read ${sidecar}: ${what}`
          : new RegExp(`^Cannot read ${sidecar}: ${what.source.slice(1, -1)}$`),
      code,
    });
  }
  add(
    thrown(() => parseSpeakerMapping("spk_0=agent,spk_1")),
    {
      message: '--speakers: "spk_1" must look like spk_0=agent',
      code: "speakers_pair",
      params: { pair: "spk_1" },
      kind: "bad_request",
    },
  );
  add(
    thrown(() => parseSpeakerMapping("spk_0=naapuri")),
    {
      message: '--speakers: spk_0: "naapuri" is not a known speaker; use one of: customer, agent, bot',
      code: "speakers_role",
      params: ROLE,
      kind: "bad_request",
    },
  );
  // A header and nothing after it: only the preview says so (an import of it imports nothing).
  const headerOnly = await file("header.csv", "id;answered_at;kind;score\n");
  const preview = await previewUpload(
    headerOnly,
    { id: "u", name: "header.csv", bytes: 26 },
    { kind: "responses", format: "auto" },
    "Europe/Helsinki",
  );
  add(
    new KohtaamoError("unreadable_input", preview.problem ?? "", {
      code: preview.problemCode,
      params: preview.problemParams,
    }),
    { message: "the file has no rows after its header", code: "no_rows" },
  );
  return cases;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

/** Codes the samples above do not reach, and why; a new code must be reached above or listed here. */
const NOT_DRIVEN: Record<string, string> = {};

const placeholder = /\{\w+\}/;

describe("the importer's file-level errors, coded and worded in the user's language", () => {
  it("gives each bad file its code beside the unchanged English message, and words it in Finnish and English", async () => {
    const seen = new Set<string>();
    for (const [error, expected] of await refusals()) {
      const where = `${expected.code}: ${String(error)}`;
      expect(error, where).toBeInstanceOf(KohtaamoError);
      const { message, code } = error as KohtaamoError;
      if (typeof expected.message === "string") expect(message, where).toBe(expected.message);
      else expect(message, where).toMatch(expected.message);
      expect(code, where).toBe(expected.kind ?? "unreadable_input");
      const coded = fileErrorOf(error);
      expect(coded, where).toEqual({ code: expected.code, params: expected.params ?? {} });
      seen.add(expected.code);
      // No parameter quotes the file's text: the file's own words stay in the English message only.
      expect(JSON.stringify(coded?.params), where).not.toMatch(/Tunniste|Matti|Hei|oops/);

      const english = fileErrorText(EN, { message, ...coded });
      const finnish = fileErrorText(FI, { message, ...coded });
      expect(english, where).not.toBe(message);
      expect(english, where).not.toMatch(placeholder);
      expect(finnish, where).not.toMatch(placeholder);
      expect(finnish, where).not.toBe(english);
    }
    const missing = FILE_ERROR_CODES.filter((code) => !seen.has(code) && !(code in NOT_DRIVEN));
    expect(missing).toEqual([]);
    expect(Object.keys(NOT_DRIVEN).filter((code) => seen.has(code))).toEqual([]);
  }, 30_000);

  it("words the kind, the format and numbers in the page's language", () => {
    const columns = { code: "columns_missing", params: { kind: "responses", missing: "kind, score" } };
    expect(fileErrorText(FI, { message: "", ...columns })).toMatch(
      /^pakollisia sarakkeita puuttuu \(Kyselyvastaukset\): kind, score\. /,
    );
    expect(fileErrorText(EN, { message: "", ...columns })).toMatch(
      /^required column\(s\) missing \(Survey answers\): kind, score\. /,
    );
    const large = { code: "speech_too_large", params: { size: "51.2", max: "50", format: "whisper" } };
    expect(fileErrorText(FI, { message: "", ...large })).toBe(
      "sen koko on 51,2 Mt; puheentunnistuksen litterointi saa olla enintään 50 Mt.",
    );
    const kind = { code: "transcript_kind", params: { format: "aws-transcribe" } };
    expect(fileErrorText(FI, { message: "", ...kind })).toBe(
      "litterointitiedoston (AWS Transcribe JSON) voi tuoda vain kohtaamisina (keskusteluina).",
    );
    const role = {
      code: "speakers_role",
      params: ROLE,
    };
    expect(fileErrorText(FI, { message: "", ...role })).toBe(
      'puhujat: spk_0: "naapuri" ei ole tunnettu puhuja; käytä jotakin näistä: customer, agent, bot.',
    );
  });

  it("keeps the English of an error without a code, or with one this page does not know", () => {
    expect(
      fileErrorText(FI, { message: "Cannot read x: odd", code: "from_a_newer_server", params: {} }),
    ).toBe("Cannot read x: odd");
    expect(fileErrorText(FI, { message: "Cannot read x: odd" })).toBe("Cannot read x: odd");
    const answer = new ApiError(400, "Cannot read a.csv: the file is empty", null, {
      code: "file_empty",
      params: {},
    });
    expect(apiErrorText(FI, answer)).toBe("tiedosto on tyhjä.");
    expect(apiErrorText(FI, new ApiError(409, "this file is already being imported", null))).toBe(
      "this file is already being imported",
    );
    expect(apiErrorText(FI, new TypeError("Failed to fetch"))).toBe("Failed to fetch");
  });

  it("words a failed run's error: the server's own reasons and the importer's about the file", () => {
    const run = (error: string, errorCode: ImportRunResult["errorCode"], errorParams = {}) =>
      ({ status: "failed", error, errorCode, errorParams }) as ImportRunResult;
    expect(runErrorText(FI, run("the import was interrupted …", "interrupted"))).toBe(
      FI.t("import.runError.interrupted"),
    );
    const workbook = run("Cannot read a.xlsx: it is not an Excel workbook …", "xlsx_unreadable");
    expect(runErrorText(FI, workbook)).toBe(FI.t("import.fileError.xlsx_unreadable"));
    expect(runErrorText(EN, workbook)).toBe(
      "it is not an Excel workbook that can be read. Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8.",
    );
    // Stored without a code (an error of another kind, or before codes were kept): the English.
    expect(runErrorText(FI, run("database is locked", null))).toBe("database is locked");
  });
});
