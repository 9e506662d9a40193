import fs from "node:fs";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import { fieldsOf } from "../ingest/column-aliases.ts";
import { escapeFormula } from "../ingest/formula-escaping.ts";
import type { Store } from "../store/index.ts";
import type { RecordFilter } from "../store/record-filter.ts";

export const EXPORTABLE = ["encounters", "responses", "invitations", "pulse"] as const;
export type Exportable = (typeof EXPORTABLE)[number];
export type ExportFormat = "csv" | "xlsx" | "jsonl";

type Row = Record<string, unknown>;

/**
 * Records of one kind as flat rows (one per turn for encounters) or as whole JSON records. The
 * filter narrows encounters and answers like their lists do; invitations and pulse take only the
 * common filters (period, team, channel) their lists take.
 */
async function* rowsOf(
  store: Store,
  what: Exportable,
  flat: boolean,
  filter: RecordFilter,
): AsyncGenerator<Row> {
  if (what === "encounters") {
    for await (const e of store.encounters.iterate(500, filter)) {
      const { turns, turn_count: _count, ...head } = e;
      if (!flat) {
        yield { ...head, turns };
        continue;
      }
      const { id, ...rest } = head;
      const list = turns.length > 0 ? turns : [null];
      for (const t of list) {
        yield {
          encounter_id: id,
          seq: t?.seq ?? null,
          speaker: t?.speaker ?? null,
          text: t?.text ?? null,
          at: t?.at ?? null,
          ...rest,
        };
      }
    }
    return;
  }
  const repo =
    what === "responses" ? store.responses : what === "invitations" ? store.invitations : store.pulse;
  for await (const r of repo.iterate(1000, filter)) yield r as unknown as Row;
}

/** The import format's columns, so that an export can be re-imported as it is. */
export function columnsOf(what: Exportable): readonly string[] {
  return fieldsOf(what);
}

/**
 * Streams every record of a kind (matching the filter) to a file or stream, so exports of millions
 * of rows run in constant memory. Returns the number of records (encounters, not turns) written.
 */
export async function exportRecords(
  store: Store,
  what: Exportable,
  format: ExportFormat,
  out: { file?: string; stream?: Writable; delimiter?: string },
  filter: RecordFilter = {},
): Promise<number> {
  const columns = columnsOf(what);
  let records = 0;
  const countRecord = (row: Row) => {
    if (what !== "encounters" || format === "jsonl" || row.seq === 0 || row.seq === null) records++;
  };
  if (format === "xlsx") {
    if (!out.file && !out.stream) throw new Error("an XLSX export needs a file (--out) or a stream");
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...(out.file ? { filename: out.file } : { stream: out.stream }),
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(what);
    sheet.columns = columns.map((c) => ({
      header: c,
      key: c,
      width: c === "text" || c === "comment" ? 60 : 16,
    }));
    for await (const row of rowsOf(store, what, true, filter)) {
      sheet.addRow(columns.map((c) => cell(row[c]))).commit();
      countRecord(row);
    }
    sheet.commit();
    await workbook.commit();
    return records;
  }
  const target = out.stream ?? fs.createWriteStream(out.file as string);
  if (format === "jsonl") {
    for await (const row of rowsOf(store, what, false, filter)) {
      await write(target, `${JSON.stringify(row)}\n`);
      countRecord(row);
    }
  } else {
    // csv-stringify writes false as an empty cell by default; spell booleans out so they survive a round trip.
    // A ';' file is for Finnish spreadsheet programs (--delimiter's help): they read UTF-8 only after a
    // byte-order mark and decimals only with a comma; the importer reads both back.
    const finnish = out.delimiter === ";";
    const csv = stringify({
      header: true,
      columns: [...columns],
      delimiter: out.delimiter ?? ",",
      cast: {
        boolean: (b) => (b ? "true" : "false"),
        ...(finnish ? { number: (n: number) => String(n).replace(".", ",") } : {}),
      },
    });
    if (finnish) await write(target, "\uFEFF");
    csv.pipe(target, { end: false });
    for await (const row of rowsOf(store, what, true, filter)) {
      if (!csv.write(columns.map((c) => cell(row[c])))) await new Promise((r) => csv.once("drain", r));
      countRecord(row);
    }
    await new Promise<void>((resolve, reject) => {
      csv.once("end", resolve);
      csv.once("error", reject);
      csv.end();
    });
  }
  if (!out.stream)
    await new Promise<void>((resolve, reject) =>
      target.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  return records;
}

/**
 * One spreadsheet cell. Text that a spreadsheet would run as a formula is neutralised (OWASP "CSV
 * Injection"); numbers stay numbers. The importer undoes the escaping, so a re-import stores the
 * same text (see ingest/formula-escaping.ts).
 */
function cell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return escapeFormula(typeof v === "string" ? v : JSON.stringify(v));
}

function write(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.write(chunk, (e) => (e ? reject(e) : undefined))) resolve();
    else stream.once("drain", resolve);
  });
}

/** What the audit log keeps of a filter: everything but the search text, which may quote a customer. */
export function auditedFilter(filter: RecordFilter): Record<string, unknown> {
  const { text, cursor: _cursor, limit: _limit, ...rest } = filter;
  return text === undefined ? rest : { ...rest, text: "(search)" };
}
