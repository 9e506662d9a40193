import ExcelJS from "exceljs";

/**
 * A survey workbook whose sheet breaks near its end (an element misspelt, as a damaged file has):
 * the first rows read, so the preview and the start of an import accept it, and the import itself
 * meets the break and fails with the importer's `xlsx_unreadable`. exceljs parses the sheet 64 KB at
 * a time, so the break must lie past the first 64 KB of the sheet's XML (800 rows, about 120 KB).
 * Stored without compression so the XML can be edited in place; every row's score (99) is rejected,
 * so an import of it stores nothing before it fails.
 */
export async function brokenWorkbook(rows = 800): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Vastaukset");
  sheet.addRow(["id", "vastausaika", "NPS"]);
  for (let i = 1; i <= rows; i++) sheet.addRow([`k-${i}`, "4.3.2026 12:15", 99]);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as never));
  const at = bytes.indexOf(`<row r="${rows - 1}"`);
  if (at < 0) throw new Error("the sheet's XML was not found");
  bytes.write("<ROW", at);
  return new Uint8Array(bytes);
}
