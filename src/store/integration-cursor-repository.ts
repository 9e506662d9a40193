import type { Kysely } from "kysely";
import type { IntegrationDatabase } from "./integration-schema.ts";
import type { Database } from "./schema.ts";

/** Table of migration 0018: where a pull over a vendor's API stopped, per integration and stream. */
export interface IntegrationCursorTable {
  integration_id: string;
  /** Which listing of the vendor the cursor belongs to ("tickets", "satisfaction_ratings"). */
  stream: string;
  /** JSON: the vendor's opaque cursor and whatever else resuming needs. */
  cursor: string;
  updated_at: string;
}

type CursorDatabase = IntegrationDatabase & { integration_cursors: IntegrationCursorTable };

/**
 * Saved cursors of pulls. A pull stores a page's records first and its cursor after, so a crash
 * between the two re-reads that page (its records are upserts by id: nothing doubles) and a crash
 * before the records leaves the cursor where it was (nothing is skipped).
 */
export class IntegrationCursorRepository {
  private readonly db: Kysely<CursorDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<CursorDatabase>;
  }

  async get(integrationId: string, stream: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.db
      .selectFrom("integration_cursors")
      .select("cursor")
      .where("integration_id", "=", integrationId)
      .where("stream", "=", stream)
      .executeTakeFirst();
    return row ? (JSON.parse(row.cursor) as Record<string, unknown>) : undefined;
  }

  async save(integrationId: string, stream: string, cursor: Record<string, unknown>, now: string) {
    const value = JSON.stringify(cursor);
    await this.db
      .insertInto("integration_cursors")
      .values({ integration_id: integrationId, stream, cursor: value, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["integration_id", "stream"]).doUpdateSet({ cursor: value, updated_at: now }),
      )
      .execute();
  }

  async list(integrationId: string) {
    const rows = await this.db
      .selectFrom("integration_cursors")
      .select(["stream", "cursor", "updated_at"])
      .where("integration_id", "=", integrationId)
      .orderBy("stream")
      .execute();
    return rows.map((r) => ({
      stream: r.stream,
      cursor: JSON.parse(r.cursor) as Record<string, unknown>,
      updated_at: r.updated_at,
    }));
  }
}
