export type { AuditEntry, UserRecord } from "./access-repository.ts";
export { parseThemeCodes, REPEAT_CONTACT_DAYS } from "./analysis-facts.ts";
export type { PendingCounts, PendingSubjects } from "./analysis-queue-repository.ts";
export type { AnalysisRecord, AnalysisSubject } from "./analysis-repository.ts";
export type { CubeCell, CubeSource, MonthBuilder } from "./cube-repository.ts";
export type { DialectName } from "./dialects/store-dialect.ts";
export type { EncounterView, EncounterWithTurns, TurnView } from "./encounter-repository.ts";
export {
  NPS_ANSWER_COLUMNS,
  type NpsAnswerRow,
  type PairedScoreCounts,
  type ToneMoments,
} from "./insight-repository.ts";
export type { ListFilter, Page } from "./page-cursor.ts";
export type { ErasureCounts, RetentionCounts } from "./privacy-repository.ts";
export { type BatchCounts, type DeferredAnalysis, openStore, Store, type StoreOptions } from "./store.ts";
export type {
  InvitationView,
  PulseView,
  ResponseView,
  ScoreCounts,
  ScoreGrouping,
} from "./survey-repositories.ts";
export type { UpsertCounts } from "./upsert-batch.ts";
