import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import { type NameDimension, nameKey } from "../domain/index.ts";
import type { CoachingDatabase, CoachingPickTable, CoachingSessionTable } from "./coaching-schema.ts";
import { nameMatches } from "./name-filter.ts";
import { decodeCursor, type Page, pageLimit, toPage } from "./page-cursor.ts";
import type { Database } from "./schema.ts";

/** An analysed encounter a coaching session may pick: its facts and its latest analysis, unparsed. */
export interface CoachingCandidateRow {
  id: string;
  started_at: string;
  team: string | null;
  agent: string | null;
  transfers: number | null;
  wait_seconds: number | null;
  /** The stored analysis JSON of the latest analyzer version (workflows/coaching-picks.ts parses it). */
  analysis: unknown;
}

export interface CoachingPickRow {
  position: number;
  encounter_id: string;
  reason_kind: string;
  reason_data: Record<string, unknown>;
  turn_index: number | null;
}

/** A pick as read back, with its encounter's time, channel and agent (null once the encounter is gone). */
export interface StoredCoachingPick extends CoachingPickRow {
  encounter: { started_at: string; channel: string; agent: string | null } | null;
}

export interface CoachingSessionRow {
  id: string;
  team: string;
  agent: string | null;
  from: string;
  to: string;
  created_by: string;
  status: string;
  notes: string | null;
  agreements: string[];
  questions: unknown[];
  shortfalls: unknown[];
  follow_up_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewCoachingSession {
  team: string;
  agent: string | null;
  from: string;
  to: string;
  createdBy: string;
  status: string;
  questions: unknown[];
  shortfalls: unknown[];
  picks: Omit<CoachingPickRow, "position">[];
}

export interface CoachingSessionFilter {
  team?: string;
  agent?: string;
  /** A manager's scope: only these teams (empty: nothing). */
  teamIn?: readonly string[];
  /** An agent's scope: only sessions about this agent. */
  agentIs?: string;
  cursor?: string;
  limit?: number;
}

/** Fields a person may change; undefined leaves a field as it is, null clears it. */
export interface CoachingSessionPatch {
  status?: string;
  notes?: string | null;
  agreements?: string[];
  followUpDate?: string | null;
}

/** Encounters whose analyses are read in one query. */
const ANALYSIS_CHUNK = 500;

/** Coaching sessions (migration 0012) and the analysed encounters they are picked from. */
export class CoachingRepository {
  private readonly db: Kysely<CoachingDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<CoachingDatabase>;
  }

  /** The canonical display name stored for a team's or agent's name (any spelling of its key), if known. */
  async displayName(dimension: NameDimension, name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("dimension_names")
      .select("display")
      .where("dimension", "=", dimension)
      .where("key", "=", nameKey(name))
      .executeTakeFirst();
    return row?.display;
  }

  /**
   * The encounters of a team (and agent) started in [from, to), oldest first, each with its
   * latest analysis, turned by `map` chunk by chunk (so the stored JSON of a long period is never
   * held all at once); those without an analysis, or that `map` turns into null, are left out.
   */
  async candidates<T>(
    filter: {
      team: string;
      agent?: string | null;
      from: string;
      to: string;
    },
    map: (row: CoachingCandidateRow) => T | null,
  ): Promise<T[]> {
    let q = this.db
      .selectFrom("encounters")
      .select(["id", "started_at", "team_id", "agent_id", "transfers", "wait_seconds"])
      .where(nameMatches("team_id", "team", [filter.team]))
      .where("started_at", ">=", filter.from)
      .where("started_at", "<", filter.to);
    if (filter.agent) q = q.where(nameMatches("agent_id", "agent", [filter.agent]));
    const rows = await q.orderBy("started_at").orderBy("id").execute();
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += ANALYSIS_CHUNK) {
      const chunk = rows.slice(i, i + ANALYSIS_CHUNK);
      const results = await this.db
        .selectFrom("analysis_results")
        .select(["subject_id", "result", "created_at", "analyzer_version"])
        .where("subject_kind", "=", "encounter")
        .where(
          "subject_id",
          "in",
          chunk.map((r) => r.id),
        )
        .execute();
      const latest = new Map<string, { result: string; at: string; version: string }>();
      for (const r of results) {
        const seen = latest.get(r.subject_id);
        // The newest result; of two written at once, the later version name (deterministic).
        if (
          !seen ||
          r.created_at > seen.at ||
          (r.created_at === seen.at && r.analyzer_version > seen.version)
        ) {
          latest.set(r.subject_id, { result: r.result, at: r.created_at, version: r.analyzer_version });
        }
      }
      for (const r of chunk) {
        const found = latest.get(r.id);
        if (!found) continue;
        const mapped = map({
          id: r.id,
          started_at: r.started_at,
          team: r.team_id,
          agent: r.agent_id,
          transfers: r.transfers,
          wait_seconds: r.wait_seconds,
          analysis: JSON.parse(found.result) as unknown,
        });
        if (mapped !== null) out.push(mapped);
      }
    }
    return out;
  }

  /** Stores a new session and its picks, with one audit entry (kinds and counts, no text), in one transaction. */
  async create(session: NewCoachingSession, now: string): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("coaching_sessions")
        .values({
          id,
          team: session.team,
          agent: session.agent,
          period_from: session.from,
          period_to: session.to,
          created_by: session.createdBy,
          status: session.status,
          notes: null,
          agreements: "[]",
          questions: JSON.stringify(session.questions),
          shortfalls: JSON.stringify(session.shortfalls),
          follow_up_date: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (session.picks.length > 0) {
        await trx
          .insertInto("coaching_picks")
          .values(
            session.picks.map((p, i) => ({
              session_id: id,
              position: i + 1,
              encounter_id: p.encounter_id,
              reason_kind: p.reason_kind,
              reason_data: JSON.stringify(p.reason_data),
              turn_index: p.turn_index,
            })),
          )
          .execute();
      }
      await audit(trx, session.createdBy, "coaching.create", id, now, {
        team: session.team,
        agent: session.agent,
        from: session.from,
        to: session.to,
        picks: session.picks.map((p) => p.reason_kind),
      });
    });
    return id;
  }

  async get(id: string): Promise<(CoachingSessionRow & { picks: StoredCoachingPick[] }) | undefined> {
    const row = await this.db
      .selectFrom("coaching_sessions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return undefined;
    const picks = await this.db
      .selectFrom("coaching_picks")
      .leftJoin("encounters", "encounters.id", "coaching_picks.encounter_id")
      .selectAll("coaching_picks")
      .select(["encounters.started_at", "encounters.channel", "encounters.agent_id"])
      .where("coaching_picks.session_id", "=", id)
      .orderBy("coaching_picks.position")
      .execute();
    return {
      ...sessionView(row),
      picks: picks.map((p) => ({
        ...pickView(p),
        encounter:
          p.started_at === null || p.channel === null
            ? null
            : { started_at: p.started_at, channel: p.channel, agent: p.agent_id },
      })),
    };
  }

  /** Newest first, paged by (created_at, id). */
  async list(filter: CoachingSessionFilter): Promise<Page<CoachingSessionRow>> {
    const limit = pageLimit(filter.limit);
    let q = this.db
      .selectFrom("coaching_sessions")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1);
    if (filter.team) q = q.where(nameMatches("team", "team", [filter.team]));
    if (filter.teamIn) q = q.where(nameMatches("team", "team", filter.teamIn));
    if (filter.agent) q = q.where(nameMatches("agent", "agent", [filter.agent]));
    if (filter.agentIs !== undefined) q = q.where(nameMatches("agent", "agent", [filter.agentIs]));
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      q = q.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(at, id)));
    }
    const rows = await q.execute();
    return toPage(rows.map(sessionView), limit, (s) => [s.created_at, s.id]);
  }

  /**
   * The latest session of the same team and agent (none: a team session) created before this one,
   * for its agreements: the next session starts from what the last one agreed.
   */
  async previous(session: { id: string; team: string; agent: string | null; created_at: string }) {
    let q = this.db
      .selectFrom("coaching_sessions")
      .selectAll()
      .where(nameMatches("team", "team", [session.team]))
      .where("id", "!=", session.id)
      .where((eb) =>
        eb.or([
          eb("created_at", "<", session.created_at),
          eb.and([eb("created_at", "=", session.created_at), eb("id", "<", session.id)]),
        ]),
      );
    q = session.agent
      ? q.where(nameMatches("agent", "agent", [session.agent]))
      : q.where("agent", "is", null);
    const row = await q.orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirst();
    return row ? sessionView(row) : undefined;
  }

  /**
   * Applies a person's changes and one audit entry naming the changed fields (never the notes or
   * agreements themselves), in one transaction. Returns the changed fields; undefined when there
   * is no such session.
   */
  async update(
    id: string,
    patch: CoachingSessionPatch,
    actor: string,
    now: string,
  ): Promise<string[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("coaching_sessions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) return undefined;
      const set: Partial<CoachingSessionTable> = {};
      if (patch.status !== undefined && patch.status !== row.status) set.status = patch.status;
      if (patch.notes !== undefined && patch.notes !== row.notes) set.notes = patch.notes;
      if (patch.agreements !== undefined) {
        const text = JSON.stringify(patch.agreements);
        if (text !== row.agreements) set.agreements = text;
      }
      if (patch.followUpDate !== undefined && patch.followUpDate !== row.follow_up_date) {
        set.follow_up_date = patch.followUpDate;
      }
      const fields = Object.keys(set);
      if (fields.length === 0) return [];
      await trx
        .updateTable("coaching_sessions")
        .set({ ...set, updated_at: now })
        .where("id", "=", id)
        .execute();
      await audit(trx, actor, "coaching.update", id, now, {
        fields,
        ...(set.status ? { status: { from: row.status, to: set.status } } : {}),
      });
      return fields;
    });
  }
}

async function audit(
  trx: Transaction<CoachingDatabase>,
  actor: string,
  action: string,
  id: string,
  now: string,
  details: unknown,
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({ at: now, actor, action, target: `coaching_session:${id}`, details: JSON.stringify(details) })
    .execute();
}

function parseArray(text: string): unknown[] {
  const value = JSON.parse(text) as unknown;
  return Array.isArray(value) ? value : [];
}

function sessionView(r: Selectable<CoachingSessionTable>): CoachingSessionRow {
  return {
    id: r.id,
    team: r.team,
    agent: r.agent,
    from: r.period_from,
    to: r.period_to,
    created_by: r.created_by,
    status: r.status,
    notes: r.notes,
    agreements: parseArray(r.agreements).filter((a): a is string => typeof a === "string"),
    questions: parseArray(r.questions),
    shortfalls: parseArray(r.shortfalls),
    follow_up_date: r.follow_up_date,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function pickView(r: Selectable<CoachingPickTable>): CoachingPickRow {
  const data = JSON.parse(r.reason_data) as unknown;
  return {
    position: r.position,
    encounter_id: r.encounter_id,
    reason_kind: r.reason_kind,
    reason_data:
      data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    turn_index: r.turn_index,
  };
}
