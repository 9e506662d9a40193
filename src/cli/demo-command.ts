import fs from "node:fs";
import type { Command } from "commander";
import { updateReportCube } from "./cube-update.ts";
import { configuredPipeline } from "./ingest-setup.ts";
import { wholeNumber } from "./number-options.ts";
import { withStore } from "./store-session.ts";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Load the demo workspace (about 12 months of Finnish and English encounters) into the database.",
    )
    .option(
      "--seed <n>",
      "random seed; the same seed gives the same workspace (default: the one docs/demo-truths.json describes)",
      // The generator mixes the seed as an unsigned 32-bit number.
      wholeNumber(0, 2 ** 32 - 1),
    )
    .option("--truths <file>", "also write the planted truths as JSON to this file")
    .action(async (opts: { seed?: number; truths?: string }) => {
      const { seedDemo } = await import("../ingest/demo-seeder.ts");
      const { ensureDemoUsers } = await import("../auth/demo-users.ts");
      const result = await withStore(async (store, cfg) => {
        const seeded = await seedDemo(store, {
          seed: opts.seed,
          pipeline: await configuredPipeline(cfg),
          onProgress: (m) => process.stderr.write(`${m}\n`),
        });
        await ensureDemoUsers(store);
        const { workDemoCases } = await import("../ingest/demo-case-work.ts");
        const work = await workDemoCases(store, opts.seed);
        process.stderr.write(`follow-up cases worked: ${JSON.stringify(work)}\n`);
        await updateReportCube(store, cfg.timeZone);
        return seeded;
      });
      if (opts.truths) fs.writeFileSync(opts.truths, `${JSON.stringify(result.truths, null, 2)}\n`);
      process.stdout.write(`${JSON.stringify(result.counts)}\n`);
    });
}
