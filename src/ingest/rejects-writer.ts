import fs from "node:fs";
import path from "node:path";
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
  private path: string;

  /**
   * @param fallback where to write instead when `file` cannot be created because its folder is
   *   read-only or not ours (an input on a shared or mounted drive): the data directory.
   */
  constructor(
    file: string,
    private readonly fallback?: string,
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
    return this.path;
  }
}
