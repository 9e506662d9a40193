import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface RunCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/**
 * A log of imports. A run left "running" was interrupted; the demo loader uses this to finish
 * a demo workspace whose loading was killed half-way instead of leaving it partial.
 */
export class ImportRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async begin(kind: string, source: string): Promise<number> {
    const row = await this.db
      .insertInto("import_runs")
      .values({ kind, source, started_at: new Date().toISOString(), status: "running" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async finish(id: number, counts: RunCounts, status: "done" | "failed" = "done"): Promise<void> {
    await this.db
      .updateTable("import_runs")
      .set({ ...counts, status, finished_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async latest(kind: string) {
    return this.db
      .selectFrom("import_runs")
      .selectAll()
      .where("kind", "=", kind)
      .orderBy("id", "desc")
      .executeTakeFirst();
  }
}
