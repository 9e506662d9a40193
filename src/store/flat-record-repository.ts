import type { Expression, Insertable, Kysely, Selectable, SqlBool, Transaction } from "kysely";
import type { BulkWriter } from "./dialects/store-dialect.ts";
import { type NameColumns, whereNames } from "./name-filter.ts";
import { decodeCursor, type Page, pageLimit, toPage } from "./page-cursor.ts";
import type { RecordFilter } from "./record-filter.ts";
import type { Database } from "./schema.ts";
import type { UpsertCounts } from "./upsert-batch.ts";
import { upsertByHash } from "./upsert-batch.ts";

export type FlatTable = "survey_responses" | "survey_invitations" | "pulse_answers";

/** How one flat (turn-less) record kind maps between domain record, row and view. */
export interface FlatRecordSpec<T extends FlatTable, R, V extends { id: string }> {
  table: T;
  /** The column lists are ordered by, newest first; keyset pagination uses (timeColumn, id). */
  timeColumn: "answered_at" | "sent_at" | "period";
  /**
   * Filter name → column; a filter whose column is absent for this kind is ignored (except
   * `teamIn`, a scope: without a team column nothing is in it). Names compare by key (name-filter.ts).
   */
  filterColumns: NameColumns & { customerId?: string; kind?: string };
  /** Conditions of the analysis-fact filters (record-filter.ts); absent: the kind has none and ignores them. */
  conditions?: (filter: RecordFilter) => Expression<SqlBool>[];
  toRow(record: R, now: string): Insertable<Database[T]> & { id: string; content_hash: string };
  toView(row: Selectable<Database[T]>): V;
  /** A list's item, when it shows more than the record (the answers' analysis facts); default toView. */
  toListItem?(row: Selectable<Database[T]>): V;
}

/**
 * Survey answers, invitations and pulse answers share one shape of storage: one row per source
 * id, listed by time. One implementation serves the three so pagination and idempotency are
 * written once.
 */
export class FlatRecordRepository<T extends FlatTable, R, V extends { id: string }> {
  constructor(
    protected readonly db: Kysely<Database>,
    readonly spec: FlatRecordSpec<T, R, V>,
  ) {}

  upsert(trx: Transaction<Database>, bulk: BulkWriter, records: R[], now: string): Promise<UpsertCounts> {
    const rows = records.map((r) => this.spec.toRow(r, now)) as Parameters<typeof upsertByHash<T>>[3];
    return upsertByHash(trx, bulk, this.spec.table, rows);
  }

  async get(id: string): Promise<V | undefined> {
    const row = await this.db
      .selectFrom(this.spec.table as FlatTable)
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? this.spec.toView(row as Selectable<Database[T]>) : undefined;
  }

  /** Records matching a filter (without its cursor and limit), any order. */
  // biome-ignore lint/suspicious/noExplicitAny: the table is generic; columns are checked by FlatRecordSpec.
  private filtered(filter: RecordFilter): any {
    const time = this.spec.timeColumn;
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    let q: any = this.db.selectFrom(this.spec.table as FlatTable).selectAll();
    if (filter.from) q = q.where(time, ">=", time === "period" ? filter.from.slice(0, 7) : filter.from);
    if (filter.to) q = q.where(time, "<", time === "period" ? filter.to.slice(0, 7) : filter.to);
    const { customerId, kind } = this.spec.filterColumns;
    if (customerId && filter.customerId) q = q.where(customerId, "=", filter.customerId);
    if (kind && filter.kind) q = q.where(kind, "=", filter.kind);
    q = whereNames(q, filter, this.spec.filterColumns);
    for (const condition of this.spec.conditions?.(filter) ?? []) q = q.where(condition);
    return q;
  }

  async list(filter: RecordFilter): Promise<Page<V>> {
    const limit = pageLimit(filter.limit);
    const time = this.spec.timeColumn;
    let q = this.filtered(filter);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      q = q.where((eb: any) => eb(eb.refTuple(time, "id"), "<", eb.tuple(at, id)));
    }
    const rows: Selectable<Database[T]>[] = await q
      .orderBy(time, "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    return this.pageOf(rows, limit);
  }

  private pageOf(rows: Selectable<Database[T]>[], limit: number): Page<V> {
    const time = this.spec.timeColumn;
    const page = toPage(rows, limit, (r) => [
      String(r[time as keyof typeof r]),
      String((r as { id: string }).id),
    ]);
    const item = this.spec.toListItem ?? this.spec.toView;
    return { items: page.items.map((r) => item(r)), nextCursor: page.nextCursor };
  }

  /** Every record matching the filter, oldest first, in pages: for exports of any size. */
  async *iterate(batch = 1000, filter: RecordFilter = {}): AsyncGenerator<V> {
    const time = this.spec.timeColumn;
    let after: [string, string] | undefined;
    for (;;) {
      let q = this.filtered(filter);
      if (after) {
        const [at, id] = after;
        // biome-ignore lint/suspicious/noExplicitAny: see list().
        q = q.where((eb: any) => eb(eb.refTuple(time, "id"), ">", eb.tuple(at, id)));
      }
      const rows: Selectable<Database[T]>[] = await q.orderBy(time).orderBy("id").limit(batch).execute();
      if (rows.length === 0) return;
      for (const r of rows) yield this.spec.toView(r);
      const last = rows[rows.length - 1] as Selectable<Database[T]>;
      after = [String(last[time as keyof typeof last]), String((last as { id: string }).id)];
    }
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom(this.spec.table as FlatTable)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
