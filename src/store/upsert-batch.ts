import { createHash } from "node:crypto";
import type { Insertable, Kysely, Transaction } from "kysely";
import type { BulkWriter } from "./dialects/store-dialect.ts";
import type { Database } from "./schema.ts";

/** How one batch landed: new ids, ids whose content changed, ids that were already stored as is. */
export interface UpsertCounts {
  imported: number;
  updated: number;
  unchanged: number;
  /** Ids inserted or updated in this batch (the ones whose derived data must be rewritten). */
  writtenIds: string[];
}

export const emptyCounts = (): UpsertCounts => ({ imported: 0, updated: 0, unchanged: 0, writtenIds: [] });

export function addCounts(into: UpsertCounts, more: UpsertCounts): void {
  into.imported += more.imported;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.writtenIds.push(...more.writtenIds);
}

/** Stable fingerprint of a record's content, so a re-import can tell "unchanged" from "updated". */
export function contentHash(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("base64url");
}

/**
 * Splits records into consecutive runs without a repeated id, for upsertByHash. Needed after
 * names are resolved: "Maija V" and "maija v" in one agents batch become the same agent id, and
 * the later one must update the earlier one as it would in the next batch.
 */
export function runsOfUniqueIds<T extends { id: string }>(records: T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let ids = new Set<string>();
  for (const record of records) {
    if (ids.has(record.id)) {
      runs.push(run);
      run = [];
      ids = new Set();
    }
    run.push(record);
    ids.add(record.id);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535; stay well below both.
const MAX_PARAMS = 30_000;

/** Inserts rows in statements small enough for either database's parameter limit. */
export async function insertChunked<T extends keyof Database>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perRow = Math.max(1, Object.keys(first).length);
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely cannot relate a generic table name to its row type; the signature above already checked it.
    const values = rows.slice(i, i + chunk) as Parameters<ReturnType<typeof db.insertInto<T>>["values"]>[0];
    await db.insertInto(table).values(values).execute();
  }
}

type HashedTable =
  | "agents"
  | "customers"
  | "encounters"
  | "survey_responses"
  | "survey_invitations"
  | "pulse_answers";

/**
 * Idempotent write of a batch keyed on the source id, inside the caller's transaction: rows whose
 * id is new are inserted, rows whose content hash differs replace the stored row, identical rows
 * are left alone. Ids must be unique within the batch (the caller splits batches on repeats).
 * Rows go in through the dialect's bulk writer (COPY on PostgreSQL); one that another writer
 * stored meanwhile is skipped and counted unchanged. `onWritten` runs for the inserted or
 * replaced rows, to rewrite what hangs off them (turns).
 */
export async function upsertByHash<T extends HashedTable>(
  trx: Transaction<Database>,
  bulk: BulkWriter,
  table: T,
  rows: (Insertable<Database[T]> & { id: string; content_hash: string })[],
  onWritten?: (written: string[], replaced: string[]) => Promise<void>,
): Promise<UpsertCounts> {
  const counts = emptyCounts();
  if (rows.length === 0) return counts;
  const existing = new Map<string, string | null>();
  const found = await trx
    .selectFrom(table as HashedTable)
    .select(["id", "content_hash"])
    .where(
      bulk.oneOf(
        "id",
        rows.map((r) => r.id),
      ),
    )
    .execute();
  for (const f of found) existing.set(f.id, f.content_hash);
  const fresh: typeof rows = [];
  const changed: typeof rows = [];
  // A stored row without a hash is a placeholder created because another record referred to it
  // (an agent named by an encounter); its first real import counts as imported, not updated.
  const placeholders: typeof rows = [];
  for (const row of rows) {
    const stored = existing.get(row.id);
    if (!existing.has(row.id)) fresh.push(row);
    else if (stored === null) placeholders.push(row);
    else if (stored !== row.content_hash) changed.push(row);
    else counts.unchanged++;
  }
  const replaced = [...changed, ...placeholders];
  if (replaced.length > 0) {
    // Replace rather than update column by column: one statement shape for both dialects, and
    // dependants (turns) cascade away with the old row.
    await trx
      .deleteFrom(table as HashedTable)
      .where(
        bulk.oneOf(
          "id",
          replaced.map((r) => r.id),
        ),
      )
      .execute();
  }
  const written = [...fresh, ...replaced];
  const inserted = new Set(await bulk.insert(table, written, true));
  const landed = (list: typeof rows) => list.filter((r) => inserted.has(r.id));
  counts.imported = landed(fresh).length + landed(placeholders).length;
  counts.updated = landed(changed).length;
  counts.unchanged = rows.length - counts.imported - counts.updated;
  counts.writtenIds = written.map((r) => r.id).filter((id) => inserted.has(id));
  if (onWritten && counts.writtenIds.length > 0) {
    await onWritten(
      counts.writtenIds,
      replaced.map((r) => r.id).filter((id) => inserted.has(id)),
    );
  }
  return counts;
}
