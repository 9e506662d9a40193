import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Appends one entry to the audit log, inside the caller's transaction so the change and its entry
 * are written together. `target` is `<kind>:<id>`; `details` names fields and hosts, never message
 * text or secrets.
 */
export async function appendAudit(
  db: Kysely<Database>,
  entry: { at: string; actor: string; action: string; target: string; details: unknown },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ ...entry, details: JSON.stringify(entry.details) })
    .execute();
}
