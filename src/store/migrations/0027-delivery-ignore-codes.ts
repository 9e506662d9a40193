import type { Kysely, Migration } from "kysely";

// Why: a delivery taken in but ignored kept only its English reason in `outcome` ("ignored: private
// note (never stored)"), which the Finnish admin page showed as it was. The reason's stable code
// (ingest/sources/ignore-reasons.ts) and its parameters (JSON) are kept beside it for the UI to word
// in its language. Nullable: stored deliveries, pulls and rows from before have none.
const COLUMNS = ["code", "params"] as const;

export function deliveryIgnoreCodesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const column of COLUMNS)
        await db.schema.alterTable("integration_deliveries").addColumn(column, "text").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of COLUMNS)
        await db.schema.alterTable("integration_deliveries").dropColumn(column).execute();
    },
  };
}
