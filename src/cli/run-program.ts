import { Command, CommanderError } from "commander";
import { KohtaamoError } from "../domain/index.ts";

/** The `kohtaamo` program without its commands (main.ts registers them all, analyze-main.ts one). */
export function newProgram(): Command {
  return new Command("kohtaamo")
    .description("Kohtaamo — customer-experience analytics for Finnish and English customer service")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
}

/**
 * Runs the CLI. Known errors print one clear line on stderr (never a stack trace) and exit
 * non-zero: 2 for input that could not be read at all, 1 for everything else.
 */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
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
