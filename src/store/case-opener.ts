import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import {
  answerCaseRules,
  CASE_RULE_IDS,
  type CaseRuleId,
  type CaseRules,
  caseCutoff,
  caseDueAt,
  encounterCaseRules,
  isBeforeCutoff,
} from "../domain/case-rules.ts";
import { nameKey, type SurveyResponse } from "../domain/index.ts";
import { casePath } from "../domain/notification-events.ts";
import type { CaseTable } from "./case-schema.ts";
import type { BulkWriter, StoreDialect } from "./dialects/store-dialect.ts";
import { writeOutboxEvents } from "./outbox-writer.ts";
import type { Database } from "./schema.ts";
import { responseColumns } from "./survey-repositories.ts";
import { timeOrderedId } from "./time-ordered-id.ts";

/** Records whose facts were just written, by kind: the rules look at each of them once. */
export interface CaseSubjects {
  responses?: readonly string[];
  encounters?: readonly string[];
  /**
   * The answers of `responses` as this transaction just stored them (canonical names, redacted
   * comment), from a writer that has them at hand: the rules then read them instead of reading the
   * rows back (10,000 rows per import batch), unless a rule needs a stored fact the records do not
   * carry (negative_theme: the theme codes the analysis writes).
   */
  storedAnswers?: readonly SurveyResponse[];
}

interface AnswerRow {
  id: string;
  kind: string;
  score: number;
  team_id: string | null;
  customer_id: string | null;
  encounter_id: string | null;
  answered_at: string;
  comment: string | null;
  theme_codes: string | null;
}

/** What the rules did with one write's records. */
export interface CaseOutcome {
  /** Cases opened. */
  opened: number;
  /**
   * Records (of `responses` and `encounters`) older than the maxAgeDays of every enabled rule that
   * looks at their kind: no rule looked at them, so none of them opened a case.
   */
  tooOld: number;
}

const ANSWER_RULES: readonly CaseRuleId[] = ["nps_detractor", "csat_low", "churn_words", "negative_theme"];
const ENCOUNTER_RULES: readonly CaseRuleId[] = [
  "churn_words",
  "negative_encounter",
  "negative_theme",
  "repeat_contact",
];

/**
 * The earliest record time any of these enabled rules still opens a case for (the loosest age
 * limit among them, from each rule's caseCutoff in `cutoffs`): null when one has no limit, undefined
 * when none is enabled.
 */
function loosestCutoff(
  rules: CaseRules,
  cutoffs: ReadonlyMap<CaseRuleId, string | null>,
  ids: readonly CaseRuleId[],
): string | null | undefined {
  let out: string | undefined;
  for (const rule of ids) {
    if (!rules[rule].enabled) continue;
    const cutoff = cutoffs.get(rule) ?? null;
    if (cutoff === null) return null;
    if (out === undefined || cutoff < out) out = cutoff;
  }
  return out;
}

interface Candidate {
  rule: CaseRuleId;
  kind: "response" | "encounter";
  id: string;
  encounterId: string | null;
  customerId: string | null;
  team: string | null;
  at: string;
}

/**
 * Applies the case rules to freshly written or re-analysed records, inside the writer's
 * transaction. A case is keyed by (rule, source kind, source id), and an existing key is left
 * alone (insert … on conflict do nothing), so a re-import or re-analysis of the same record never
 * opens a second case and never reopens a closed one. Returns how many cases were opened.
 */
export async function openCases(
  trx: Transaction<Database> | Kysely<Database>,
  bulk: BulkWriter,
  dialect: StoreDialect,
  rules: CaseRules,
  subjects: CaseSubjects,
  now: string,
): Promise<CaseOutcome> {
  const candidates: Candidate[] = [];
  let tooOld = 0;
  // Each candidate keeps to its own rule's age limit; the loosest limit of a kind's rules is
  // applied first, before its records are read (an import of last year's answers reads nothing).
  const cutoffs = new Map(CASE_RULE_IDS.map((rule) => [rule, caseCutoff(rules, rule, now)]));
  const push = (c: Candidate) => {
    if (!isBeforeCutoff(c.at, cutoffs.get(c.rule) ?? null)) candidates.push(c);
  };
  const answerCutoff = loosestCutoff(rules, cutoffs, ANSWER_RULES);
  const answerIds = answerCutoff === undefined ? [] : unique(subjects.responses ?? []);
  if (answerIds.length > 0) {
    const stored =
      subjects.storedAnswers && !rules.negative_theme.enabled
        ? storedAnswerRows(subjects.storedAnswers, answerIds, answerCutoff ?? null)
        : null;
    let rows: AnswerRow[];
    if (stored) {
      rows = stored.rows;
      tooOld += stored.tooOld;
    } else {
      rows = await readAnswers(trx, bulk, rules, answerIds, answerCutoff ?? null);
      // The ids were just written or analysed in this transaction: the ones not read are the old ones.
      tooOld += answerIds.length - rows.length;
    }
    for (const r of rows) {
      for (const rule of answerCaseRules(rules, r)) {
        push({
          rule,
          kind: "response",
          id: r.id,
          encounterId: r.encounter_id,
          customerId: r.customer_id,
          team: r.team_id,
          at: r.answered_at,
        });
      }
    }
  }
  const encounterCutoff = loosestCutoff(rules, cutoffs, ENCOUNTER_RULES);
  const encounterIds = encounterCutoff === undefined ? [] : unique(subjects.encounters ?? []);
  if (encounterIds.length > 0) {
    let query = trx
      .selectFrom("encounters")
      .select([
        "id",
        "team_id",
        "customer_id",
        "started_at",
        "ended_at",
        "tone_label",
        "trajectory",
        "theme_codes",
      ])
      .where(bulk.oneOf("id", encounterIds));
    // An encounter's time is its end, or its start while it has none (the due date counts from it).
    if (encounterCutoff) {
      query = query.where((eb) =>
        eb.or([
          eb("ended_at", ">=", encounterCutoff),
          eb.and([eb("ended_at", "is", null), eb("started_at", ">=", encounterCutoff)]),
        ]),
      );
    }
    const rows = await query.execute();
    tooOld += encounterIds.length - rows.length;
    const ids = rows.map((e) => e.id);
    const texts = new Map<string, string[]>();
    if (rules.churn_words.enabled && ids.length > 0) {
      const turns = await trx
        .selectFrom("turns")
        .select(["encounter_id", "text"])
        .where(bulk.oneOf("encounter_id", ids))
        .where("speaker", "=", "customer")
        .execute();
      for (const t of turns) texts.set(t.encounter_id, [...(texts.get(t.encounter_id) ?? []), t.text]);
    }
    const repeats =
      rules.repeat_contact.enabled && ids.length > 0
        ? await repeatContacts(trx, bulk, dialect, ids, rules.repeat_contact.days)
        : new Set<string>();
    for (const e of rows) {
      const hits = encounterCaseRules(rules, {
        toneLabel: e.tone_label,
        trajectory: e.trajectory,
        customerTexts: texts.get(e.id) ?? [],
        themeCodes: e.theme_codes,
        repeatContact: repeats.has(e.id),
      });
      for (const rule of hits) {
        push({
          rule,
          kind: "encounter",
          id: e.id,
          encounterId: e.id,
          customerId: e.customer_id,
          team: e.team_id,
          at: e.ended_at ?? e.started_at,
        });
      }
    }
  }
  const unopened = await withoutStoredCases(trx, bulk, candidates);
  if (unopened.length === 0) return { opened: 0, tooOld };
  const managers = await teamManagers(trx);
  const rows: Insertable<CaseTable>[] = unopened.map((c) => ({
    // Time-ordered: the batch's cases (and the history rows that refer to them) go to the end of their indexes.
    id: timeOrderedId(),
    rule_id: c.rule,
    source_kind: c.kind,
    source_id: c.id,
    encounter_id: c.encounterId,
    customer_id: c.customerId,
    team: c.team,
    owner_id: c.team === null ? null : (managers.get(nameKey(c.team)) ?? null),
    status: "new",
    due_at: caseDueAt(rules, c.rule, c.at),
    outcome: null,
    root_cause_theme: null,
    contacted_at: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
  }));
  // Through the transaction's bulk writer: an import batch of answers can open thousands of cases.
  const inserted = new Set(await bulk.insert("cases", rows, true));
  const opened = rows.filter((c) => inserted.has(c.id as string));
  if (opened.length === 0) return { opened: 0, tooOld };
  await bulk.insert(
    "case_history",
    opened.map((c) => ({
      case_id: c.id,
      at: now,
      actor: `rule:${c.rule_id}`,
      field: "status",
      from_value: null,
      to_value: "new",
    })),
  );
  // In this transaction: a case exists exactly when its case.opened event does.
  await writeOutboxEvents(
    trx,
    opened.map((c) => ({
      type: "case.opened" as const,
      payload: {
        case_id: c.id as string,
        rule: c.rule_id as CaseRuleId,
        source: { kind: c.source_kind as "response" | "encounter", id: c.source_id as string },
        team: c.team ?? null,
        owner_id: c.owner_id ?? null,
        status: "new" as const,
        due_at: c.due_at ?? null,
        path: casePath(c.id as string),
      },
    })),
    now,
    bulk,
  );
  return { opened: opened.length, tooOld };
}

function unique(ids: readonly string[]): readonly string[] {
  const set = new Set(ids);
  return set.size === ids.length ? ids : [...set];
}

/**
 * The answer columns the rules read, as stored, for the answers among `ids` (the last one of a
 * repeated id) answered at `cutoff` or later, and how many were older; null when an id is not
 * among them (then they are read back).
 */
function storedAnswerRows(
  answers: readonly SurveyResponse[],
  ids: readonly string[],
  cutoff: string | null,
): { rows: AnswerRow[]; tooOld: number } | null {
  let list: Iterable<SurveyResponse>;
  // Usually every answer of the batch was written, in order (ids are unique): nothing to look up.
  if (answers.length === ids.length && answers.every((r, i) => r.id === ids[i])) list = answers;
  else {
    const wanted = new Set(ids);
    const byId = new Map<string, SurveyResponse>();
    for (const r of answers) if (wanted.has(r.id)) byId.set(r.id, r);
    if (byId.size !== wanted.size) return null;
    list = byId.values();
  }
  const rows: AnswerRow[] = [];
  let tooOld = 0;
  for (const r of list) {
    if (isBeforeCutoff(r.answeredAt, cutoff)) tooOld++;
    // As ResponseRepository stores them.
    else rows.push({ ...responseColumns(r), theme_codes: null });
  }
  return { rows, tooOld };
}

/** The answers read back; the comment and theme codes only for the rules that read them. */
async function readAnswers(
  trx: Transaction<Database> | Kysely<Database>,
  bulk: BulkWriter,
  rules: CaseRules,
  ids: readonly string[],
  cutoff: string | null,
): Promise<AnswerRow[]> {
  // A batch of 10,000 answers would otherwise bring every comment back to be ignored.
  let query = trx
    .selectFrom("survey_responses")
    .select((eb) => [
      "id",
      "kind",
      "score",
      "team_id",
      "customer_id",
      "encounter_id",
      "answered_at",
      rules.churn_words.enabled ? eb.ref("comment").as("comment") : sql<string | null>`null`.as("comment"),
      rules.negative_theme.enabled
        ? eb.ref("theme_codes").as("theme_codes")
        : sql<string | null>`null`.as("theme_codes"),
    ])
    .where(bulk.oneOf("id", ids));
  if (cutoff) query = query.where("answered_at", ">=", cutoff);
  return query.execute();
}

/**
 * The candidates whose case is not stored yet (a re-analysed or updated record usually has its
 * cases already). Leaving those out before the insert keeps it a plain bulk write (a direct COPY on
 * PostgreSQL, which would otherwise fall back to its staged merge); the insert's on-conflict rule
 * still guards against a case another writer opened meanwhile. One indexed lookup per rule and kind.
 */
async function withoutStoredCases(
  db: Transaction<Database> | Kysely<Database>,
  bulk: BulkWriter,
  candidates: readonly Candidate[],
): Promise<Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.rule}\u0000${c.kind}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const out: Candidate[] = [];
  for (const group of groups.values()) {
    const { rule, kind } = group[0] as Candidate;
    const stored = await db
      .selectFrom("cases")
      .select("source_id")
      .where("rule_id", "=", rule)
      .where("source_kind", "=", kind)
      .where(
        bulk.oneOf(
          "source_id",
          group.map((c) => c.id),
        ),
      )
      .execute();
    const opened = new Set(stored.map((r) => r.source_id));
    for (const c of group) if (!opened.has(c.id)) out.push(c);
  }
  return out;
}

/** Which of these encounters follow another of the same customer that started within `days` before. */
async function repeatContacts(
  db: Transaction<Database> | Kysely<Database>,
  bulk: BulkWriter,
  dialect: StoreDialect,
  ids: readonly string[],
  days: number,
): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`select e.id from encounters e
    where ${bulk.oneOf("e.id", ids)} and e.customer_id is not null and exists (
      select 1 from encounters p
      where p.customer_id = e.customer_id and p.id <> e.id
        and p.started_at < e.started_at
        and p.started_at >= ${dialect.shiftDays("e.started_at", -days)})`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/**
 * Each team's default owner: the manager who leads it (users.teams), the earliest account first
 * when several do. Teams compare by key, like every other name.
 */
async function teamManagers(db: Transaction<Database> | Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "teams"])
    .where("role", "=", "manager")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const out = new Map<string, string>();
  for (const row of rows) {
    for (const team of JSON.parse(row.teams) as string[]) {
      if (!out.has(nameKey(team))) out.set(nameKey(team), row.id);
    }
  }
  return out;
}
