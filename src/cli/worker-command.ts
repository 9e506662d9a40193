import type { Command } from "commander";
import { config } from "../config.ts";
import { wholeNumber } from "./number-options.ts";

/**
 * `kohtaamo worker [--concurrency N]`: runs background jobs until SIGINT/SIGTERM. On PostgreSQL a
 * graphile-worker runner; start any number, on any machine that reaches the database. On SQLite
 * the embedded runner, of which one process per database file may run: it refuses (exit 1, naming
 * the holder) while `kohtaamo start` runs the jobs itself (its default, KOHTAAMO_WORKER=inline).
 */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("Run background jobs (notification delivery, reanalysis, retention) until stopped.")
    .option("--concurrency <n>", "jobs run side by side (default 2)", wholeNumber(1, 64), 2)
    .action(async (opts: { concurrency: number }) => {
      const [{ openStore }, { openJobQueue }, { jobContext }, { JOB_KINDS }] = await Promise.all([
        import("../store/index.ts"),
        import("../jobs/job-queue.ts"),
        import("../jobs/job-context.ts"),
        import("../jobs/job-registry.ts"),
      ]);
      const cfg = config();
      const store = openStore({
        databaseUrl: cfg.databaseUrl,
        sqliteFile: cfg.sqliteFile,
        caseRules: cfg.caseRules,
      });
      try {
        await store.migrate();
        const queue = await openJobQueue(store, cfg.databaseUrl);
        const context = await jobContext(store, cfg);
        const runner = await queue
          .startRunner({
            kinds: JOB_KINDS,
            context,
            concurrency: opts.concurrency,
            onFailure: (j) =>
              process.stderr.write(`job ${j.id} (${j.kind}) attempt ${j.attempt} failed: ${j.error}\n`),
          })
          .catch(async (e: unknown) => {
            context.close();
            await queue.close();
            throw e;
          });
        process.stderr.write(
          `Kohtaamo worker running ${JOB_KINDS.length} job kinds on ${queue.engine} (${store.dialect.location}), concurrency ${opts.concurrency}\n`,
        );
        await new Promise<void>((resolve) => {
          // Waits for running jobs (up to a few seconds); what is cut off is retried by the next runner.
          const stop = () =>
            void runner
              .stop()
              .then(() => context.close())
              .then(() => queue.close())
              .finally(resolve);
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      } finally {
        await store.close();
      }
    });
}
