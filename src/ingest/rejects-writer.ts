import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { type FieldProblem, isProblemCode, type RowRejection } from "../domain/index.ts";
import { escapeFormula } from "./formula-escaping.ts";

/** The column a structured CSV rejects file keeps each row's problems in, as JSON. */
export const PROBLEMS_COLUMN = "_problems";

/**
 * A rejected row's problems as a rejects file keeps them (`_problems` or a JSONL line's `problems`):
 * each with its field and English reason, and its code and parameters when this version knows the
 * code (a file written by another version may hold others: those keep just the English).
 */
export function storedProblems(value: unknown): FieldProblem[] {
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown): FieldProblem[] => {
    const p = item as Partial<Record<keyof FieldProblem, unknown>> | null;
    if (typeof p?.field !== "string" || typeof p.reason !== "string") return [];
    const params = p.params !== null && typeof p.params === "object" ? p.params : {};
    const text = Object.entries(params).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
    return [
      isProblemCode(p.code)
        ? { field: p.field, reason: p.reason, code: p.code, params: Object.fromEntries(text) }
        : { field: p.field, reason: p.reason },
    ];
  });
}

/**
 * Writes rejected rows as they come, so a user can fix and re-import exactly those rows: a CSV
 * (same columns as the input plus the line and the reasons) for CSV input, JSONL otherwise.
 * The file is only created when there is something to reject. A `structured` CSV also keeps each
 * row's problems with their codes (`_problems`, JSON after `_reason`) for the web import to word
 * them in the user's language; the JSONL lines always carry them (`problems`).
 */
export class RejectsWriter {
  private fd: number | null = null;
  private header: string[] | null = null;
  private readonly csv: boolean;
  private path: string;

  /**
   * @param fallback where to write instead when `file` cannot be created because its folder is
   *   read-only or not ours (an input on a shared or mounted drive): the data directory.
   */
  constructor(
    file: string,
    private readonly fallback?: string,
    private readonly structured = false,
  ) {
    this.path = file;
    this.csv = file.endsWith(".csv");
  }

  /** Where the rejects are (or will be) written. */
  get file(): string {
    return this.path;
  }

  private open(): number {
    try {
      return fs.openSync(this.path, "w");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (!this.fallback || !["EACCES", "EPERM", "EROFS"].includes(code)) throw error;
      fs.mkdirSync(path.dirname(this.fallback), { recursive: true });
      this.path = this.fallback;
      return fs.openSync(this.path, "w");
    }
  }

  async write(rejection: RowRejection, raw: Record<string, string> | string): Promise<void> {
    const reason = rejection.problems.map((p) => `${p.field}: ${p.reason}`).join("; ");
    if (this.fd === null) this.fd = this.open();
    if (this.csv && typeof raw === "object") {
      const own = this.structured ? ["_line", "_reason", PROBLEMS_COLUMN] : ["_line", "_reason"];
      if (this.header === null) {
        this.header = [...own, ...Object.keys(raw)];
        fs.writeSync(this.fd, stringify([this.header.map(escapeFormula)], { delimiter: ";" }));
      }
      // People open rejects files in a spreadsheet: neutralise formulas as exports do.
      const cells = this.header.slice(own.length).map((h) => escapeFormula(raw[h] ?? ""));
      const problems = this.structured ? [JSON.stringify(rejection.problems)] : [];
      fs.writeSync(
        this.fd,
        stringify([[String(rejection.line), reason, ...problems, ...cells]], { delimiter: ";" }),
      );
      return;
    }
    fs.writeSync(
      this.fd,
      `${JSON.stringify({ line: rejection.line, id: rejection.id, reason, problems: rejection.problems, raw })}\n`,
    );
  }

  /** Closes the file; returns its path, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    if (this.fd === null) return null;
    fs.closeSync(this.fd);
    this.fd = null;
    return this.path;
  }
}
