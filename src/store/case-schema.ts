import type { Generated } from "kysely";

/** A follow-up case opened by a rule (migration 0010). Timestamps are ISO text, as elsewhere. */
export interface CaseTable {
  id: string;
  rule_id: string;
  /** "response" or "encounter": the record the rule fired on. */
  source_kind: string;
  source_id: string;
  /** The answer's encounter, or the encounter itself. */
  encounter_id: string | null;
  customer_id: string | null;
  /** The team's display name, as on the record. */
  team: string | null;
  /** users.id; null when the team has no manager. */
  owner_id: string | null;
  status: string;
  due_at: string;
  outcome: string | null;
  root_cause_theme: string | null;
  contacted_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One change of a case: who, when, which field, from what to what (null: none). */
export interface CaseHistoryTable {
  id: Generated<number>;
  case_id: string;
  at: string;
  actor: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}
