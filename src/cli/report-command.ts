import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { REPORT_ENTRIES, type RegisteredReport } from "../workflows/report-registry.ts";
import { withStore } from "./store-session.ts";

/**
 * `kohtaamo report <name>`: one subcommand per report of the registry, its options made from the
 * report's params. `--json` prints exactly what `GET /api/v1/reports/<name>` answers an analyst.
 * The CLI is run by a local operator with the database at hand, so nothing is suppressed.
 */
export function registerReport(program: Command): void {
  const report = program
    .command("report")
    .description(
      "Report a metric with its 95% interval, overall and optionally per group: nps, csat, ces, enps and response-rate; themes (volume, tone, NPS impact, emerging), drivers (key drivers of NPS), exlink (employee ↔ customer experience) and consistency (across channels). `kohtaamo report <name> --help` lists each report's options.",
    );
  for (const entry of REPORT_ENTRIES) {
    const command = report.command(entry.name).description(entry.summary);
    for (const [key, schema] of Object.entries(entry.params.shape)) {
      command.option(`--${kebab(key)} <value>`, (schema as { description?: string }).description ?? key);
    }
    command
      .option("--json", "print JSON instead of a table")
      .action(async (opts: Record<string, unknown>) => {
        const { json, ...given } = opts;
        const params = parseOptions(entry, given);
        let timeZone = "Europe/Helsinki";
        const built = await withStore((store, cfg) => {
          timeZone = cfg.timeZone;
          return entry.build(store, params, { timeZone: cfg.timeZone });
        });
        if (json) {
          process.stdout.write(`${JSON.stringify(built)}\n`);
          return;
        }
        const { printReport } = await import("./report-output.ts");
        printReport(built, timeZone);
      });
  }
}

/** The options through the report's params schema; a bad value names its option. */
function parseOptions(entry: RegisteredReport, options: Record<string, unknown>): Record<string, unknown> {
  const parsed = entry.params.safeParse(options);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const problems = parsed.error.issues.map((i) => ({
    field: `--${kebab(String(i.path[0] ?? ""))}`,
    reason: i.message,
  }));
  throw new KohtaamoError(
    "bad_request",
    `report ${entry.name}: ${problems.map((p) => `${p.field}: ${p.reason}`).join("; ")}`,
    { problems },
  );
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
