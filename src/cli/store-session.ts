import { type Config, config } from "../config.ts";
import type { Store } from "../store/index.ts";

/** Opens the configured database, runs pending migrations, and always closes it afterwards. */
export async function withStore<T>(fn: (store: Store, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  // Loaded on use: commands that need no database (analyze, --help) should not pay for its drivers.
  const { openStore } = await import("../store/index.ts");
  const store = openStore({
    databaseUrl: cfg.databaseUrl,
    sqliteFile: cfg.sqliteFile,
    caseRules: cfg.caseRules,
  });
  try {
    await store.migrate();
    return await fn(store, cfg);
  } finally {
    await store.close();
  }
}
