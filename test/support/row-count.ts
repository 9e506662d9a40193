import type { Store } from "../../src/store/index.ts";
import type { Database } from "../../src/store/schema.ts";

/** How many rows a table holds: what tests count to show nothing was lost or doubled. */
export async function rowCount(store: Store, table: keyof Database): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
