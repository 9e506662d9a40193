import fs from "node:fs";
import { stringify } from "csv-stringify/sync";
import type { RowRejection } from "../domain/index.ts";
import { escapeFormula } from "./formula-escaping.ts";

/**
 * Writes rejected rows as they come, so a user can fix and re-import exactly those rows: a CSV
 * (same columns as the input plus the line and the reasons) for CSV input, JSONL otherwise.
 * The file is only created when there is something to reject.
 */
export class RejectsWriter {
  private fd: number | null = null;
  private header: string[] | null = null;
  private readonly csv: boolean;

  constructor(readonly file: string) {
    this.csv = file.endsWith(".csv");
  }

  async write(rejection: RowRejection, raw: Record<string, string> | string): Promise<void> {
    const reason = rejection.problems.map((p) => `${p.field}: ${p.reason}`).join("; ");
    if (this.fd === null) this.fd = fs.openSync(this.file, "w");
    if (this.csv && typeof raw === "object") {
      if (this.header === null) {
        this.header = ["_line", "_reason", ...Object.keys(raw)];
        fs.writeSync(this.fd, stringify([this.header.map(escapeFormula)], { delimiter: ";" }));
      }
      // People open rejects files in a spreadsheet: neutralise formulas as exports do.
      const cells = this.header.slice(2).map((h) => escapeFormula(raw[h] ?? ""));
      fs.writeSync(this.fd, stringify([[String(rejection.line), reason, ...cells]], { delimiter: ";" }));
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
    return this.file;
  }
}
