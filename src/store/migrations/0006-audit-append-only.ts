import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: the audit log shows who read, exported or erased what; an insider who can change it can hide
// that. The database itself refuses UPDATE and DELETE on it (and TRUNCATE on PostgreSQL) with a
// trigger, whatever code or console sends them. Erasure and retention never touch it: its rows hold
// ids and counts, never customer text (docs/security.md). Written per dialect here, not through
// store/dialects/, because a landed migration must not change with live code.
const REFUSAL = "audit_log is append-only: entries cannot be changed or deleted";

export function auditAppendOnlySchema(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name === "postgres") {
        await sql`create function audit_log_refuse_change() returns trigger language plpgsql as $$
          begin
            raise exception '${sql.raw(REFUSAL)}' using errcode = 'insufficient_privilege';
          end $$`.execute(db);
        // Statement-level: refused even when no row matches, and for TRUNCATE too.
        await sql`create trigger audit_log_append_only before update or delete or truncate on audit_log
          for each statement execute function audit_log_refuse_change()`.execute(db);
        return;
      }
      for (const event of ["update", "delete"]) {
        await sql`create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on audit_log
          begin select raise(abort, '${sql.raw(REFUSAL)}'); end`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      if (dialect.name === "postgres") {
        await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
        await sql`drop function if exists audit_log_refuse_change()`.execute(db);
        return;
      }
      for (const event of ["update", "delete"]) {
        await sql`drop trigger if exists ${sql.raw(`audit_log_no_${event}`)}`.execute(db);
      }
    },
  };
}
