import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { withStore } from "./store-session.ts";

export function registerReanalyze(program: Command): void {
  program
    .command("reanalyze")
    .description(
      "Analyse every stored encounter and comment again with the current models and the workspace's taxonomy (the one saved from the dashboard, else models/taxonomy.json). Resumes a reanalysis that was interrupted.",
    )
    .action(async () => {
      const [{ loadDefaultAnalyzer }, { startReanalysis }] = await Promise.all([
        import("../analysis/default-analyzer.ts"),
        import("../ingest/reanalyzer.ts"),
      ]);
      const summary = await withStore(async (store) => {
        const started = await startReanalysis(store, loadDefaultAnalyzer(), "cli", (s) =>
          process.stderr.write(`\ranalysed ${s.done} of ${s.total} encounters and comments`),
        );
        if (!started) throw new KohtaamoError("conflict", "a reanalysis is already running");
        return started.run;
      });
      process.stderr.write("\n");
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
