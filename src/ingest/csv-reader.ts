import { type Info, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { because, type FieldProblem, type Reason } from "../domain/index.ts";

/**
 * CSV rows with their physical line numbers, streamed. csv-parse does the parsing; this file
 * only adds what importing needs: delimiter sniffing, line numbers that point at a row's FIRST
 * line even when a quoted comment spans several lines, and row-level failures (wrong number of
 * cells, a quote never closed) reported as data instead of thrown, so one bad row does not
 * abort a 100 MB import.
 */

export type Delimiter = ";" | "," | "\t" | "|";
const CANDIDATES: readonly Delimiter[] = [";", "\t", ",", "|"];

export type CsvRow =
  | { line: number; ok: true; cells: string[] }
  | ({
      line: number;
      ok: false;
      cells: string[];
      /** Set when one field is to blame, for a rejection that names it. */
      problem?: FieldProblem;
    } & Reason); // `reason`: the whole problem in one sentence, field name included

/** Largest record csv-parse may buffer: bounds memory when a quote is never closed. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Picks the delimiter that splits the first lines (quotes respected) into the same number of
 * columns, more than one, with ties going to ";" (Finnish Excel), tab, ",", "|" in that order.
 * A decimal comma never wins, because the header line has no decimal commas.
 */
export function detectDelimiter(head: string): Delimiter {
  const lastNewline = head.lastIndexOf("\n");
  const sample = lastNewline > 0 ? head.slice(0, lastNewline) : head;
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: 0 };
  for (const delimiter of CANDIDATES) {
    let rows: string[][];
    // The sample can end inside a quoted cell (a long first row with a line break in it): then the
    // header line alone decides, scored below any delimiter that parses the whole sample.
    let headerOnly = false;
    try {
      rows = parseSync(sample, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        to_line: 30,
      }) as string[][];
    } catch {
      try {
        rows = parseSync(head.split("\n", 1)[0] ?? "", {
          delimiter,
          relax_quotes: true,
          to_line: 1,
        }) as string[][];
        headerOnly = true;
      } catch {
        continue;
      }
    }
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const consistent = headerOnly ? 0 : rows.filter((row) => row.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Normalises CR LF and lone CR to LF across chunk boundaries, so line counting is simple. */
async function* unifyNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false;
  for await (const chunk of chunks) {
    let text: string = pendingCr ? `\r${chunk}` : chunk;
    pendingCr = text.endsWith("\r");
    if (pendingCr) text = text.slice(0, -1);
    const unified = text.replace(/\r\n?/g, "\n");
    if (unified) yield unified;
  }
  if (pendingCr) yield "\n";
}

interface Parsed {
  cells: string[];
  endLine: number;
  raw: string;
}

/**
 * Streams the rows of a CSV text. The first yielded row is the header. Rows whose cells are
 * all empty (blank lines, ";;;" lines Excel leaves behind) are skipped. A row with a different
 * number of cells than the header comes out with `ok: false` naming both counts.
 */
export async function* readCsvRows(
  chunks: AsyncIterable<string>,
  delimiter: Delimiter,
): AsyncGenerator<CsvRow> {
  const parsed: Parsed[] = [];
  const parser = parse({
    delimiter,
    record_delimiter: "\n",
    raw: true,
    // Column counts are checked below so that a short row becomes a rejection in order.
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_RECORD_CHARS,
    // With `raw: true` the record arrives wrapped as { record, raw }.
    on_record: (wrapped: unknown, context: Info & { raw?: string }) => {
      const cells = (wrapped as { record: string[] }).record;
      parsed.push({ cells, endLine: context.lines, raw: context.raw ?? "" });
      return null; // collected here instead of through the stream, so no record is lost on error
    },
  });
  parser.resume();
  let failure: Error | null = null;
  parser.on("error", (error: Error) => {
    failure = error;
  });
  let width = -1;
  let lastLine = 0;
  const drain = function* (): Generator<CsvRow> {
    for (const { cells, endLine, raw } of parsed.splice(0)) {
      const ownNewlines = (raw.replace(/^\n+/, "").replace(/\n$/, "").match(/\n/g) ?? []).length;
      const line = endLine - ownNewlines;
      lastLine = endLine;
      const trimmed = cells.map((cell) => cell.trim());
      if (trimmed.every((cell) => cell === "")) continue;
      if (width < 0) width = trimmed.length;
      if (trimmed.length === width) yield { line, ok: true, cells: trimmed };
      else {
        const reason = `has ${trimmed.length} cells but the header has ${width}; check for a missing or extra delimiter or an unquoted "${delimiter}"`;
        const params = { cells: trimmed.length, width, delimiter };
        yield { line, ok: false, cells: trimmed, ...because("cell_count", reason, params) };
      }
    }
  };
  const feed = (chunk: string | null): Promise<void> =>
    new Promise((resolve) => {
      if (chunk === null) parser.end(() => resolve());
      else parser.write(chunk, () => resolve());
    });
  for await (const chunk of unifyNewlines(chunks)) {
    await feed(chunk);
    yield* drain();
    if (failure) break;
  }
  if (!failure) await feed(null);
  yield* drain();
  if (failure) yield { line: lastLine + 1, ok: false, cells: [], ...describeFailure(failure) };
}

function describeFailure(error: Error): Reason {
  const code = (error as Error & { code?: string }).code;
  if (code === "CSV_QUOTE_NOT_CLOSED" || code === "CSV_MAX_RECORD_SIZE") {
    const reason = 'a quoted value starting here is never closed (missing ")'.concat(
      "; this line and everything after it could not be read",
    );
    return because("quote_unclosed", reason);
  }
  const reason = `the file could not be parsed from this line on: ${error.message}`;
  return because("csv_unparsable", reason, { detail: error.message });
}
