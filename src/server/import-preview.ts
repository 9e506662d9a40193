import { fileErrorOf, KohtaamoError, type RecordKind } from "../domain/index.ts";
import { fieldsOf, requiredFieldsOf, resolveColumns } from "../ingest/column-aliases.ts";
import { foldKey } from "../ingest/field-values.ts";
import { openTextFile } from "../ingest/file-decoding.ts";
import { readJsonl } from "../ingest/jsonl-reader.ts";
import { type OpenSourceOptions, openSource, type Source } from "../ingest/source-reader.ts";
import { parseSpeakerMapping } from "../ingest/transcript-json.ts";
import type { TranscriptOptions } from "../ingest/transcript-reader.ts";
import type { ImportPreviewBody, ImportSettings } from "./import-schemas.ts";

/** Rows read for the preview's sample. */
const SAMPLE_ROWS = 20;

/** What the importer is told for an upload and these settings (the CLI's options, from the form). */
export function sourceOptions<K extends RecordKind>(
  settings: ImportSettings & { kind: K },
  timeZone: string,
): OpenSourceOptions<K> {
  const transcript = transcriptOptions(settings.transcript);
  return {
    kind: settings.kind,
    format: settings.format ?? "auto",
    timeZone,
    ...(settings.mapping && Object.keys(settings.mapping).length > 0 ? { mapping: settings.mapping } : {}),
    ...(settings.defaults && Object.keys(settings.defaults).length > 0
      ? { defaults: settings.defaults }
      : {}),
    ...(transcript ? { transcript } : {}),
  };
}

function transcriptOptions(t: ImportSettings["transcript"]): TranscriptOptions | undefined {
  if (!t) return undefined;
  const out: TranscriptOptions = {};
  if (t.id?.trim()) out.id = t.id.trim();
  if (t.started_at?.trim()) out.startedAt = t.started_at.trim();
  if (t.channel?.trim()) out.channel = t.channel.trim();
  if (t.team?.trim()) out.team = t.team.trim();
  if (t.agent?.trim()) out.agent = t.agent.trim();
  if (t.customer_id?.trim()) out.customerId = t.customer_id.trim();
  if (t.speakers?.trim()) out.speakers = parseSpeakerMapping(t.speakers);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * How the importer will read an uploaded file with these settings: the format, encoding and
 * delimiter it detects, which field each column feeds, and how the first rows fare. The file is read
 * by the importer's own reader (openSource), twice: once with every required field given a
 * placeholder, so that the header is known even when columns are missing, and once as the import
 * will read it. A problem that stops the import (missing columns, a bad mapping) is returned as
 * `problem` rather than thrown, so the user can fix the mapping, with its code and parameters
 * (domain/file-error-codes.ts) for the page to word; an unreadable file throws.
 */
export async function previewUpload(
  file: string,
  upload: ImportPreviewBody["upload"],
  settings: ImportSettings,
  timeZone: string,
): Promise<Omit<ImportPreviewBody, "upload"> & { upload: ImportPreviewBody["upload"] }> {
  const { kind } = settings;
  const options = sourceOptions(settings, timeZone);
  const placeholders = Object.fromEntries(requiredFieldsOf(kind).map((f) => [f, "-"]));
  const { mapping: _mapping, ...withoutMapping } = options;
  let probe: Source<RecordKind>;
  try {
    probe = await openSource(file, { ...withoutMapping, defaults: { ...placeholders, ...options.defaults } });
  } catch (error) {
    // A transcript set to a kind other than encounters: say so in the preview.
    if (error instanceof KohtaamoError && error.code === "bad_request") {
      return { ...emptyPreview(upload, settings), ...problemOf(error) };
    }
    throw error;
  }
  await closeSource(probe);
  const header = probe.columns?.header ?? (probe.format === "jsonl" ? await jsonlKeys(file) : []);
  let problem: Problem = NO_PROBLEM;
  let columns: ImportPreviewBody["columns"] = [];
  let missingRequired: string[] = [];
  try {
    const resolved = resolveColumns(kind, header, options.mapping);
    columns = header.map((cell, index) => {
      // An encounter's JSON line carries its transcript as a list under "turns", which a CSV spells
      // as rows (seq, speaker, text): the importer reads it, so the preview must not call it skipped.
      const turns = probe.format === "jsonl" && kind === "encounters" && foldKey(cell) === "turns";
      const field = turns ? "turns" : (resolved.columns[index] ?? null);
      const explicit = Object.entries(options.mapping ?? {}).some(
        ([k, v]) => foldKey(k) === foldKey(cell) && v.trim() === "",
      );
      const status = field
        ? "mapped"
        : explicit
          ? "ignored"
          : resolved.duplicates.some((d) => d.header === cell)
            ? "duplicate"
            : "unknown";
      return { header: cell, field, status };
    });
    if (probe.format === "csv" || probe.format === "xlsx") missingRequired = resolved.missingRequired;
  } catch (error) {
    if (!(error instanceof KohtaamoError)) throw error;
    problem = problemOf(error);
  }
  const sample: ImportPreviewBody["sample"] = [];
  if (problem.problem === null) {
    try {
      const source = await openSource(file, options);
      for await (const item of source.items) {
        sample.push({ line: item.line, ok: item.ok, problems: item.ok ? [] : item.problems });
        if (sample.length >= SAMPLE_ROWS) break;
      }
      if (sample.length === 0) {
        const message = "the file has no rows after its header";
        problem = { problem: message, problemCode: "no_rows", problemParams: {} };
      }
      missingRequired = [];
    } catch (error) {
      if (!(error instanceof KohtaamoError)) throw error;
      problem = problemOf(error);
    }
  }
  return {
    upload,
    kind,
    format: probe.format,
    encoding: probe.format === "xlsx" ? null : probe.encoding,
    hadBom: probe.hadBom,
    delimiter: probe.delimiter ?? null,
    columns,
    fields: [...fieldsOf(kind)],
    required: [...requiredFieldsOf(kind)],
    missingRequired,
    sample,
    ...problem,
  };
}

type Problem = Pick<ImportPreviewBody, "problem" | "problemCode" | "problemParams">;
const NO_PROBLEM: Problem = { problem: null, problemCode: null, problemParams: {} };

/** An error that stops the import, as the preview says it: its English, and its code when it has one. */
function problemOf(error: KohtaamoError): Problem {
  const coded = fileErrorOf(error);
  return { problem: error.message, problemCode: coded?.code ?? null, problemParams: coded?.params ?? {} };
}

function emptyPreview(upload: ImportPreviewBody["upload"], settings: ImportSettings): ImportPreviewBody {
  return {
    upload,
    kind: settings.kind,
    format: settings.format === "auto" || !settings.format ? "csv" : settings.format,
    encoding: null,
    hadBom: false,
    delimiter: null,
    columns: [],
    fields: [...fieldsOf(settings.kind)],
    required: [...requiredFieldsOf(settings.kind)],
    missingRequired: [],
    sample: [],
    ...NO_PROBLEM,
  };
}

/**
 * Stops a source's reader and closes its file. The reader (a CSV stream, an XLSX workbook reader) is
 * only closed by ending a started iteration, so one item is read and the iteration is left.
 */
export async function closeSource(source: Source<RecordKind>): Promise<void> {
  for await (const _item of source.items) break;
}

/** The keys of the first JSON Lines objects, in order of appearance: the "header" of a JSONL file. */
async function jsonlKeys(file: string): Promise<string[]> {
  const text = await openTextFile(file);
  const keys = new Set<string>();
  let seen = 0;
  for await (const line of readJsonl(
    (async function* () {
      yield text.head;
    })(),
  )) {
    if (!line.ok) continue;
    for (const key of Object.keys(line.value)) keys.add(key);
    if (++seen >= SAMPLE_ROWS) break;
  }
  return [...keys];
}
