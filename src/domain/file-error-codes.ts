import { type ErrorCode, KohtaamoError } from "./errors.ts";
import { textParams } from "./problem-codes.ts";

/**
 * The closed list of reasons the importer refuses a file as a whole (or the settings it is to be read
 * with), as stable codes for a UI to word in its language; the error's message keeps the English
 * sentence the CLI prints and API clients read. A refusal is a KohtaamoError whose `details` are
 * `{ code, params }` (fileError below): the API's error answer carries them, and a failed web import
 * run keeps them (`errorCode`, `errorParams`). Parameters are what the wording needs (field names, a
 * format, a record kind, a line, a size), always as text, and never text of the file: the English
 * message may quote the columns it found or a parser's detail, the parameters do not. The web
 * dictionaries (web/src/i18n/pages/import-file-errors.ts) must word every code in Finnish and
 * English, which their type enforces.
 */
export const FILE_ERROR_CODES = [
  // The file itself (ingest/file-decoding.ts, file-signature.ts; the upload route)
  "file_missing",
  "file_unreadable",
  "file_directory",
  "file_not_regular",
  "file_empty",
  "file_binary",
  "file_zip",
  "file_xls",
  "file_pdf",
  "file_gzip",
  "file_image",
  "file_sqlite",
  "file_archive",
  // Tables and JSON Lines (ingest/source-reader.ts, column-aliases.ts, xlsx-reader.ts; the preview)
  "jsonl_array",
  "no_header",
  "no_rows",
  "columns_missing",
  "mapping_not_field",
  "mapping_field_twice",
  "xlsx_unreadable",
  // Call transcripts: VTT, SRT (ingest/source-reader.ts, transcript-cues.ts)
  "transcript_kind",
  "transcript_too_large",
  "vtt_header",
  "cues_none",
  // Speech-to-text JSON (ingest/transcript-json.ts, speech-json-*.ts) and its settings
  "speech_too_large",
  "speech_json_invalid",
  "speech_json_invalid_at",
  "speech_not_object",
  "speech_part_not_object",
  "speech_list_missing",
  "speech_not_list",
  "speech_no_words",
  "sidecar_invalid",
  "sidecar_not_object",
  "sidecar_speakers",
  "speakers_pair",
  "speakers_role",
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** A file error's parameters, by name; values as text. */
export type FileErrorParams = Readonly<Record<string, string>>;

/** What a file error carries beside its English message (a KohtaamoError's `details`). */
export interface FileErrorDetails {
  code: FileErrorCode;
  params: FileErrorParams;
}

/** The importer's refusal of a file: `kind` maps to the HTTP status, `code` and `params` word it. */
export function fileError(
  kind: ErrorCode,
  code: FileErrorCode,
  message: string,
  params: Readonly<Record<string, string | number>> = {},
): KohtaamoError {
  return new KohtaamoError(kind, message, { code, params: textParams(params) } satisfies FileErrorDetails);
}

/** Whether a stored or received code is one this version knows. */
export function isFileErrorCode(code: unknown): code is FileErrorCode {
  return typeof code === "string" && (FILE_ERROR_CODES as readonly string[]).includes(code);
}

/** The code and parameters of an error made by fileError; null for any other error. */
export function fileErrorOf(error: unknown): FileErrorDetails | null {
  if (!(error instanceof KohtaamoError)) return null;
  const details = error.details as Partial<FileErrorDetails> | undefined;
  if (!isFileErrorCode(details?.code)) return null;
  return { code: details.code, params: details.params ?? {} };
}
