import type { ColumnType, Generated } from "kysely";
import type { CaseHistoryTable, CaseTable } from "./case-schema.ts";
import type {
  NotificationAttemptTable,
  NotificationDeliveryTable,
  NotificationPreferenceTable,
  OutboxEventTable,
  WebhookTable,
} from "./notification-schema.ts";

/**
 * Table shapes as stored. Timestamps are ISO 8601 UTC strings in both dialects (PostgreSQL's
 * timestamptz is parsed back to ISO text by the postgres dialect), booleans are 0/1 integers,
 * so that every query is written once.
 */
export interface TeamTable {
  id: string;
  name: string;
}

/**
 * One canonical display name per stable key of a team, agent, channel, touchpoint or segment
 * (display-name-resolver.ts). Records store the display name itself, so queries group and show
 * names without a join; this table decides which spelling that is.
 */
export interface DimensionNameTable {
  dimension: string;
  key: string;
  display: string;
}

export interface AgentTable {
  id: string;
  name: string | null;
  team_id: string | null;
  content_hash: string | null;
}

export interface CustomerTable {
  id: string;
  segment: string | null;
  yearly_value_eur: number | null;
  content_hash: string | null;
}

export interface EncounterTable {
  id: string;
  channel: string;
  touchpoint: string | null;
  started_at: string;
  ended_at: string | null;
  team_id: string | null;
  agent_id: string | null;
  customer_id: string | null;
  wait_seconds: number | null;
  transfers: number | null;
  resolved: number | null;
  turn_count: number;
  content_hash: string;
  updated_at: string;
  /** From the latest analysis (see analysis-facts.ts): "billing:-1 waiting:-1", null before analysis. */
  theme_codes: ColumnType<string | null, string | null | undefined, string | null>;
  /** Mean tone of the customer's turns in the latest analysis, −1..1. */
  tone_score: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 when the same customer had another encounter in the 7 days before this one. */
  repeat_contact: ColumnType<number | null, number | null | undefined, number | null>;
  /** Latest analysis (migration 0007): label of the mean customer tone, arc trajectory, stated effort signals. */
  tone_label: ColumnType<string | null, string | null | undefined, string | null>;
  trajectory: ColumnType<string | null, string | null | undefined, string | null>;
  effort_codes: ColumnType<string | null, string | null | undefined, string | null>;
  /** "sv" or "other" when the analysis left the encounter unread for its language (migration 0032). */
  unread_lang: ColumnType<string | null, string | null | undefined, string | null>;
  /** The analyzer that wrote the analysis facts (migration 0033); null before one did, "" once retention removed the text. */
  analyzer_version: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TurnTable {
  encounter_id: string;
  seq: number;
  speaker: string;
  offset_seconds: number | null;
  text: string;
}

export interface SurveyResponseTable {
  id: string;
  kind: string;
  score: number;
  comment: string | null;
  answered_at: string;
  channel: string | null;
  touchpoint: string | null;
  team_id: string | null;
  agent_id: string | null;
  customer_id: string | null;
  encounter_id: string | null;
  content_hash: string;
  updated_at: string;
  /** From the latest analysis of the comment: "billing:-1 waiting:-1", null without one. */
  theme_codes: ColumnType<string | null, string | null | undefined, string | null>;
  tone_score: ColumnType<number | null, number | null | undefined, number | null>;
  /** The comment's tone label and stated effort signals (migration 0007). */
  tone_label: ColumnType<string | null, string | null | undefined, string | null>;
  effort_codes: ColumnType<string | null, string | null | undefined, string | null>;
  /** "sv" or "other" when the analysis left the comment unread for its language (migration 0032). */
  unread_lang: ColumnType<string | null, string | null | undefined, string | null>;
  /** The analyzer that wrote the analysis facts (migration 0033); null before one did, "" once retention removed the text. */
  analyzer_version: ColumnType<string | null, string | null | undefined, string | null>;
  /** Copies of the linked encounter's facts (analysis-facts.ts refreshAnswerEncounterFacts); enc_linked 1 when it exists. */
  enc_theme_codes: ColumnType<string | null, string | null | undefined, string | null>;
  enc_wait_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  enc_transfers: ColumnType<number | null, number | null | undefined, number | null>;
  enc_resolved: ColumnType<number | null, number | null | undefined, number | null>;
  enc_repeat_contact: ColumnType<number | null, number | null | undefined, number | null>;
  enc_linked: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface SurveyInvitationTable {
  id: string;
  sent_at: string;
  channel: string;
  kind: string | null;
  customer_id: string | null;
  encounter_id: string | null;
  content_hash: string;
  updated_at: string;
}

export interface PulseAnswerTable {
  id: string;
  team_id: string;
  period: string;
  score: number;
  comment: string | null;
  content_hash: string;
  updated_at: string;
  /** The analyzer that wrote the analysis facts (migration 0033); null before one did, "" once retention removed the text. */
  analyzer_version: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One analysis of one text-bearing record by one analyzer version; JSON text in `result`. */
export interface AnalysisResultTable {
  subject_kind: string;
  subject_id: string;
  analyzer_version: string;
  result: string;
  created_at: string;
}

export interface ImportRunTable {
  id: Generated<number>;
  kind: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  imported: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  status: string;
  /** Web imports (migration 0028): who may see the run, who started it, the uploaded file and settings. */
  owner: ColumnType<string | null, string | null | undefined, string | null>;
  actor: ColumnType<string | null, string | null | undefined, string | null>;
  file_id: ColumnType<string | null, string | null | undefined, string | null>;
  file_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** The import settings as JSON (server/import-schemas.ts ImportSettings). */
  settings: ColumnType<string | null, string | null | undefined, string | null>;
  bytes_read: ColumnType<number | null, number | null | undefined, number | null>;
  total_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  processed: ColumnType<number | null, number | null | undefined, number | null>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  rejects_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a web import last wrote its progress or keep-alive (migration 0029). */
  progress_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** A failed web import's reason as a stable code, and its parameters as JSON (migration 0030). */
  error_code: ColumnType<string | null, string | null | undefined, string | null>;
  error_params: ColumnType<string | null, string | null | undefined, string | null>;
  /** What a web import changed on the way in, as JSON (RunNotes; migration 0031); null before. */
  notes: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An uploaded file kept for a web import (migration 0028), its bytes in import_file_chunks. */
export interface ImportFileTable {
  id: string;
  owner: string;
  name: string;
  purpose: "upload" | "rejects";
  bytes: number;
  created_at: string;
}

export interface ImportFileChunkTable {
  file_id: string;
  seq: number;
  data: Uint8Array;
}

export interface Database {
  teams: TeamTable;
  agents: AgentTable;
  customers: CustomerTable;
  encounters: EncounterTable;
  turns: TurnTable;
  survey_responses: SurveyResponseTable;
  survey_invitations: SurveyInvitationTable;
  pulse_answers: PulseAnswerTable;
  analysis_results: AnalysisResultTable;
  import_runs: ImportRunTable;
  import_files: ImportFileTable;
  import_file_chunks: ImportFileChunkTable;
  dimension_names: DimensionNameTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_failures: LoginFailureTable;
  oidc_logins: OidcLoginTable;
  audit_log: AuditLogTable;
  cube_dirty: CubeDirtyTable;
  cube_themes: CubeThemeTable;
  cube_meta: { key: string; value: string };
  answer_cells: ReportCellTable & { bucket: number };
  encounter_cells: ReportCellTable;
  /** The same vectors per agent (migration 0025): point figures of an agent's theme and driver reports. */
  answer_agent_cells: ReportCellTable & { agent: string };
  encounter_agent_cells: ReportCellTable & { agent: string };
  score_cells: { month: string; kind: string; team: string; channel: string; score: number; n: number };
  cases: CaseTable;
  case_history: CaseHistoryTable;
  outbox_events: OutboxEventTable;
  webhooks: WebhookTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_attempts: NotificationAttemptTable;
  notification_preferences: NotificationPreferenceTable;
}

/** A month whose answers or encounters changed since its cube cells were computed (migration 0008). */
export interface CubeDirtyTable {
  source: "answers" | "encounters";
  month: string;
}

/** The stable column of a theme in the cube's statistics vectors. */
export interface CubeThemeTable {
  theme: string;
  idx: number;
}

/** One cell of the report cube: team and channel are display names ("" for none), stats a Float64 vector. */
export interface ReportCellTable {
  month: string;
  team: string;
  channel: string;
  /** How many themes the vector's layout has room for (the cube may know more themes since). */
  themes: number;
  stats: Uint8Array;
}

/** A single sign-on in progress: the checks the callback must match, keyed by the hash of a cookie. */
export interface OidcLoginTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
}

/** An account: local (password_hash set) or from single sign-on (source "oidc"). teams is a JSON array. */
export interface UserTable {
  id: string;
  email: string;
  role: string;
  teams: string;
  agent_id: string | null;
  password_hash: string | null;
  source: string;
  /** "issuer|subject" of a single sign-on account. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

/** A browser session; the cookie carries the token, the database only its SHA-256. */
export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Failed logins per key (an e-mail or a client address) since first_at, for throttling. */
export interface LoginFailureTable {
  key: string;
  failures: number;
  first_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON; never message text. */
  details: string | null;
}
