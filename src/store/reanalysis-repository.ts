import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/** The progress of the workspace's reanalysis (migration 0009): one row, kept between runs. */
interface ReanalysisProgressTable {
  id: string;
  state: string;
  run_id: string | null;
  analyzer_version: string | null;
  phase: string | null;
  after_id: string | null;
  done: number;
  total: number;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  started_by: string | null;
  error: string | null;
}

export type ReanalysisState = "idle" | "running" | "done" | "failed";
/** What a run analyses, in this order; within each, subjects in id order. */
export const REANALYSIS_PHASES = ["encounter", "response", "pulse"] as const;
export type ReanalysisPhase = (typeof REANALYSIS_PHASES)[number];

export interface ReanalysisProgress {
  state: ReanalysisState;
  runId: string | null;
  analyzerVersion: string | null;
  /** Where a run stands: the phase and the last subject id done in it; null once a run has finished. */
  phase: ReanalysisPhase | null;
  afterId: string | null;
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  startedBy: string | null;
  error: string | null;
}

/** One batch of stored text to analyse again: an encounter's turns, or a comment. */
export type ReanalysisItem =
  | { kind: "encounter"; id: string; turns: { speaker: string; text: string }[] }
  | { kind: "response" | "pulse"; id: string; text: string };

const ROW_ID = "current";
type Tables = { reanalysis_progress: ReanalysisProgressTable } & Database;

/**
 * The reanalysis' progress row and the keyset walk over stored text it needs. The row is the only
 * state of a run, so another process can show it, and a run whose process died (its heartbeat
 * stops) can be claimed again and resumed from its last checkpoint.
 */
export class ReanalysisRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ reanalysis_progress: ReanalysisProgressTable }>();
  }

  async progress(): Promise<ReanalysisProgress> {
    const row = await this.db
      .selectFrom("reanalysis_progress")
      .selectAll()
      .where("id", "=", ROW_ID)
      .executeTakeFirstOrThrow();
    return {
      state: row.state as ReanalysisState,
      runId: row.run_id,
      analyzerVersion: row.analyzer_version,
      phase: row.phase as ReanalysisPhase | null,
      afterId: row.after_id,
      done: Number(row.done),
      total: Number(row.total),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      heartbeatAt: row.heartbeat_at,
      startedBy: row.started_by,
      error: row.error,
    };
  }

  /**
   * Takes the run for `runId` in one conditional update: only when no run is live (not running,
   * or running with a heartbeat older than `staleBefore`: its process died). The previous run's
   * checkpoint stays in the row for the caller to resume from. False when another run is live.
   */
  async claim(runId: string, startedBy: string, staleBefore: string): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable("reanalysis_progress")
      .set({ state: "running", run_id: runId, heartbeat_at: now, started_by: startedBy, error: null })
      .where("id", "=", ROW_ID)
      .where((eb) => eb.or([eb("state", "<>", "running"), eb("heartbeat_at", "<", staleBefore)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Sets where the claimed run starts (a fresh start, or the checkpoint it resumes from). */
  async begin(
    runId: string,
    start: {
      analyzerVersion: string;
      phase: ReanalysisPhase;
      afterId: string | null;
      done: number;
      total: number;
      startedAt: string;
    },
  ): Promise<boolean> {
    return this.update(runId, {
      analyzer_version: start.analyzerVersion,
      phase: start.phase,
      after_id: start.afterId,
      done: start.done,
      total: start.total,
      started_at: start.startedAt,
      finished_at: null,
    });
  }

  /** Records a finished batch; false when the run is no longer this one's (it was taken over). */
  checkpoint(runId: string, at: { phase: ReanalysisPhase; afterId: string | null; done: number }) {
    return this.update(runId, { phase: at.phase, after_id: at.afterId, done: at.done });
  }

  finish(runId: string): Promise<boolean> {
    const now = new Date().toISOString();
    return this.update(runId, { state: "done", phase: null, after_id: null, finished_at: now });
  }

  /** Marks the run failed; its checkpoint stays, so the next start resumes after the last good batch. */
  fail(runId: string, error: string): Promise<boolean> {
    const now = new Date().toISOString();
    return this.update(runId, { state: "failed", error, finished_at: now });
  }

  private async update(runId: string, set: Partial<ReanalysisProgressTable>): Promise<boolean> {
    const result = await this.db
      .updateTable("reanalysis_progress")
      .set({ ...set, heartbeat_at: new Date().toISOString() })
      .where("id", "=", ROW_ID)
      .where("run_id", "=", runId)
      .where("state", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** How many subjects a run analyses: encounters with turns, answers and pulse answers with a comment. */
  async countSubjects(): Promise<number> {
    const encounters = await this.db
      .selectFrom("turns")
      .select(sql<number>`count(distinct encounter_id)`.as("n"))
      .executeTakeFirstOrThrow();
    const responses = await this.db
      .selectFrom("survey_responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("comment", "is not", null)
      .where("comment", "<>", "")
      .executeTakeFirstOrThrow();
    const pulse = await this.db
      .selectFrom("pulse_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("comment", "is not", null)
      .where("comment", "<>", "")
      .executeTakeFirstOrThrow();
    return Number(encounters.n) + Number(responses.n) + Number(pulse.n);
  }

  /** The next `limit` subjects of a phase after `afterId`, in id order (the stored, redacted text). */
  async nextItems(phase: ReanalysisPhase, afterId: string | null, limit: number): Promise<ReanalysisItem[]> {
    if (phase === "encounter") {
      let ids = this.db.selectFrom("turns").select("encounter_id").distinct();
      if (afterId !== null) ids = ids.where("encounter_id", ">", afterId);
      const idRows = await ids.orderBy("encounter_id").limit(limit).execute();
      return this.itemsOf(
        phase,
        idRows.map((r) => r.encounter_id),
      );
    }
    const table = phase === "response" ? "survey_responses" : "pulse_answers";
    let q = this.db
      .selectFrom(table)
      .select(["id", "comment"])
      .where("comment", "is not", null)
      .where("comment", "<>", "");
    if (afterId !== null) q = q.where("id", ">", afterId);
    const rows = await q.orderBy("id").limit(limit).execute();
    return rows.map((r) => ({ kind: phase, id: r.id, text: r.comment ?? "" }));
  }

  /**
   * The stored text of the given subjects, in the order given: an encounter's turns (an empty list
   * when it has none), a comment; answers without a comment (or deleted since) are left out.
   */
  async itemsOf(phase: ReanalysisPhase, ids: readonly string[]): Promise<ReanalysisItem[]> {
    if (ids.length === 0) return [];
    if (phase === "encounter") {
      const turns = await this.db
        .selectFrom("turns")
        .select(["encounter_id", "speaker", "text"])
        .where("encounter_id", "in", ids)
        .orderBy("encounter_id")
        .orderBy("seq")
        .execute();
      const items = new Map<string, { speaker: string; text: string }[]>();
      for (const t of turns) {
        const list = items.get(t.encounter_id) ?? [];
        list.push({ speaker: t.speaker, text: t.text });
        items.set(t.encounter_id, list);
      }
      return ids.map((id) => ({ kind: "encounter", id, turns: items.get(id) ?? [] }));
    }
    const table = phase === "response" ? "survey_responses" : "pulse_answers";
    const rows = await this.db
      .selectFrom(table)
      .select(["id", "comment"])
      .where("id", "in", ids)
      .where("comment", "is not", null)
      .where("comment", "<>", "")
      .execute();
    const text = new Map(rows.map((r) => [r.id, r.comment ?? ""]));
    return ids.flatMap((id) => (text.has(id) ? [{ kind: phase, id, text: text.get(id) ?? "" }] : []));
  }
}
