import type { Kysely, Transaction } from "kysely";
import type { NotificationEvent } from "../domain/notification-events.ts";
import type { BulkWriter } from "./dialects/store-dialect.ts";
import { payloadJson } from "./outbox-payloads.ts";
import type { Database } from "./schema.ts";
import { timeOrderedId } from "./time-ordered-id.ts";

/**
 * Writes events to the outbox inside the caller's transaction, so an event exists exactly when the
 * change it reports was committed (a killed process loses neither). Each payload goes through its
 * schema, which also drops any field the schema does not name: nothing else can leak out
 * (outbox-payloads.ts: the schema compiled once, zod's own parse for anything the compiled check
 * does not accept).
 */
export async function writeOutboxEvents(
  trx: Transaction<Database> | Kysely<Database>,
  events: readonly NotificationEvent[],
  now: string,
  /** The transaction's bulk writer, when it has one (an import batch can open tens of thousands of cases). */
  bulk?: BulkWriter,
): Promise<void> {
  const row = (e: NotificationEvent) => ({
    // Time-ordered: an import's thousands of case.opened events go to the end of the key's index.
    id: timeOrderedId(),
    type: e.type,
    payload: payloadJson(e),
    created_at: now,
    fanned_out_at: null,
  });
  if (bulk) {
    await bulk.insert("outbox_events", events.map(row));
    return;
  }
  for (let i = 0; i < events.length; i += 200) {
    await trx
      .insertInto("outbox_events")
      .values(events.slice(i, i + 200).map(row))
      .execute();
  }
}
