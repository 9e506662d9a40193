import { because, type FieldProblem } from "../domain/index.ts";
import { controlCharacterReason } from "./control-characters.ts";
import type { CsvRow } from "./csv-reader.ts";
import { unescapeFormula } from "./formula-escaping.ts";
import { countingRepair } from "./mojibake.ts";

/**
 * The cell-level clean-up every spreadsheet row (CSV or XLSX) gets before it is mapped to fields:
 * a cell saved through a wrong encoding ("pÃ¤ivÃ¤") is read as it was meant (mojibake.ts), the
 * formula escaping our own exports add is removed again, and a row with a control character in a
 * field that is imported is rejected on its own, naming the field. Columns that are not imported
 * are not judged: damage there costs nothing.
 */
export async function* screenRows(
  rows: AsyncIterable<CsvRow>,
  columns: readonly (string | null)[],
  /** Counts the cells repaired (mojibake.ts). */
  repairs: { cells: number } = { cells: 0 },
): AsyncGenerator<CsvRow> {
  const repair = countingRepair(repairs);
  for await (const row of rows) {
    const cells = row.cells.map((cell) => unescapeFormula(repair(cell)));
    if (!row.ok) {
      yield { ...row, cells };
      continue;
    }
    const problem = firstControlProblem(cells, columns);
    yield problem
      ? {
          line: row.line,
          ok: false,
          cells,
          ...because("control_character_in", `${problem.field} ${problem.reason}`, {
            ...problem.params,
            field: problem.field,
          }),
          problem,
        }
      : { line: row.line, ok: true, cells };
  }
}

function firstControlProblem(
  cells: readonly string[],
  columns: readonly (string | null)[],
): (FieldProblem & Required<Pick<FieldProblem, "code" | "params">>) | null {
  for (const [index, field] of columns.entries()) {
    if (field === null) continue;
    const reason = controlCharacterReason(cells[index] ?? "");
    if (reason) return { field, ...reason };
  }
  return null;
}
