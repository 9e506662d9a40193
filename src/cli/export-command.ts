import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { EXPORTABLE, type Exportable, type ExportFormat, exportRecords } from "../exports/record-exporter.ts";
import { cliActor } from "./access-commands.ts";
import { withStore } from "./store-session.ts";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description(
      "Export stored records in the import format (re-importable). Every row carries the record's id.",
    )
    .argument("<what>", EXPORTABLE.join("|"))
    .option("--format <format>", "csv|xlsx|jsonl", "csv")
    .option("--out <file>", "write to this file (default: stdout; required for xlsx)")
    .option("--delimiter <char>", "CSV delimiter; use ';' for Finnish spreadsheet programs", ",")
    .action(async (what: string, opts: { format: string; out?: string; delimiter: string }) => {
      if (!(EXPORTABLE as readonly string[]).includes(what)) {
        throw new KohtaamoError("bad_request", `export: "${what}" is not one of ${EXPORTABLE.join(", ")}`);
      }
      if (!["csv", "xlsx", "jsonl"].includes(opts.format)) {
        throw new KohtaamoError("bad_request", `--format: "${opts.format}" is not one of csv, xlsx, jsonl`);
      }
      if (opts.format === "xlsx" && !opts.out)
        throw new KohtaamoError("bad_request", "--out: an XLSX export needs a file");
      const n = await withStore(async (store) => {
        const rows = await exportRecords(store, what as Exportable, opts.format as ExportFormat, {
          ...(opts.out ? { file: opts.out } : { stream: process.stdout }),
          delimiter: opts.delimiter,
        });
        // Exports take data out of the tool's protection: every one is in the audit log.
        await store.access.audit({
          actor: cliActor(),
          action: "export",
          target: what,
          details: { format: opts.format, rows, file: opts.out ?? null },
        });
        return rows;
      });
      process.stderr.write(`exported ${n} ${what}${opts.out ? ` to ${opts.out}` : ""}\n`);
    });
}
