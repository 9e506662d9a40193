import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";
import { initialSchema } from "./0001-initial.ts";
import { analysisFactsSchema } from "./0002-analysis-facts.ts";
import { answerEncounterFactsSchema } from "./0003-answer-encounter-facts.ts";
import { accessControlSchema } from "./0004-access-control.ts";
import { displayNamesSchema } from "./0005-display-names.ts";
import { auditAppendOnlySchema } from "./0006-audit-append-only.ts";
import { recordFilterFactsSchema } from "./0007-record-filter-facts.ts";
import { reportCubeSchema } from "./0008-report-cube.ts";
import { workspaceTaxonomySchema } from "./0009-workspace-taxonomy.ts";
import { casesSchema } from "./0010-cases.ts";
import { notificationsSchema } from "./0011-notifications.ts";
import { coachingSchema } from "./0012-coaching.ts";
import { qaSchema } from "./0013-qa.ts";
import { initiativesSchema } from "./0014-initiatives.ts";
import { jobsSchema } from "./0015-jobs.ts";
import { analysisQueueSchema } from "./0016-analysis-queue.ts";
import { integrationsSchema } from "./0017-integrations.ts";
import { integrationCursorsSchema } from "./0018-integration-cursors.ts";
import { themeAlertsSchema } from "./0019-theme-alerts.ts";
import { cubeMarksPerStatementSchema } from "./0020-cube-marks-per-statement.ts";
import { reportAggregatesSchema } from "./0021-report-aggregates.ts";
import { codeMatchStatisticsSchema } from "./0022-code-match-statistics.ts";
import { integrationOutcomesSchema } from "./0023-integration-outcomes.ts";
import { scoreCellDeltasSchema } from "./0024-score-cell-deltas.ts";
import { agentCellsSchema } from "./0025-agent-cells.ts";
import { themedRecordIndexesSchema } from "./0026-themed-record-indexes.ts";
import { deliveryIgnoreCodesSchema } from "./0027-delivery-ignore-codes.ts";
import { importFilesSchema } from "./0028-import-files.ts";
import { importRunHeartbeatSchema } from "./0029-import-run-heartbeat.ts";
import { importRunErrorCodesSchema } from "./0030-import-run-error-codes.ts";
import { importRunNotesSchema } from "./0031-import-run-notes.ts";
import { unreadLanguageSchema } from "./0032-unread-language.ts";
import { analyzerVersionFactsSchema } from "./0033-analyzer-version-facts.ts";

/**
 * The ordered list of migrations. Append only: a migration that has landed is never edited,
 * because databases in the field already ran it.
 */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "0001-initial": initialSchema(dialect),
    "0002-analysis-facts": analysisFactsSchema(dialect),
    "0003-answer-encounter-facts": answerEncounterFactsSchema(dialect),
    "0004-access-control": accessControlSchema(dialect),
    "0005-display-names": displayNamesSchema(),
    "0006-audit-append-only": auditAppendOnlySchema(dialect),
    "0007-record-filter-facts": recordFilterFactsSchema(),
    "0008-report-cube": reportCubeSchema(dialect),
    "0009-workspace-taxonomy": workspaceTaxonomySchema(dialect),
    "0010-cases": casesSchema(dialect),
    "0011-notifications": notificationsSchema(dialect),
    "0012-coaching": coachingSchema(dialect),
    "0013-qa": qaSchema(dialect),
    "0014-initiatives": initiativesSchema(dialect),
    "0015-jobs": jobsSchema(dialect),
    "0016-analysis-queue": analysisQueueSchema(dialect),
    "0017-integrations": integrationsSchema(dialect),
    "0018-integration-cursors": integrationCursorsSchema(dialect),
    "0019-theme-alerts": themeAlertsSchema(dialect),
    "0020-cube-marks-per-statement": cubeMarksPerStatementSchema(dialect),
    "0021-report-aggregates": reportAggregatesSchema(dialect),
    "0022-code-match-statistics": codeMatchStatisticsSchema(dialect),
    "0023-integration-outcomes": integrationOutcomesSchema(),
    "0024-score-cell-deltas": scoreCellDeltasSchema(dialect),
    "0025-agent-cells": agentCellsSchema(dialect),
    "0026-themed-record-indexes": themedRecordIndexesSchema(),
    "0027-delivery-ignore-codes": deliveryIgnoreCodesSchema(),
    "0028-import-files": importFilesSchema(dialect),
    "0029-import-run-heartbeat": importRunHeartbeatSchema(dialect),
    "0030-import-run-error-codes": importRunErrorCodesSchema(),
    "0031-import-run-notes": importRunNotesSchema(),
    "0032-unread-language": unreadLanguageSchema(),
    "0033-analyzer-version-facts": analyzerVersionFactsSchema(),
  };
  return { getMigrations: async () => migrations };
}
