import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: notifications (issue 12). An event (case.opened, case.updated, …) is written to an outbox
// in the transaction that makes it true, so a killed process loses none; a dispatcher later fans
// each event out to the webhooks and e-mail recipients that want it and delivers them with retries,
// logging every attempt. Users get a preferences row for their e-mail language (the dashboard's
// language lives in the browser only).
export function notificationsSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts, autoId } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("outbox_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("fanned_out_at", ts as "text")
        .execute();
      await db.schema
        .createIndex("outbox_events_pending_idx")
        .on("outbox_events")
        .columns(["fanned_out_at", "created_at"])
        .execute();
      await db.schema
        .createTable("webhooks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("enabled", "integer", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("disabled_reason", "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("notification_deliveries")
        .addColumn("id", autoId as "integer", (c) => c.primaryKey())
        .addColumn("event_id", "text", (c) => c.notNull().references("outbox_events.id").onDelete("cascade"))
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", ts as "text")
        .addColumn("last_attempt_at", ts as "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addUniqueConstraint("notification_deliveries_key", ["event_id", "channel", "target"])
        .execute();
      await db.schema
        .createIndex("notification_deliveries_due_idx")
        .on("notification_deliveries")
        .columns(["status", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("notification_deliveries_target_idx")
        .on("notification_deliveries")
        .columns(["channel", "target", "id"])
        .execute();
      await db.schema
        .createTable("notification_attempts")
        .addColumn("id", autoId as "integer", (c) => c.primaryKey())
        .addColumn("delivery_id", "integer", (c) =>
          c.notNull().references("notification_deliveries.id").onDelete("cascade"),
        )
        .addColumn("attempt", "integer", (c) => c.notNull())
        .addColumn("at", ts as "text", (c) => c.notNull())
        .addColumn("status_code", "integer")
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("error", "text")
        .addColumn("next_attempt_at", ts as "text")
        .execute();
      await db.schema
        .createIndex("notification_attempts_delivery_idx")
        .on("notification_attempts")
        .columns(["delivery_id", "attempt"])
        .execute();
      await db.schema
        .createTable("notification_preferences")
        .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("notification_preferences").ifExists().execute();
      await db.schema.dropTable("notification_attempts").ifExists().execute();
      await db.schema.dropTable("notification_deliveries").ifExists().execute();
      await db.schema.dropTable("webhooks").ifExists().execute();
      await db.schema.dropTable("outbox_events").ifExists().execute();
    },
  };
}
