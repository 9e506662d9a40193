import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: alert events (issue 15 item 6). The hourly alerts.evaluate job finds the themes emerging in the
// current period again and again; one row per (theme, period) announced makes each emergence an
// alert.theme_emerging event once, written in the same transaction as its outbox event.
export function themeAlertsSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("theme_alerts")
        .addColumn("theme_id", "text", (c) => c.notNull())
        .addColumn("period", "text", (c) => c.notNull())
        .addColumn("announced_at", ts as "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("theme_alerts_pk", ["theme_id", "period"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("theme_alerts").ifExists().execute();
    },
  };
}
