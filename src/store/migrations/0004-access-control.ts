import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: accounts, sessions, API tokens, login throttling and the audit log live in the database,
// not in process memory, so several app processes share them and a restart logs nobody in again.
// Secrets are stored only as hashes (argon2id for passwords, SHA-256 for random session and API tokens).
export function accessControlSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("teams", "text", (c) => c.notNull())
        .addColumn("agent_id", "text")
        .addColumn("password_hash", "text")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("external_id", "text", (c) => c.unique())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("expires_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("name", "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("expires_at", ts as "text")
        .addColumn("revoked_at", ts as "text")
        .execute();
      await db.schema
        .createTable("login_failures")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("first_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("oidc_logins")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("nonce", "text", (c) => c.notNull())
        .addColumn("code_verifier", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("audit_log")
        .addColumn("id", dialect.types.autoId as "integer", (c) => c.primaryKey())
        .addColumn("at", ts as "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text")
        .addColumn("details", "text")
        .execute();
      await db.schema.createIndex("audit_at_idx").on("audit_log").columns(["at"]).execute();
      await db.schema.createIndex("sessions_user_idx").on("sessions").columns(["user_id"]).execute();
      await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").columns(["user_id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ["audit_log", "oidc_logins", "login_failures", "api_tokens", "sessions", "users"]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
