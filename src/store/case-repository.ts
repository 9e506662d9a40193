import type { Kysely, Selectable, Transaction } from "kysely";
import {
  CASE_TRANSITIONS,
  type CaseRuleId,
  type CaseStatus,
  canMoveCase,
  OPEN_CASE_STATUSES,
} from "../domain/case-rules.ts";
import { KohtaamoError } from "../domain/index.ts";
import { casePath } from "../domain/notification-events.ts";
import type { CaseTable } from "./case-schema.ts";
import { nameMatches } from "./name-filter.ts";
import { writeOutboxEvents } from "./outbox-writer.ts";
import { decodeCursor, type Page, pageLimit, toPage } from "./page-cursor.ts";
import type { Database } from "./schema.ts";

export interface CaseView {
  id: string;
  rule: string;
  status: string;
  source: { kind: string; id: string };
  encounter_id: string | null;
  customer_id: string | null;
  team: string | null;
  /** The owner's e-mail; null when nobody owns the case. */
  owner: string | null;
  due_at: string;
  /** Not contacted yet and past its due date. */
  overdue: boolean;
  outcome: string | null;
  root_cause_theme: string | null;
  contacted_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseChange {
  at: string;
  actor: string;
  field: string;
  from: string | null;
  to: string | null;
}

export interface CaseFilter {
  /** A status, or "open": new or contacted (OPEN_CASE_STATUSES). */
  status?: CaseStatus | "open";
  team?: string;
  /** A manager's scope: only these teams (empty: nothing). */
  teamIn?: readonly string[];
  /** Owner's e-mail. */
  owner?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/** Fields a person may change; undefined leaves a field as it is, null clears it. */
export interface CasePatch {
  status?: CaseStatus;
  owner?: string | null;
  outcome?: string | null;
  rootCauseTheme?: string | null;
}

type CaseRow = Selectable<CaseTable> & { owner_email: string | null };

function bad(field: string, reason: string): KohtaamoError {
  return new KohtaamoError("bad_request", `invalid request: ${field}: ${reason}`, {
    problems: [{ field, reason }],
  });
}

/** Follow-up cases opened by the rules (store/case-opener.ts), read and changed by people. */
export class CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select(db: Kysely<Database> = this.db) {
    return db
      .selectFrom("cases")
      .leftJoin("users", "users.id", "cases.owner_id")
      .selectAll("cases")
      .select("users.email as owner_email");
  }

  /** Oldest due date first (the queue's order), paged by (due_at, id). `now` decides what is overdue. */
  async list(filter: CaseFilter, now: string): Promise<Page<CaseView>> {
    const limit = pageLimit(filter.limit);
    let q = this.select()
      .orderBy("cases.due_at")
      .orderBy("cases.id")
      .limit(limit + 1);
    if (filter.status === "open") q = q.where("cases.status", "in", OPEN_CASE_STATUSES);
    else if (filter.status) q = q.where("cases.status", "=", filter.status);
    if (filter.team) q = q.where(nameMatches("cases.team", "team", [filter.team]));
    if (filter.teamIn) q = q.where(nameMatches("cases.team", "team", filter.teamIn));
    if (filter.owner) q = q.where("users.email", "=", filter.owner);
    if (filter.overdue !== undefined) {
      q = filter.overdue
        ? q.where("cases.status", "=", "new").where("cases.due_at", "<", now)
        : q.where((eb) => eb.or([eb("cases.status", "!=", "new"), eb("cases.due_at", ">=", now)]));
    }
    if (filter.cursor) {
      const [due, id] = decodeCursor(filter.cursor);
      q = q.where((eb) =>
        eb.or([
          eb("cases.due_at", ">", due),
          eb.and([eb("cases.due_at", "=", due), eb("cases.id", ">", id)]),
        ]),
      );
    }
    const rows = await q.execute();
    return toPage(
      rows.map((r) => view(r, now)),
      limit,
      (c) => [c.due_at, c.id],
    );
  }

  async get(id: string, now: string): Promise<CaseView | undefined> {
    const row = await this.select().where("cases.id", "=", id).executeTakeFirst();
    return row ? view(row, now) : undefined;
  }

  async history(id: string): Promise<CaseChange[]> {
    const rows = await this.db
      .selectFrom("case_history")
      .selectAll()
      .where("case_id", "=", id)
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
    }));
  }

  /**
   * Applies a person's changes in one transaction: the case, one history row per changed field,
   * and one audit entry naming the fields (never the outcome text). Refuses a status the case
   * cannot move to, resolving without an outcome, and an owner who has no account (400 naming
   * the field). Returns the changed fields; none when the patch changes nothing.
   */
  async update(id: string, patch: CasePatch, actor: string, now: string): Promise<string[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.select(trx).where("cases.id", "=", id).executeTakeFirst();
      if (!row) return undefined;
      const changes: { field: string; column: keyof CaseTable; from: string | null; to: string | null }[] =
        [];
      const set: Partial<CaseTable> = {};
      const from = row.status as CaseStatus;
      if (patch.status !== undefined && patch.status !== from) {
        if (!canMoveCase(from, patch.status)) {
          const next = CASE_TRANSITIONS[from];
          throw bad(
            "status",
            `a ${from} case cannot become ${patch.status}` +
              (next.length > 0 ? ` (it can become ${next.join(" or ")})` : " (it is closed)"),
          );
        }
        changes.push({ field: "status", column: "status", from, to: patch.status });
        if (patch.status === "contacted") set.contacted_at = now;
        if (patch.status === "resolved" || patch.status === "no_action_needed") set.closed_at = now;
      }
      const outcome = patch.outcome === undefined ? row.outcome : patch.outcome;
      if (patch.status === "resolved" && patch.status !== from && !outcome?.trim()) {
        throw bad("outcome", "a case is resolved with an outcome: say what was done");
      }
      if (patch.outcome !== undefined && patch.outcome !== row.outcome) {
        changes.push({ field: "outcome", column: "outcome", from: row.outcome, to: patch.outcome });
      }
      if (patch.rootCauseTheme !== undefined && patch.rootCauseTheme !== row.root_cause_theme) {
        changes.push({
          field: "root_cause_theme",
          column: "root_cause_theme",
          from: row.root_cause_theme,
          to: patch.rootCauseTheme,
        });
      }
      if (patch.owner !== undefined && patch.owner !== row.owner_email) {
        let ownerId: string | null = null;
        if (patch.owner !== null) {
          const user = await trx
            .selectFrom("users")
            .select("id")
            .where("email", "=", patch.owner)
            .executeTakeFirst();
          if (!user) throw bad("owner", `no account has the e-mail ${patch.owner}`);
          ownerId = user.id;
        }
        set.owner_id = ownerId;
        changes.push({ field: "owner", column: "owner_id", from: row.owner_email, to: patch.owner });
      }
      if (changes.length === 0) return [];
      for (const c of changes) if (c.column !== "owner_id") (set as Record<string, unknown>)[c.column] = c.to;
      const updated = await trx
        .updateTable("cases")
        .set({ ...set, updated_at: now })
        .where("id", "=", id)
        .where("status", "=", row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        throw new KohtaamoError("conflict", `case ${id} was changed meanwhile; read it again`);
      }
      await trx
        .insertInto("case_history")
        .values(
          changes.map((c) => ({
            case_id: id,
            at: now,
            actor,
            field: c.field,
            from_value: c.from,
            to_value: c.to,
          })),
        )
        .execute();
      const status = changes.find((c) => c.field === "status");
      await trx
        .insertInto("audit_log")
        .values({
          at: now,
          actor,
          action: "case.update",
          target: `case:${id}`,
          details: JSON.stringify({
            fields: changes.map((c) => c.field),
            ...(status ? { status: { from: status.from, to: status.to } } : {}),
          }),
        })
        .execute();
      if (status || set.owner_id !== undefined) await caseUpdatedEvent(trx, row, set, changes, actor, now);
      return changes.map((c) => c.field);
    });
  }
  /**
   * Gives the open cases of these teams that nobody owns to a new manager, with a history row each
   * (actor: whoever created the account). Cases are opened with the team's manager as owner, so
   * the unowned ones are those opened before any manager led the team — the demo's, whose accounts
   * come after its data. Owned and closed cases are left alone. Returns how many were given.
   */
  async assignUnowned(
    owner: { id: string; email: string; teams: readonly string[] },
    actor: string,
    now: string,
  ): Promise<number> {
    if (owner.teams.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom("cases")
        .select("id")
        .where("owner_id", "is", null)
        .where("status", "in", [...OPEN_CASE_STATUSES])
        .where(nameMatches("cases.team", "team", owner.teams))
        .orderBy("id")
        .execute();
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await trx
          .updateTable("cases")
          .set({ owner_id: owner.id, updated_at: now })
          .where("id", "in", chunk)
          .where("owner_id", "is", null)
          .execute();
        await trx
          .insertInto("case_history")
          .values(
            chunk.map((id) => ({
              case_id: id,
              at: now,
              actor,
              field: "owner",
              from_value: null,
              to_value: owner.email,
            })),
          )
          .execute();
      }
      return ids.length;
    });
  }
}

/**
 * A status or owner change goes out as case.updated (notifications), written in the change's own
 * transaction. The payload names the changed fields, never the outcome text, and the actor by id.
 */
async function caseUpdatedEvent(
  trx: Transaction<Database>,
  row: CaseRow,
  set: Partial<CaseTable>,
  changes: readonly { field: string }[],
  actor: string,
  now: string,
): Promise<void> {
  const user = await trx.selectFrom("users").select("id").where("email", "=", actor).executeTakeFirst();
  await writeOutboxEvents(
    trx,
    [
      {
        type: "case.updated",
        payload: {
          case_id: row.id,
          rule: row.rule_id as CaseRuleId,
          source: { kind: row.source_kind as "response" | "encounter", id: row.source_id },
          team: row.team,
          owner_id: set.owner_id !== undefined ? set.owner_id : row.owner_id,
          status: (set.status ?? row.status) as CaseStatus,
          due_at: row.due_at,
          path: casePath(row.id),
          changed: changes.map((c) => c.field),
          previous_status: row.status as CaseStatus,
          actor: user ? `user:${user.id}` : "system",
        },
      },
    ],
    now,
  );
}

function view(r: CaseRow, now: string): CaseView {
  return {
    id: r.id,
    rule: r.rule_id,
    status: r.status,
    source: { kind: r.source_kind, id: r.source_id },
    encounter_id: r.encounter_id,
    customer_id: r.customer_id,
    team: r.team,
    owner: r.owner_email,
    due_at: r.due_at,
    overdue: r.status === "new" && r.due_at < now,
    outcome: r.outcome,
    root_cause_theme: r.root_cause_theme,
    contacted_at: r.contacted_at,
    closed_at: r.closed_at,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
