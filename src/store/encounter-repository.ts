import type { Kysely, Selectable, Transaction } from "kysely";
import type { Encounter } from "../domain/index.ts";
import type { BulkWriter, StoreDialect } from "./dialects/store-dialect.ts";
import { type NameColumns, whereNames } from "./name-filter.ts";
import { decodeCursor, type Page, pageLimit, toPage } from "./page-cursor.ts";
import { encounterConditions, type ListFacts, listFacts, type RecordFilter } from "./record-filter.ts";
import type { Database, EncounterTable, TurnTable } from "./schema.ts";
import { contentHash, type UpsertCounts, upsertByHash } from "./upsert-batch.ts";

/** An encounter as the API and exports show it: the same field names as the import format. */
export interface EncounterView {
  id: string;
  channel: string;
  touchpoint: string | null;
  started_at: string;
  ended_at: string | null;
  team: string | null;
  agent: string | null;
  customer_id: string | null;
  wait_seconds: number | null;
  transfers: number | null;
  resolved: boolean | null;
  turn_count: number;
}

export interface TurnView {
  seq: number;
  speaker: string;
  at: number | null;
  text: string;
}

export type EncounterWithTurns = EncounterView & { turns: TurnView[] };

/** A survey answer that refers to an encounter, as its detail shows it. */
export interface LinkedAnswer {
  id: string;
  kind: string;
  score: number;
  answered_at: string;
}

const NAME_COLUMNS: NameColumns = {
  team: "team_id",
  agent: "agent_id",
  channel: "channel",
  touchpoint: "touchpoint",
};

export class EncounterRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  /** Idempotent batch write keyed on the source id; turns are rewritten with their encounter. */
  static upsert(
    trx: Transaction<Database>,
    bulk: BulkWriter,
    encounters: Encounter[],
    now: string,
  ): Promise<UpsertCounts> {
    const byId = new Map(encounters.map((e) => [e.id, e]));
    const rows = encounters.map((e) => ({
      id: e.id,
      channel: e.channel,
      touchpoint: e.touchpoint ?? null,
      started_at: e.startedAt,
      ended_at: e.endedAt ?? null,
      team_id: e.team ?? null,
      agent_id: e.agent ?? null,
      customer_id: e.customerId ?? null,
      wait_seconds: e.waitSeconds ?? null,
      transfers: e.transfers ?? null,
      resolved: e.resolved === undefined ? null : e.resolved ? 1 : 0,
      turn_count: e.turns.length,
      content_hash: contentHash(e),
      updated_at: now,
    }));
    return upsertByHash(trx, bulk, "encounters", rows, async (written) => {
      const turns = written.flatMap((id) =>
        (byId.get(id)?.turns ?? []).map((t) => ({
          encounter_id: id,
          seq: t.seq,
          speaker: t.speaker,
          offset_seconds: t.offsetSeconds ?? null,
          text: t.text,
        })),
      );
      await bulk.insert("turns", turns);
    });
  }

  async get(id: string): Promise<EncounterWithTurns | undefined> {
    const row = await this.db.selectFrom("encounters").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const turns = await this.db
      .selectFrom("turns")
      .selectAll()
      .where("encounter_id", "=", id)
      .orderBy("seq")
      .execute();
    return { ...toView(row), turns: turns.map(toTurnView) };
  }

  /** The survey answers that name this encounter, oldest first. */
  async linkedAnswers(id: string): Promise<LinkedAnswer[]> {
    return this.db
      .selectFrom("survey_responses")
      .select(["id", "kind", "score", "answered_at"])
      .where("encounter_id", "=", id)
      .orderBy("answered_at")
      .orderBy("id")
      .execute();
  }

  /** Encounters matching a filter (without its cursor and limit), any order. */
  private filtered(filter: RecordFilter) {
    let q = this.db.selectFrom("encounters").selectAll();
    if (filter.from) q = q.where("started_at", ">=", filter.from);
    if (filter.to) q = q.where("started_at", "<", filter.to);
    q = whereNames(q, filter, NAME_COLUMNS);
    if (filter.customerId) q = q.where("customer_id", "=", filter.customerId);
    for (const condition of encounterConditions(filter, this.dialect)) q = q.where(condition);
    return q;
  }

  /** A page of encounters, each with the analysis facts its list shows. */
  async list(filter: RecordFilter): Promise<Page<EncounterView & { facts: ListFacts }>> {
    const limit = pageLimit(filter.limit);
    let q = this.filtered(filter);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      q = q.where((eb) => eb(eb.refTuple("started_at", "id"), "<", eb.tuple(at, id)));
    }
    const rows = await q
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const items = rows.map((r) => ({ ...toView(r), facts: listFacts(r) }));
    return toPage(items, limit, (r) => [r.started_at, r.id]);
  }

  /** Every encounter matching the filter with its turns, oldest first, in pages: for exports of any size. */
  async *iterate(batch = 500, filter: RecordFilter = {}): AsyncGenerator<EncounterWithTurns> {
    let after: [string, string] | undefined;
    for (;;) {
      let q = this.filtered(filter);
      if (after) {
        const [at, id] = after;
        q = q.where((eb) => eb(eb.refTuple("started_at", "id"), ">", eb.tuple(at, id)));
      }
      const rows = await q.orderBy("started_at").orderBy("id").limit(batch).execute();
      if (rows.length === 0) return;
      const turns = await this.db
        .selectFrom("turns")
        .selectAll()
        .where(
          "encounter_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("encounter_id")
        .orderBy("seq")
        .execute();
      const byEncounter = new Map<string, TurnView[]>();
      for (const t of turns) {
        const list = byEncounter.get(t.encounter_id) ?? [];
        list.push(toTurnView(t));
        byEncounter.set(t.encounter_id, list);
      }
      for (const r of rows) yield { ...toView(r), turns: byEncounter.get(r.id) ?? [] };
      const last = rows[rows.length - 1] as Selectable<EncounterTable>;
      after = [last.started_at, last.id];
    }
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom("encounters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}

function toView(r: Selectable<EncounterTable>): EncounterView {
  return {
    id: r.id,
    channel: r.channel,
    touchpoint: r.touchpoint,
    started_at: r.started_at,
    ended_at: r.ended_at,
    team: r.team_id,
    agent: r.agent_id,
    customer_id: r.customer_id,
    wait_seconds: r.wait_seconds,
    transfers: r.transfers,
    resolved: r.resolved === null ? null : r.resolved === 1,
    turn_count: r.turn_count,
  };
}

function toTurnView(t: Selectable<TurnTable>): TurnView {
  return { seq: t.seq, speaker: t.speaker, at: t.offset_seconds, text: t.text };
}
