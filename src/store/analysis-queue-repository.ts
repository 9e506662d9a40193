import { type Kysely, sql, type Transaction } from "kysely";
import type { AnalysisSubject } from "./analysis-repository.ts";
import type { Database } from "./schema.ts";

/** Migration 0016: a record stored without its analysis, until an analysis job stores one. */
export interface AnalysisPendingTable {
  subject_kind: AnalysisSubject;
  subject_id: string;
  /** Changes each time the record is written again: an analysis counts only for the text it read. */
  token: string;
  queued_at: string;
}

type Tables = Database & { analysis_pending: AnalysisPendingTable };

/** Records awaiting analysis, by kind (encounters with turns, answers and pulse answers with a comment). */
export interface PendingCounts {
  encounter: number;
  response: number;
  pulse: number;
  total: number;
}

/** Records left unread for their language, by language ("other": not Finnish, English or Swedish) and by kind. */
export interface UnreadCounts {
  sv: number;
  other: number;
  total: number;
  /** Answers' comments and encounters among the total. */
  responses: number;
  encounters: number;
}

/**
 * Records with text whose stored analysis the current analyzer did not write: analysed by an older
 * one (other models, rules or taxonomy) or by none (stored before analysis was kept per version, or
 * stored without analysis), not counting those already awaiting a job. Each count stops at
 * OUTDATED_CAP + 1; `capped` says one did, so the figure is "more than".
 */
export interface OutdatedCounts {
  encounter: number;
  response: number;
  pulse: number;
  total: number;
  capped: boolean;
}

/** Where an outdated count stops: a figure past it says "more than", and costs no more to find. */
export const OUTDATED_CAP = 100_000;

/** The subjects of one written batch whose analysis is left to a job. */
export interface PendingSubjects {
  subjectKind: AnalysisSubject;
  ids: string[];
}

const CHUNK = 500;

/**
 * The analysis queue's bookkeeping (KOHTAAMO_ANALYSIS=queue, jobs/analysis-job.ts): which records
 * await analysis. Rows are added in the transaction that stores the records and removed in the one
 * that stores their analysis, so neither a crash nor a job run twice leaves the count wrong.
 */
export class AnalysisQueueRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ analysis_pending: AnalysisPendingTable }>();
  }

  /** Marks the subjects pending under a new token (a record written again is analysed again). */
  static async defer(
    trx: Transaction<Database>,
    subjects: PendingSubjects,
    token: string,
    now: string,
  ): Promise<void> {
    const db = (trx as Kysely<Database>).withTables<{ analysis_pending: AnalysisPendingTable }>();
    for (let i = 0; i < subjects.ids.length; i += CHUNK) {
      await db
        .insertInto("analysis_pending")
        .values(
          subjects.ids.slice(i, i + CHUNK).map((id) => ({
            subject_kind: subjects.subjectKind,
            subject_id: id,
            token,
            queued_at: now,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(["subject_kind", "subject_id"])
            .doUpdateSet({ token: (eb) => eb.ref("excluded.token"), queued_at: now }),
        )
        .execute();
    }
  }

  /**
   * Removes the rows of the subjects whose analysis this transaction stores, each only if it still
   * carries the token the analysis read under; returns the ids removed. On PostgreSQL a second
   * transaction removing the same rows waits for the first and then finds none, so two jobs racing
   * for one record store one analysis.
   */
  static async settle(
    trx: Transaction<Database>,
    subjectKind: AnalysisSubject,
    tokens: ReadonlyMap<string, string>,
  ): Promise<Set<string>> {
    const db = (trx as Kysely<Database>).withTables<{ analysis_pending: AnalysisPendingTable }>();
    const byToken = new Map<string, string[]>();
    for (const [id, token] of tokens) byToken.set(token, [...(byToken.get(token) ?? []), id]);
    const removed = new Set<string>();
    for (const [token, ids] of byToken) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await db
          .deleteFrom("analysis_pending")
          .where("subject_kind", "=", subjectKind)
          .where("token", "=", token)
          .where("subject_id", "in", ids.slice(i, i + CHUNK))
          .returning("subject_id")
          .execute();
        for (const r of rows) removed.add(r.subject_id);
      }
    }
    return removed;
  }

  /**
   * Drops the pending marks of subjects analysed another way: inline (auto mode while no worker
   * runs) or by a reanalysis run. Their queued jobs then find nothing left to do.
   */
  static async clear(
    trx: Transaction<Database>,
    analysed: readonly { subjectKind: AnalysisSubject; subjectId: string }[],
  ): Promise<void> {
    const db = (trx as Kysely<Database>).withTables<{ analysis_pending: AnalysisPendingTable }>();
    for (const kind of ["encounter", "response", "pulse"] as const) {
      const ids = analysed.filter((a) => a.subjectKind === kind).map((a) => a.subjectId);
      for (let i = 0; i < ids.length; i += CHUNK) {
        await db
          .deleteFrom("analysis_pending")
          .where("subject_kind", "=", kind)
          .where("subject_id", "in", ids.slice(i, i + CHUNK))
          .execute();
      }
    }
  }

  /** Which of these subjects still await analysis, each with its token. */
  async tokens(subjectKind: AnalysisSubject, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom("analysis_pending")
        .select(["subject_id", "token"])
        .where("subject_kind", "=", subjectKind)
        .where("subject_id", "in", ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.subject_id, r.token);
    }
    return out;
  }

  async counts(): Promise<PendingCounts> {
    const rows = await this.db
      .selectFrom("analysis_pending")
      .select(["subject_kind", sql<number>`count(*)`.as("n")])
      .groupBy("subject_kind")
      .execute();
    const counts: PendingCounts = { encounter: 0, response: 0, pulse: 0, total: 0 };
    for (const r of rows) {
      counts[r.subject_kind] = Number(r.n);
      counts.total += Number(r.n);
    }
    return counts;
  }

  /**
   * Stored records the analysis left unread for their language (store/analysis-facts.ts unreadLang):
   * answers' comments and encounters, by language. Read through the partial indexes of migration 0032.
   */
  async unreadCounts(): Promise<UnreadCounts> {
    const counts: UnreadCounts = { sv: 0, other: 0, total: 0, responses: 0, encounters: 0 };
    for (const table of ["survey_responses", "encounters"] as const) {
      const rows = await (this.db as unknown as Kysely<Database>)
        .selectFrom(table)
        .select(["unread_lang", sql<number>`count(*)`.as("n")])
        .where("unread_lang", "is not", null)
        .groupBy("unread_lang")
        .execute();
      for (const r of rows) {
        const n = Number(r.n);
        if (r.unread_lang === "sv") counts.sv += n;
        else counts.other += n;
        counts.total += n;
        if (table === "encounters") counts.encounters += n;
        else counts.responses += n;
      }
    }
    return counts;
  }

  /**
   * OutdatedCounts for the analyzer `current`: per table the rows with text (the predicate of
   * migration 0033's partial index, repeated so that SQLite uses it) whose version is null or another
   * one, in three index reads (null, before `current`, after it; "" marks text retention removed and
   * is skipped), each stopped at `cap` + 1 rows (OUTDATED_CAP), so the cost follows the outdated rows,
   * not the table.
   */
  async outdatedCounts(current: string, cap = OUTDATED_CAP): Promise<OutdatedCounts> {
    const db = this.db as unknown as Kysely<Database>;
    const counts: OutdatedCounts = { encounter: 0, response: 0, pulse: 0, total: 0, capped: false };
    const sources = [
      { kind: "encounter", table: "encounters", text: sql`turn_count > 0` },
      { kind: "response", table: "survey_responses", text: sql`comment is not null and comment <> ''` },
      { kind: "pulse", table: "pulse_answers", text: sql`comment is not null and comment <> ''` },
    ] as const;
    const versions = [
      sql`analyzer_version is null`,
      sql`analyzer_version > '' and analyzer_version < ${current}`,
      sql`analyzer_version > ${current}`,
    ];
    for (const { kind, table, text } of sources) {
      let n = 0;
      for (const version of versions) {
        const row = await sql<{ n: number | string }>`select count(*) as n from (
            select 1 from ${sql.table(table)} t where ${text} and ${version}
              and not exists (select 1 from analysis_pending p
                where p.subject_kind = ${kind} and p.subject_id = t.id)
            limit ${cap + 1}) x`.execute(db);
        n += Number(row.rows[0]?.n ?? 0);
      }
      if (n > cap) {
        n = cap;
        counts.capped = true;
      }
      counts[kind] = n;
      counts.total += n;
    }
    return counts;
  }

  /** When the oldest pending record was stored; null when none waits. */
  async oldest(): Promise<string | null> {
    const row = await this.db
      .selectFrom("analysis_pending")
      .select((eb) => eb.fn.min("queued_at").as("at"))
      .executeTakeFirst();
    return (row?.at as string | null | undefined) ?? null;
  }
}
