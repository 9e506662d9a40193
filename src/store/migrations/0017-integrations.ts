import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: inbound integrations (issue 15). Each Formbricks, Chatwoot, Zendesk or webhook source is a
// record with its own inbound URL and signing secret (AES-256-GCM encrypted: verifying an HMAC needs
// the plain secret); every delivery is remembered by the vendor's delivery id, so a redelivery is
// answered without storing anything twice.
export function integrationsSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("integrations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("secret_sealed", "text")
        .addColumn("mapping", "text", (c) => c.notNull())
        .addColumn("settings", "text", (c) => c.notNull())
        .addColumn("enabled", "integer", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addColumn("last_delivery_at", ts as "text")
        .addColumn("last_error", "text")
        .addColumn("last_error_at", ts as "text")
        .execute();
      await db.schema
        .createTable("integration_deliveries")
        .addColumn("integration_id", "text", (c) =>
          c.notNull().references("integrations.id").onDelete("cascade"),
        )
        .addColumn("delivery_id", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("received_at", ts as "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("integration_deliveries_pk", ["integration_id", "delivery_id"])
        .execute();
      await db.schema
        .createIndex("integration_deliveries_recent_idx")
        .on("integration_deliveries")
        .columns(["integration_id", "received_at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("integration_deliveries").ifExists().execute();
      await db.schema.dropTable("integrations").ifExists().execute();
    },
  };
}
