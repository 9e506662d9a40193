import type { z } from "@hono/zod-openapi";
import type {
  EncounterDetailBody,
  EncounterListItemBody,
  ResponseListItemBody,
} from "../../src/server/api-schemas.ts";
import type { ImportPreview, ImportRun, Upload } from "../../src/server/import-schemas.ts";
import type { ConsistencyReportResult } from "../../src/workflows/consistency-report-schema.ts";
import type { DriversReportResult } from "../../src/workflows/drivers-report-schema.ts";
import type { ExLinkReportResult } from "../../src/workflows/exlink-report-schema.ts";
import type { ResponseRateReportResult } from "../../src/workflows/response-rate-report-schema.ts";
import type { ScoreReportResult } from "../../src/workflows/score-report-schema.ts";
import type { ThemesReportResult } from "../../src/workflows/themes-report-schema.ts";

/**
 * The API's answers as the browser receives them: the report registry's zod schemas, read on their
 * JSON side (`z.input`: a figure that cannot be computed is null, not NaN). Types only: nothing of
 * the server is bundled.
 */
export type ScoreResult = z.input<typeof ScoreReportResult>;
export type ResponseRateResult = z.input<typeof ResponseRateReportResult>;
export type ThemesResult = z.input<typeof ThemesReportResult>;
export type DriversResult = z.input<typeof DriversReportResult>;
export type ConsistencyResult = z.input<typeof ConsistencyReportResult>;
/** The import routes (src/server/import-routes.ts). */
export type ImportUpload = z.input<typeof Upload>;
export type ImportPreviewResult = z.input<typeof ImportPreview>;
export type ImportRunResult = z.input<typeof ImportRun>;
export type ExLinkResult = z.input<typeof ExLinkReportResult>;

/** GET /encounters: one page of the list, and the cursor of the next (null: the last page). */
export interface EncounterPage {
  items: EncounterListItemBody[];
  next_cursor: string | null;
}
export type EncounterListItem = EncounterListItemBody;
/** GET /responses: one page of survey answers with their comments' facts, and the cursor of the next. */
export interface ResponsePage {
  items: ResponseListItemBody[];
  next_cursor: string | null;
}
export type ResponseListItem = ResponseListItemBody;
/** GET /encounters/{id}: the turns with their analysis, the arc, the moments and the linked answers. */
export type EncounterDetail = EncounterDetailBody;
export type ToneLabel = "negative" | "neutral" | "positive";

export type Role = "admin" | "analyst" | "manager" | "agent" | "viewer";

export interface Me {
  email: string;
  role: Role;
  teams: string[];
  agent: string | null;
  csrfToken?: string;
}

/** GET /auth/demo-accounts: one-click sign-in while the demo workspace's accounts exist. */
export interface DemoAccounts {
  accounts: { email: string; role: Role }[];
  password: string | null;
}

/** GET /auth/session: who is signed in (null: nobody), and whether single sign-on is configured. */
export interface Session {
  user: Me | null;
  singleSignOn: boolean;
}

/** A group or a whole report below the privacy floor: its key and nothing else. */
export function isSuppressed(x: unknown): x is { suppressed: true } {
  return typeof x === "object" && x !== null && (x as { suppressed?: unknown }).suppressed === true;
}
