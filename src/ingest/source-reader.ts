import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { type FileErrorCode, fileError, KohtaamoError, type RecordKind, reasonOf } from "../domain/index.ts";
import { type ResolvedColumns, resolveColumns } from "./column-aliases.ts";
import { type CsvRow, type Delimiter, detectDelimiter, readCsvRows } from "./csv-reader.ts";
import { groupEncounterRows } from "./encounter-grouping.ts";
import { parseSurveyKind } from "./field-values.ts";
import { type DecodedFile, isZipFile, openTextFile, type TextEncoding } from "./file-decoding.ts";
import { jsonlItems } from "./jsonl-items.ts";
import { countingRepair } from "./mojibake.ts";
import { type NormalizeOptions, normalizeRecord } from "./record-normalizer.ts";
import { screenRows } from "./row-screening.ts";
import { rawCells, type SourceItem } from "./source-item.ts";
import { SPEECH_JSON_FORMATS, type SpeechJsonFormat } from "./speech-json-formats.ts";
import { sniffSpeechJson, speechJsonItems } from "./transcript-json.ts";
import { readTranscript, type TranscriptOptions } from "./transcript-reader.ts";
import { readXlsxRows } from "./xlsx-reader.ts";

/**
 * The one entry point of file import: path + kind → a stream of validated records and
 * rejections, in file order, each exactly once. Whatever makes the whole file unusable (missing,
 * binary, no header, required columns missing) throws `unreadable_input` before the first item,
 * so the CLI can exit non-zero; everything wrong with single rows comes out as a rejection.
 */

export type SourceFormat = "csv" | "xlsx" | "jsonl" | "vtt" | "srt" | SpeechJsonFormat;

export interface OpenSourceOptions<K extends RecordKind> {
  kind: K;
  format?: "auto" | SourceFormat;
  /** `{ "File Column": "canonical_field" }`; "" ignores a column. */
  mapping?: Readonly<Record<string, string>>;
  /** Zone of timestamps without an offset; default Europe/Helsinki. */
  timeZone?: string;
  /** Values for fields a file lacks, e.g. `{ kind: "nps" }` for a responses file of NPS only. */
  defaults?: Readonly<Record<string, string>>;
  transcript?: TranscriptOptions;
}

export interface Source<K extends RecordKind> {
  path: string;
  format: SourceFormat;
  encoding: TextEncoding;
  hadBom: boolean;
  delimiter?: Delimiter;
  /** CSV only: how the header was understood (for warnings about ignored columns). */
  columns?: ResolvedColumns & { header: string[] };
  totalBytes: number;
  bytesRead(): number;
  /** Values read so far (cells, header names, JSON strings and keys) saved through a wrong encoding, repaired (mojibake.ts). */
  readonly repairs: { cells: number };
  items: AsyncIterable<SourceItem<K>>;
}

const BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".txt": "csv",
  ".xlsx": "xlsx",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "jsonl",
  ".vtt": "vtt",
  ".srt": "srt",
};

const TRANSCRIPT_MAX_BYTES = 50 * 1024 * 1024;

export async function openSource<K extends RecordKind>(
  path: string,
  opts: OpenSourceOptions<K>,
): Promise<Source<K>> {
  resolveColumns(opts.kind, [], opts.mapping); // a broken mapping file fails before the data is read
  const normalizeXlsx: NormalizeOptions = { timeZone: opts.timeZone ?? "Europe/Helsinki" };
  if (opts.format === "xlsx" || ((opts.format ?? "auto") === "auto" && (await isZipFile(path)))) {
    const totalBytes = (await stat(path)).size;
    const base = {
      path,
      format: "xlsx" as const,
      encoding: "utf-8" as const,
      hadBom: false,
      totalBytes,
      repairs: { cells: 0 },
    };
    let done = false;
    const rows = (async function* () {
      yield* readXlsxRows(path);
      done = true;
    })();
    return openTable(path, rows, { ...base, bytesRead: () => (done ? totalBytes : 0) }, opts, normalizeXlsx);
  }
  const file = await openTextFile(path);
  // A speech-to-text JSON is known by its keys whatever its name (AWS writes <job>.json).
  const format =
    !opts.format || opts.format === "auto"
      ? (sniffSpeechJson(file.head) ?? detectFormat(path, file.head))
      : opts.format;
  const normalize: NormalizeOptions = { timeZone: opts.timeZone ?? "Europe/Helsinki" };
  if (opts.defaults) normalize.defaults = opts.defaults;
  const base = {
    path,
    format,
    encoding: file.encoding,
    hadBom: file.hadBom,
    totalBytes: file.totalBytes,
    bytesRead: file.bytesRead,
    repairs: { cells: 0 },
  };
  if ((SPEECH_JSON_FORMATS as readonly string[]).includes(format)) {
    if (opts.kind !== "encounters") {
      const message = `${format} transcripts can only be imported as encounters`;
      throw fileError("bad_request", "transcript_kind", message, { format });
    }
    const items = await speechJsonItems(file, format as SpeechJsonFormat, {
      timeZone: normalize.timeZone,
      ...(opts.transcript && { transcript: opts.transcript }),
    });
    return { ...base, items: items as AsyncIterable<SourceItem<K>> };
  }
  if (format === "jsonl") {
    if (looksLikeJsonArray(file.head)) {
      const what = "it is a JSON array; write one JSON object per line (JSON Lines) instead";
      throw unreadable(path, what, "jsonl_array");
    }
    return { ...base, items: jsonlItems(file.chunks(), opts.kind, opts.mapping, normalize, base.repairs) };
  }
  if (format === "vtt" || format === "srt") {
    return { ...base, items: await transcriptItems(file, format, opts, normalize.timeZone) };
  }
  return openCsv(file, base, opts, normalize);
}

function detectFormat(path: string, head: string): SourceFormat {
  const byExtension = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  const start = head.trimStart();
  if (start.startsWith("WEBVTT")) return "vtt";
  if (/^\d+\s*\n\s*[\d:,.]+\s+-->/.test(start)) return "srt";
  if (start.startsWith("{") || start.startsWith("[")) return "jsonl";
  return "csv";
}

/**
 * A JSON array file (pretty-printed `[\n  {…},` or one line `[{…},{…}]`) is a common mistake for
 * JSON Lines and is refused as a whole with advice. A first line that is merely a bad row (`[1,2]`,
 * `[oops`) is not: it is rejected on its own like any other line.
 */
function looksLikeJsonArray(head: string): boolean {
  const lines = head.trimStart().split("\n");
  const first = (lines[0] ?? "").trim();
  if (!first.startsWith("[")) return false;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return first === "[" || /^\[\s*\{/.test(first);
  }
  const more = lines.slice(1).some((line) => line.trim() !== "");
  return (
    !more &&
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))
  );
}

function unreadable(
  path: string,
  what: string,
  code: FileErrorCode,
  params?: Readonly<Record<string, string | number>>,
): KohtaamoError {
  return fileError("unreadable_input", code, `Cannot read ${path}: ${what}`, params);
}

async function openCsv<K extends RecordKind>(
  file: DecodedFile,
  base: Omit<Source<K>, "items">,
  opts: OpenSourceOptions<K>,
  normalize: NormalizeOptions,
): Promise<Source<K>> {
  const delimiter = extname(file.path).toLowerCase() === ".tsv" ? "\t" : detectDelimiter(file.head);
  const rows = readCsvRows(file.chunks(), delimiter);
  return openTable(file.path, rows, base, opts, normalize, delimiter);
}

/** Header, column mapping and row screening of a table: a CSV file or an XLSX sheet. */
async function openTable<K extends RecordKind>(
  path: string,
  rows: AsyncGenerator<CsvRow>,
  base: Omit<Source<K>, "items">,
  opts: OpenSourceOptions<K>,
  normalize: NormalizeOptions,
  delimiter?: Delimiter,
): Promise<Source<K>> {
  const first = await rows.next();
  if (first.done || !first.value.ok)
    throw unreadable(path, "it has no header row (the file has no data)", "no_header");
  // A header saved through a wrong encoding ("PÃ¤ivÃ¤mÃ¤Ã¤rÃ¤") is read as it was meant, as the
  // rows are (row-screening.ts).
  const header = first.value.cells.map(countingRepair(base.repairs));
  const resolved = resolveColumns(opts.kind, header, opts.mapping);
  const defaults = { ...inferSurveyKind(opts.kind, header, resolved), ...opts.defaults };
  const missing = resolved.missingRequired.filter((field) => !defaults[field]);
  if (missing.length > 0) {
    await rows.return(undefined);
    const found = header.map((cell) => `"${cell}"`).join(", ");
    throw unreadable(
      path,
      `required column(s) missing for ${opts.kind}: ${missing.join(", ")}. Columns found` +
        `${delimiter ? ` (delimiter ${JSON.stringify(delimiter)})` : ""}: ${found}. Rename the columns or pass a mapping such as ` +
        `{"Your column": "${missing[0]}"}; see docs/formats.md for accepted names.`,
      // The columns found are not a parameter: a file without a header row has data there.
      "columns_missing",
      { kind: opts.kind, missing: missing.join(", ") },
    );
  }
  if (Object.keys(defaults).length > 0) normalize.defaults = defaults;
  const rest = screenRows({ [Symbol.asyncIterator]: () => rows }, resolved.columns, base.repairs);
  const items =
    opts.kind === "encounters"
      ? (groupEncounterRows(rest, header, resolved.columns, normalize) as AsyncIterable<SourceItem<K>>)
      : csvItems(rest, opts.kind, header, resolved.columns, normalize);
  return { ...base, ...(delimiter ? { delimiter } : {}), columns: { ...resolved, header }, items };
}

/** A responses file with a score column headed "NPS" (or CSAT, CES) needs no kind column. */
function inferSurveyKind(
  kind: RecordKind,
  header: string[],
  resolved: ResolvedColumns,
): Record<string, string> {
  if (kind !== "responses" || resolved.columns.includes("kind")) return {};
  const scoreHeader = header[resolved.columns.indexOf("score")];
  const surveyKind = scoreHeader === undefined ? null : parseSurveyKind(scoreHeader);
  return surveyKind?.ok ? { kind: surveyKind.value } : {};
}

async function* csvItems<K extends RecordKind>(
  rows: AsyncIterable<CsvRow>,
  kind: K,
  header: string[],
  columns: readonly (string | null)[],
  normalize: NormalizeOptions,
): AsyncGenerator<SourceItem<K>> {
  for await (const row of rows) {
    const raw = rawCells(header, row.cells);
    if (!row.ok) {
      const problem = row.problem ?? { field: `line ${row.line}`, ...reasonOf(row) };
      yield { line: row.line, ok: false, problems: [problem], raw };
      continue;
    }
    const fields: Record<string, string> = {};
    columns.forEach((field, index) => {
      if (field !== null) fields[field] = row.cells[index] ?? "";
    });
    const result = normalizeRecord(kind, fields, normalize);
    yield result.ok
      ? { line: row.line, ok: true, record: result.record }
      : { line: row.line, ...result, raw };
  }
}

async function transcriptItems<K extends RecordKind>(
  file: DecodedFile,
  format: "vtt" | "srt",
  opts: OpenSourceOptions<K>,
  timeZone: string,
): Promise<AsyncIterable<SourceItem<K>>> {
  if (opts.kind !== "encounters") {
    const message = `${format.toUpperCase()} transcripts can only be imported as encounters`;
    throw fileError("bad_request", "transcript_kind", message, { format });
  }
  if (file.totalBytes > TRANSCRIPT_MAX_BYTES)
    throw unreadable(file.path, "it is too large for a call transcript", "transcript_too_large");
  let text = "";
  for await (const chunk of file.chunks()) text += chunk;
  const baseName = basename(file.path, extname(file.path));
  let result: ReturnType<typeof readTranscript>;
  try {
    result = readTranscript(text, {
      format,
      baseName,
      timeZone,
      ...(opts.transcript && { transcript: opts.transcript }),
    });
  } catch (error) {
    // The reader's reason, named with the file; its code and parameters stay as they are.
    if (error instanceof KohtaamoError && error.code === "unreadable_input")
      throw new KohtaamoError(error.code, `Cannot read ${file.path}: ${error.message}`, error.details);
    throw error;
  }
  // The raw text would be the whole unredacted call (names, numbers, addresses), written into the
  // rejects file as it is: a rejection names the file instead, as speech-to-text JSON's does.
  const item = (
    result.ok ? { line: 1, ...result } : { line: 1, ...result, raw: { file: basename(file.path), format } }
  ) as SourceItem<K>;
  return (async function* () {
    yield item;
  })();
}
