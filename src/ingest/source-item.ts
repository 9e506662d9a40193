import type { FieldProblem, RecordKind, RecordOfKind } from "../domain/index.ts";

/**
 * What a source yields for each record: the record, or why it was rejected and the input it
 * came from, so the importer can write a rejects file the user can fix and re-import.
 */
export type SourceItem<K extends RecordKind = RecordKind> =
  | { line: number; ok: true; record: RecordOfKind[K] }
  | {
      line: number;
      ok: false;
      id?: string;
      problems: FieldProblem[];
      /** The original cells by header name (CSV), or the original line/file text. */
      raw: Record<string, string> | string;
      /** For an encounter built from several CSV rows: every one of its rows. */
      rawRows?: { line: number; raw: Record<string, string> }[];
    };

/** The header-keyed cells of a CSV row; unnamed or extra columns become "column N". */
export function rawCells(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const width = Math.max(header.length, cells.length);
  for (let index = 0; index < width; index += 1) {
    const name = header[index]?.trim() || `column ${index + 1}`;
    const key = name in raw ? `${name} (column ${index + 1})` : name;
    raw[key] = cells[index] ?? "";
  }
  return raw;
}
