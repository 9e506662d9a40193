import type { Command } from "commander";
import { registerPrivacy, registerToken, registerUser } from "./access-commands.ts";
import { registerAnalyze } from "./analyze-command.ts";
import { registerDemo } from "./demo-command.ts";
import { registerExport } from "./export-command.ts";
import { registerImport } from "./import-command.ts";
import { registerIntegrations } from "./integrations-command.ts";
import { registerJobs } from "./jobs-command.ts";
import { registerMigrate } from "./migrate-command.ts";
import { registerNotify } from "./notify-command.ts";
import { registerReanalyze } from "./reanalyze-command.ts";
import { registerReport } from "./report-command.ts";
import { newProgram, runProgram } from "./run-program.ts";
import { registerStart } from "./start-command.ts";
import { registerWorker } from "./worker-command.ts";

export function buildProgram(): Command {
  const program = newProgram();
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
  registerIntegrations(program);
  registerUser(program);
  registerToken(program);
  registerPrivacy(program);
  return program;
}

/** Runs the CLI (run-program.ts: how errors are told and the exit code). */
export async function main(argv: string[]): Promise<void> {
  await runProgram(buildProgram(), argv);
}
