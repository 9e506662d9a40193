import fs from "node:fs";
import type ExcelJS from "exceljs";
import { because, fileError, KohtaamoError } from "../domain/index.ts";
import type { CsvRow } from "./csv-reader.ts";

/**
 * An Excel workbook (.xlsx) read as the CSV its first worksheet would have been saved as: the
 * first non-empty row is the header, and every cell becomes the text a CSV would hold, so the
 * rest of the import (column names, value parsing, rejects) is the same as for CSV. Streamed, so
 * a sheet of a million rows does not have to fit in memory.
 *
 * Excel stores a date as a day number shown in the sheet's local time, and exceljs hands it over
 * as a Date whose UTC fields are that wall-clock time. It is written as ISO 8601 WITHOUT an offset
 * ("2025-03-04T12:15:00"), so the importer applies the import's time zone, exactly as it does to
 * "4.3.2025 12:15" in a CSV.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<CsvRow> {
  // Loaded only for workbooks: exceljs takes most of a second to load, which every CSV import would pay.
  const { default: excel } = await import("exceljs");
  // Our own stream, closed in `finally`: a reader that stops early (a preview of the first rows)
  // would otherwise leave exceljs's file handle open.
  const input = fs.createReadStream(path);
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
  });
  let width = -1;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from(values, (value) => cellText(value).trim());
        while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
        if (cells.length === 0) continue;
        if (width < 0) width = cells.length;
        if (cells.length <= width) {
          yield {
            line: row.number,
            ok: true,
            cells: [...cells, ...Array<string>(width - cells.length).fill("")],
          };
        } else {
          const reason = `has a value in column ${cells.length}, beyond the ${width} columns of the header row`;
          const params = { column: cells.length, width };
          yield { line: row.number, ok: false, cells, ...because("beyond_header", reason, params) };
        }
      }
      break; // only the first worksheet holds the data
    }
  } catch (error) {
    if (error instanceof KohtaamoError) throw error;
    // The reader's own message is not a parameter: it may quote the sheet's XML.
    throw fileError(
      "unreadable_input",
      "xlsx_unreadable",
      `Cannot read ${path}: it is not an Excel workbook that can be read (${(error as Error).message}); ` +
        "open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8",
    );
  } finally {
    input.destroy();
  }
}

/** A cell value as CSV text: numbers as written, dates as local ISO 8601, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return localIso(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("error" in value) return value.error;
  return "";
}

function localIso(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString(); // the sheet's wall-clock time, see above
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}
