import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** The workspace's edited taxonomy (migration 0009): one row, absent until someone saves one. */
interface WorkspaceTaxonomyTable {
  id: string;
  digest: string;
  taxonomy: string;
  updated_at: string;
  updated_by: string;
}

export interface StoredTaxonomy {
  /** SHA-256 of the stored JSON: names this taxonomy in analyzer versions and caches. */
  digest: string;
  /** The taxonomy document as saved (its shape is the analysis' Taxonomy; the store does not read it). */
  document: unknown;
  updatedAt: string;
  updatedBy: string;
}

const ROW_ID = "current";

/**
 * The taxonomy a workspace edited in the dashboard. The store keeps it as a document and never
 * interprets it: ingest turns it into the analyzer's taxonomy (analysis/ stays pure).
 */
export class TaxonomyRepository {
  private readonly db: Kysely<{ workspace_taxonomy: WorkspaceTaxonomyTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ workspace_taxonomy: WorkspaceTaxonomyTable }>();
  }

  /** The digest of the saved taxonomy, or null when none was saved: a cheap check before every import batch. */
  async digest(): Promise<string | null> {
    const row = await this.db
      .selectFrom("workspace_taxonomy")
      .select("digest")
      .where("id", "=", ROW_ID)
      .executeTakeFirst();
    return row?.digest ?? null;
  }

  async current(): Promise<StoredTaxonomy | null> {
    const row = await this.db
      .selectFrom("workspace_taxonomy")
      .selectAll()
      .where("id", "=", ROW_ID)
      .executeTakeFirst();
    if (!row) return null;
    return {
      digest: row.digest,
      document: JSON.parse(row.taxonomy) as unknown,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Saves (replaces) the workspace's taxonomy. */
  async save(document: unknown, updatedBy: string): Promise<StoredTaxonomy> {
    const text = JSON.stringify(document);
    const digest = createHash("sha256").update(text).digest("hex");
    const updatedAt = new Date().toISOString();
    const row = { digest, taxonomy: text, updated_at: updatedAt, updated_by: updatedBy };
    await this.db
      .insertInto("workspace_taxonomy")
      .values({ id: ROW_ID, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
    return { digest, document: JSON.parse(text) as unknown, updatedAt, updatedBy };
  }

  /** Forgets the saved taxonomy: models/taxonomy.json applies again. */
  async clear(): Promise<void> {
    await this.db.deleteFrom("workspace_taxonomy").where("id", "=", ROW_ID).execute();
  }
}
