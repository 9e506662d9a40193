import { registerAnalyze } from "./analyze-command.ts";
import { newProgram, runProgram } from "./run-program.ts";

/**
 * `kohtaamo analyze` on its own (bin/kohtaamo.js picks it for that command): it loads the analysis
 * and nothing of the server, the store or the reports, which would take ~0.7 s of start-up for a
 * command that is timed as a whole process (npm run bench:analysis) and often runs on one file.
 */
export async function main(argv: string[]): Promise<void> {
  const program = newProgram();
  registerAnalyze(program);
  await runProgram(program, argv);
}
