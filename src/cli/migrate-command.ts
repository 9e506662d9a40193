import type { Command } from "commander";
import { withStore } from "./store-session.ts";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("Bring the database schema up to date (start does this too).")
    .action(async () => {
      await withStore(async (store) => {
        // withStore already migrated; report where, so the user knows which database they touched.
        process.stderr.write(`database at ${store.dialect.location} is up to date\n`);
      });
    });
}
