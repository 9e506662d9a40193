import { Command, CommanderError } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { registerPrivacy, registerToken, registerUser } from "./access-commands.ts";
import { registerAnalyze } from "./analyze-command.ts";
import { registerDemo } from "./demo-command.ts";
import { registerExport } from "./export-command.ts";
import { registerImport } from "./import-command.ts";
import { registerJobs } from "./jobs-command.ts";
import { registerMigrate } from "./migrate-command.ts";
import { registerNotify } from "./notify-command.ts";
import { registerReanalyze } from "./reanalyze-command.ts";
import { registerReport } from "./report-command.ts";
import { registerStart } from "./start-command.ts";
import { registerWorker } from "./worker-command.ts";

export function buildProgram(): Command {
  const program = new Command("kohtaamo")
    .description("Kohtaamo — customer-experience analytics for Finnish and English customer service")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  registerStart(program);
  registerImport(program);
  registerExport(program);
  registerReport(program);
  registerAnalyze(program);
  registerReanalyze(program);
  registerDemo(program);
  registerMigrate(program);
  registerNotify(program);
  registerWorker(program);
  registerJobs(program);
  registerUser(program);
  registerToken(program);
  registerPrivacy(program);
  return program;
}

/**
 * Runs the CLI. Known errors print one clear line on stderr (never a stack trace) and exit
 * non-zero: 2 for input that could not be read at all, 1 for everything else.
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof KohtaamoError) {
      process.stderr.write(`kohtaamo: ${e.message}\n`);
      process.exitCode = e.code === "unreadable_input" ? 2 : 1;
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`kohtaamo: ${message}\n`);
    process.exitCode = 1;
  }
}
