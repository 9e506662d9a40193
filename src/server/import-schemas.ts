import { z } from "@hono/zod-openapi";
import { FILE_ERROR_CODES, RECORD_KINDS } from "../domain/index.ts";
import { FieldProblemBody } from "./api-schemas.ts";
import { RUN_FAILURE_CODES } from "./import-run-errors.ts";

/**
 * The shapes of the import routes (src/server/import-routes.ts): upload a file, preview how it is
 * read, start the import, follow its progress and read the rejected rows. The web app reads these
 * types with `z.input` (web/src/api-types.ts).
 */

export const IMPORT_FORMATS = [
  "auto",
  "csv",
  "xlsx",
  "jsonl",
  "vtt",
  "srt",
  "whisper",
  "aws-transcribe",
  "azure-speech",
] as const;

/** Largest file the web import takes; the CLI (`kohtaamo import`) has no such limit. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

export const UploadQuery = z.object({
  name: z.string().min(1).max(255).openapi({
    description: "the file's name; its extension helps detect the format",
    example: "answers.csv",
  }),
});

export const Upload = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    bytes: z.number().int(),
  })
  .openapi("ImportUpload");

export const UploadIdParam = z.object({ id: z.string().min(1).max(64) });
export const RunIdParam = z.object({ id: z.string().regex(/^\d{1,12}$/) });

const TranscriptSettings = z
  .strictObject({
    id: z.string().max(200).optional(),
    started_at: z.string().max(100).optional(),
    channel: z.string().max(100).optional(),
    team: z.string().max(200).optional(),
    agent: z.string().max(200).optional(),
    customer_id: z.string().max(200).optional(),
    speakers: z
      .string()
      .max(1000)
      .optional()
      .describe(
        "speech-to-text JSON: who is who, e.g. spk_0=agent,spk_1=customer (default: first voice agent)",
      ),
  })
  .openapi("ImportTranscriptSettings");

export const ImportSettings = z
  .strictObject({
    kind: z.enum(RECORD_KINDS),
    format: z.enum(IMPORT_FORMATS).default("auto"),
    mapping: z
      .record(z.string().max(200), z.string().max(100))
      .optional()
      .describe('{"File column": "field"}; "" ignores the column'),
    defaults: z
      .record(z.string().max(100), z.string().max(200))
      .optional()
      .describe('values for fields the file lacks, e.g. {"kind": "nps"}'),
    transcript: TranscriptSettings.optional().describe(
      "VTT/SRT/speech-to-text JSON: the encounter's metadata",
    ),
  })
  .openapi("ImportSettings");

/** The importer's reasons for refusing a file as a whole (domain/file-error-codes.ts). */
const FileErrorCodeSchema = z.enum(FILE_ERROR_CODES);
const ErrorParams = z.record(z.string(), z.string());

export const ColumnMapping = z
  .strictObject({
    header: z.string(),
    field: z.string().nullable().describe("the field this column feeds; null when ignored"),
    status: z.enum(["mapped", "ignored", "unknown", "duplicate"]),
  })
  .openapi("ImportColumn");

export const ImportPreview = z
  .strictObject({
    upload: Upload,
    kind: z.enum(RECORD_KINDS),
    format: z.enum(["csv", "xlsx", "jsonl", "vtt", "srt", "whisper", "aws-transcribe", "azure-speech"]),
    encoding: z.string().nullable().describe("text encoding detected (null for XLSX)"),
    hadBom: z.boolean(),
    delimiter: z.string().nullable(),
    columns: z.array(ColumnMapping).describe("CSV/XLSX header cells or JSONL keys and the field each feeds"),
    fields: z.array(z.string()).describe("the fields of this kind, for adjusting the mapping"),
    required: z.array(z.string()),
    missingRequired: z.array(z.string()),
    sample: z
      .array(
        z.strictObject({
          line: z.number().int(),
          ok: z.boolean(),
          problems: z.array(FieldProblemBody),
        }),
      )
      .describe("how the first rows read: accepted, or rejected with the reasons"),
    problem: z.string().nullable().describe("why the file cannot be imported as set; null when it can"),
    problemCode: FileErrorCodeSchema.nullable().describe(
      "the problem's stable code, for wording `problem` in the user's language; null when there is no problem or it has no code",
    ),
    problemParams: ErrorParams.describe(
      "what the problem's wording quotes (field names, a format); {} when none",
    ),
  })
  .openapi("ImportPreview");

export const RejectedRow = z
  .strictObject({
    line: z.number().int(),
    id: z.string().nullable(),
    reason: z.string(),
    problems: z
      .array(FieldProblemBody)
      .describe("the reasons one by one, with their codes (empty for a run stored before they were kept)"),
    cells: z.record(z.string(), z.string()).describe("the row as it was in the file (CSV/XLSX)"),
  })
  .openapi("ImportRejectedRow");

export const ImportRun = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    kind: z.enum(RECORD_KINDS),
    status: z.enum(["running", "done", "failed"]),
    progress: z.strictObject({
      bytesRead: z.number().int(),
      totalBytes: z.number().int(),
      processed: z.number().int(),
    }),
    counts: z.strictObject({
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    notes: z
      .strictObject({
        encodingRepairs: z
          .number()
          .int()
          .describe(
            'values (cells, header names, JSON strings) saved through a wrong encoding on the way ("Ã¤" for "ä"), read as meant',
          ),
        htmlBodies: z
          .number()
          .int()
          .describe("texts (turns, comments) that were HTML bodies, stored as their text"),
        tooOldForCases: z
          .number()
          .int()
          .describe("stored records older than every case rule's maxAgeDays, which opened no follow-up case"),
      })
      .describe(
        "what the import changed or left undone on the way in; 0 each while running or for older runs",
      ),
    error: z.string().nullable(),
    errorCode: z
      .enum(RUN_FAILURE_CODES)
      .nullable()
      .describe(
        "why the run failed as a stable code, for wording `error` in the user's language: the server's own reasons (file_gone, unexpected, interrupted, not_queued) or the importer's about the file (as the error answers' details.code); null when it did not fail or the error has no code",
      ),
    errorParams: ErrorParams.describe(
      "what the error's wording quotes (field names, a format); {} when none",
    ),
    rejected: z.array(RejectedRow).describe("the first rejected rows with their reasons (all in the CSV)"),
    rejectedColumns: z.array(z.string()).describe("the file's columns of the rejected rows, in order"),
  })
  .openapi("ImportRun");

export type ImportSettings = z.infer<typeof ImportSettings>;
export type ImportPreviewBody = z.infer<typeof ImportPreview>;
export type ImportRunBody = z.infer<typeof ImportRun>;
export type RejectedRowBody = z.infer<typeof RejectedRow>;
