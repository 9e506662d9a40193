import fs from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** Bytes per stored chunk: small enough for one statement's parameter, large enough for few rows. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

export type ImportFilePurpose = "upload" | "rejects";

export interface ImportFileInfo {
  id: string;
  owner: string;
  name: string;
  purpose: ImportFilePurpose;
  bytes: number;
  createdAt: string;
}

/**
 * Files kept for web imports (migration 0028): an upload waiting to be previewed and imported, and a
 * run's rejected rows. In the database, not on a process's disk, so that any process (another web
 * process behind the load balancer, a `kohtaamo worker`) can read them. They hold customers' own
 * data before redaction: server/import-jobs.ts deletes an upload once it is imported and anything
 * an hour old, and nothing here logs their content.
 */
export class ImportFileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores `bytes` as a new file of `owner`, in chunks, in one transaction. */
  async save(
    id: string,
    owner: string,
    name: string,
    bytes: Uint8Array,
    purpose: ImportFilePurpose = "upload",
  ): Promise<ImportFileInfo> {
    const createdAt = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("import_files")
        .values({ id, owner, name, purpose, bytes: bytes.byteLength, created_at: createdAt })
        .execute();
      for (let seq = 0; seq * IMPORT_CHUNK_BYTES < bytes.byteLength || seq === 0; seq++) {
        const data = bytes.subarray(seq * IMPORT_CHUNK_BYTES, (seq + 1) * IMPORT_CHUNK_BYTES);
        await trx.insertInto("import_file_chunks").values({ file_id: id, seq, data }).execute();
        if (data.byteLength < IMPORT_CHUNK_BYTES) break;
      }
    });
    return { id, owner, name, purpose, bytes: bytes.byteLength, createdAt };
  }

  /** Stores a local file (a run's rejected rows) as a new file of `owner`. */
  async saveFile(id: string, owner: string, name: string, file: string): Promise<ImportFileInfo> {
    return this.save(id, owner, name, new Uint8Array(await fs.readFile(file)), "rejects");
  }

  async info(id: string): Promise<ImportFileInfo | undefined> {
    const row = await this.db.selectFrom("import_files").selectAll().where("id", "=", id).executeTakeFirst();
    return row
      ? {
          id: row.id,
          owner: row.owner,
          name: row.name,
          purpose: row.purpose,
          bytes: Number(row.bytes),
          createdAt: row.created_at,
        }
      : undefined;
  }

  /** Writes the file's bytes to `file` on this machine, a chunk at a time; false when it is gone. */
  async writeTo(id: string, file: string): Promise<boolean> {
    if (!(await this.info(id))) return false;
    const handle = await fs.open(file, "w", 0o600);
    try {
      for (let seq = 0; ; seq++) {
        const chunk = await this.db
          .selectFrom("import_file_chunks")
          .select("data")
          .where("file_id", "=", id)
          .where("seq", "=", seq)
          .executeTakeFirst();
        if (!chunk) break;
        await handle.write(chunk.data);
      }
    } finally {
      await handle.close();
    }
    return true;
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("import_file_chunks").where("file_id", "=", id).execute();
      await trx.deleteFrom("import_files").where("id", "=", id).execute();
    });
  }

  /** Keeps a file another full period from now (the sweep deletes files by their `created_at`). */
  async renew(id: string): Promise<void> {
    await this.db
      .updateTable("import_files")
      .set({ created_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
  }

  /** Ids of files stored before `before` (ISO instant). */
  async storedBefore(before: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("import_files")
      .select("id")
      .where("created_at", "<", before)
      .execute();
    return rows.map((r) => r.id);
  }
}
