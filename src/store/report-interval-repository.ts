import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/** A report selection the dashboard asked for, and the report with intervals last computed for it (migration 0021). */
export interface ReportIntervalsTable {
  key: string;
  report: string;
  /** JSON: what the job needs to compute the report again (filter, options, time zone). */
  params: string;
  requested_at: string;
  /** The cube generation `value` was computed at; null before the first computation. */
  generation: string | null;
  /** The report as JSON, with its bootstrap intervals. */
  value: string | null;
  computed_at: string | null;
}

type IntervalDb = Kysely<Database & { report_intervals: ReportIntervalsTable }>;

/** A selection whose stored report is missing or older than the cube. */
export interface StaleSelection {
  key: string;
  report: string;
  params: string;
}

/**
 * Theme and driver reports with their bootstrap intervals, stored per selection and cube generation
 * so that every process serves what the reports.intervals job computed (workflows/report-intervals.ts).
 */
export class ReportIntervalRepository {
  private readonly db: IntervalDb;

  constructor(db: Kysely<Database>) {
    this.db = db as IntervalDb;
  }

  /** The stored report of a selection, when it was computed at this generation. */
  async stored(key: string, generation: string): Promise<string | null> {
    const row = await this.db
      .selectFrom("report_intervals")
      .select("value")
      .where("key", "=", key)
      .where("generation", "=", generation)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  /** Records that a selection was asked for (the job computes the stale ones it finds). */
  async request(selection: StaleSelection, now: string, options: { keepTime?: boolean } = {}): Promise<void> {
    await this.db
      .insertInto("report_intervals")
      .values({ ...selection, requested_at: now })
      .onConflict((oc) =>
        options.keepTime ? oc.column("key").doNothing() : oc.column("key").doUpdateSet({ requested_at: now }),
      )
      .execute();
  }

  /** A selection served from its stored report was still asked for: keeps it from being forgotten. */
  async touch(key: string, now: string, olderThan: string): Promise<void> {
    await this.db
      .updateTable("report_intervals")
      .set({ requested_at: now })
      .where("key", "=", key)
      .where("requested_at", "<", olderThan)
      .execute();
  }

  /** Selections whose stored report is not of `generation`, the most recently asked first. */
  async stale(generation: string, limit: number): Promise<StaleSelection[]> {
    return this.db
      .selectFrom("report_intervals")
      .select(["key", "report", "params"])
      .where((eb) => eb.or([eb("generation", "is", null), eb("generation", "<>", generation)]))
      .orderBy("requested_at", "desc")
      .limit(limit)
      .execute();
  }

  /** Keeps a computed report; a row asked for again meanwhile keeps its newer request time. */
  async save(key: string, generation: string, value: string, now: string): Promise<void> {
    await this.db
      .updateTable("report_intervals")
      .set({ generation, value, computed_at: now })
      .where("key", "=", key)
      .execute();
  }

  /** Forgets selections nobody asked for since `before`. Returns how many. */
  async forget(before: string): Promise<number> {
    const r = await this.db
      .deleteFrom("report_intervals")
      .where("requested_at", "<", before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** How many selections wait for the job (for tests and status). */
  async pending(generation: string): Promise<number> {
    const row = await this.db
      .selectFrom("report_intervals")
      .select(sql<number>`count(*)`.as("n"))
      .where((eb) => eb.or([eb("generation", "is", null), eb("generation", "<>", generation)]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
