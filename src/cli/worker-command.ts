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
      // Listened for from the start (bin/kohtaamo.js, before the CLI loads): a signal while the worker
      // still starts stops it cleanly once it runs, instead of killing it mid-way.
      const early = (globalThis as Record<symbol, Promise<unknown> | undefined>)[
        Symbol.for("kohtaamo.workerSignalled")
      ];
      const signalled =
        early ??
        new Promise<void>((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        });
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
        await signalled;
        // Waits for running jobs (up to 10 s); what is cut off goes back to the queue, its attempt not counted.
        await runner
          .stop()
          .then(() => context.close())
          .then(() => queue.close())
          .catch(() => undefined);
      } finally {
        await store.close();
      }
    });
}
