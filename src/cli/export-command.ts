import type { Command } from "commander";
import { z } from "zod";
import { KohtaamoError, SURVEY_KINDS } from "../domain/index.ts";
import {
  auditedFilter,
  EXPORTABLE,
  type Exportable,
  type ExportFormat,
  exportRecords,
} from "../exports/record-exporter.ts";
import { RecordFilterFields, toRecordFilter } from "../server/list-filter.ts";
import type { RecordFilter } from "../store/record-filter.ts";
import { cliActor } from "./access-commands.ts";
import { withStore } from "./store-session.ts";

/** The export's filters: the same names, values and checks as the list routes' query (list-filter.ts). */
const FILTER_OPTIONS = [
  ["from", "first instant included (ISO 8601 or d.m.yyyy)"],
  ["to", "first instant excluded"],
  ["team", "a team"],
  ["agent", "an agent"],
  ["channel", "a channel (phone, chat, puhelin, …)"],
  ["touchpoint", "a touchpoint"],
  ["kind", `survey kind of responses: ${SURVEY_KINDS.join("|")}`],
  ["theme", "a theme id of the taxonomy (billing, waiting, …)"],
  ["polarity", "negative|neutral|positive: with --theme, the theme's tone; alone, any theme's"],
  ["tone", "negative|neutral|positive"],
  ["trajectory", "recovered|deteriorated|steady (responses: of the linked encounter)"],
  ["effort", "repeat_contact|transfer|explain_again|stated_wait"],
  ["score_band", "detractor|passive|promoter (NPS)"],
  ["unread", "sv|other|any: records left unread for their language"],
  ["q", "case-insensitive text search in the turns or comment"],
] as const;

const option = (key: string) => `--${key.replaceAll("_", "-")}`;
/** Commander's name of an option's value: score_band → scoreBand. */
const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

const CliFilter = RecordFilterFields.extend({
  from: z.string().optional(),
  to: z.string().optional(),
  team: z.string().optional(),
  agent: z.string().optional(),
  channel: z.string().optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
});

/** Command-line filter options → a RecordFilter; a bad value names its option. */
export function filterFromOptions(opts: Record<string, unknown>, timeZone: string): RecordFilter {
  const values = Object.fromEntries(FILTER_OPTIONS.map(([key]) => [key, opts[camel(key)]]));
  const parsed = CliFilter.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${option(String(i.path[0]))}: ${i.message}`);
    throw new KohtaamoError("bad_request", problems.join("; "));
  }
  try {
    return toRecordFilter(parsed.data, timeZone);
  } catch (error) {
    // toRecordFilter names query parameters ("from: …"); on the command line they are options.
    if (error instanceof KohtaamoError) {
      throw new KohtaamoError(
        error.code,
        error.message.replace(/^(\w+):/, (_, key: string) => `${option(key)}:`),
      );
    }
    throw error;
  }
}

/** Invitations and pulse answers have no analysis facts: a filter on them would be silently ignored. */
function refuseAnalysisFilters(what: string, opts: Record<string, unknown>): void {
  const analysis = Object.keys(RecordFilterFields.shape).map((key) => [key, opts[camel(key)]] as const);
  const given = analysis.filter(([, value]) => value !== undefined);
  if (given.length > 0) {
    const names = given.map(([key]) => option(key)).join(", ");
    throw new KohtaamoError(
      "bad_request",
      `${names}: ${what} cannot be filtered by analysis; only encounters and responses can`,
    );
  }
}

export function registerExport(program: Command): void {
  const command = program
    .command("export")
    .description(
      "Export stored records in the import format (re-importable). Every row carries the record's id. " +
        "Filters narrow encounters and responses as the API's lists do; invitations and pulse take only --from, --to, --team, --channel and --kind where their lists have them.",
    )
    .argument("<what>", EXPORTABLE.join("|"))
    .option("--format <format>", "csv|xlsx|jsonl", "csv")
    .option("--out <file>", "write to this file (default: stdout; required for xlsx)")
    .option(
      "--delimiter <char>",
      "CSV delimiter; ';' writes what Finnish spreadsheet programs open as it is (a UTF-8 byte-order mark, decimal commas)",
      ",",
    );
  for (const [key, description] of FILTER_OPTIONS) command.option(`${option(key)} <value>`, description);
  command.action(async (what: string, opts: { format: string; out?: string; delimiter: string }) => {
    if (!(EXPORTABLE as readonly string[]).includes(what)) {
      throw new KohtaamoError("bad_request", `export: "${what}" is not one of ${EXPORTABLE.join(", ")}`);
    }
    if (!["csv", "xlsx", "jsonl"].includes(opts.format)) {
      throw new KohtaamoError("bad_request", `--format: "${opts.format}" is not one of csv, xlsx, jsonl`);
    }
    if (opts.format === "xlsx" && !opts.out)
      throw new KohtaamoError("bad_request", "--out: an XLSX export needs a file");
    const n = await withStore(async (store, cfg) => {
      const filter = filterFromOptions(opts, cfg.timeZone);
      if (what === "invitations" || what === "pulse") refuseAnalysisFilters(what, opts);
      const rows = await exportRecords(
        store,
        what as Exportable,
        opts.format as ExportFormat,
        { ...(opts.out ? { file: opts.out } : { stream: process.stdout }), delimiter: opts.delimiter },
        filter,
      );
      // Exports take data out of the tool's protection: every one is in the audit log.
      await store.access.audit({
        actor: cliActor(),
        action: "export",
        target: what,
        details: { format: opts.format, rows, file: opts.out ?? null, filter: auditedFilter(filter) },
      });
      return rows;
    });
    process.stderr.write(`exported ${n} ${what}${opts.out ? ` to ${opts.out}` : ""}\n`);
  });
}
