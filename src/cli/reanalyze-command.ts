import type { Command } from "commander";
import { withStore } from "./store-session.ts";

export function registerReanalyze(program: Command): void {
  program
    .command("reanalyze")
    .description(
      "Analyse every stored encounter and comment again with the current models and taxonomy (after editing models/taxonomy.json or retraining).",
    )
    .action(async () => {
      const [{ loadDefaultAnalyzer }, { reanalyzeAll }] = await Promise.all([
        import("../analysis/default-analyzer.ts"),
        import("../ingest/reanalyzer.ts"),
      ]);
      const summary = await withStore((store) =>
        reanalyzeAll(store, loadDefaultAnalyzer(), (s) =>
          process.stderr.write(
            `\ranalysed ${s.encounters} encounters, ${s.responses} answers, ${s.pulse} pulse comments`,
          ),
        ),
      );
      process.stderr.write("\n");
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
