import type { Database } from "./schema.ts";

/** A coaching session (migration 0012). Timestamps are ISO text; JSON columns are arrays as text. */
export interface CoachingSessionTable {
  id: string;
  /** The team's display name, as on the records. */
  team: string;
  /** The agent's display name when the session is about one agent. */
  agent: string | null;
  period_from: string;
  period_to: string;
  /** The creator's e-mail. */
  created_by: string;
  status: string;
  notes: string | null;
  /** JSON array of strings. */
  agreements: string;
  /** JSON array of suggested questions. */
  questions: string;
  /** JSON array of the pick kinds that found nothing, and why. */
  shortfalls: string;
  /** YYYY-MM-DD. */
  follow_up_date: string | null;
  created_at: string;
  updated_at: string;
}

/** One encounter picked for a session: why (a kind and its figures) and the turn that matters. */
export interface CoachingPickTable {
  session_id: string;
  position: number;
  encounter_id: string;
  reason_kind: string;
  /** JSON object of numbers and codes, never message text. */
  reason_data: string;
  turn_index: number | null;
}

/**
 * The database as the coaching repository sees it. The coaching tables are declared here rather
 * than in schema.ts so that this feature's store code reads as one unit; the rest of the store
 * never queries them.
 */
export interface CoachingDatabase extends Database {
  coaching_sessions: CoachingSessionTable;
  coaching_picks: CoachingPickTable;
}
