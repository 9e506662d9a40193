import type { Kysely, Migration } from "kysely";

// Why: what came of a delivery or pull was saved as English text only ("stored: conversations 4 new,
// …"), so the Finnish admin page showed it in English and with the vendor's stream ids. The counts
// are kept beside it as JSON ({stream: {new, updated, unchanged, rejected}}), and the integration's
// last error gets a stable code and its parameters beside its text, for the UI to word in its
// language. Nullable: rows from before (and deliveries still processing) have no counts.
const COLUMNS = [
  ["integration_deliveries", "counts"],
  ["integrations", "last_error_code"],
  ["integrations", "last_error_params"],
] as const;

export function integrationOutcomesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [table, column] of COLUMNS)
        await db.schema.alterTable(table).addColumn(column, "text").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const [table, column] of COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute();
    },
  };
}
