import { ACCESS } from "../auth/access-rules.ts";
import type { Role } from "../auth/roles.ts";
import { REPORT_NAMES } from "../workflows/report-registry.ts";

/** Who may call a route: everyone (only login, health, the API description and the web app) or these roles. */
// "signature": no session or token; the handler verifies the request's signature (inbound hooks).
export type RouteAccess = "public" | "signature" | readonly Role[];

export interface RouteRule {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path as registered, with `{param}` placeholders. */
  path: string;
  access: RouteAccess;
}

const RECORD_KINDS = ["encounters", "responses", "invitations", "pulse", "customers", "agents"] as const;

/**
 * Every API route and who may call it. The auth middleware refuses a route that is not listed
 * here, and test/integration/route-access.test.ts walks the app's real route table × every role,
 * so a new route without a rule fails the build. Record-level checks (whose encounter is it?)
 * come on top, in the handlers, through the predicates in src/auth/access-rules.ts.
 */
export const ROUTE_RULES: readonly RouteRule[] = [
  { method: "POST", path: "/api/v1/auth/login", access: "public" },
  { method: "POST", path: "/api/v1/auth/logout", access: ACCESS.signedIn },
  { method: "GET", path: "/api/v1/auth/me", access: ACCESS.signedIn },
  { method: "GET", path: "/api/v1/auth/demo-accounts", access: "public" },
  { method: "GET", path: "/api/v1/auth/session", access: "public" },
  { method: "GET", path: "/api/v1/auth/oidc/login", access: "public" },
  { method: "GET", path: "/api/v1/auth/oidc/callback", access: "public" },

  { method: "GET", path: "/api/v1/encounters", access: ACCESS.readCustomerText },
  { method: "GET", path: "/api/v1/encounters/{id}", access: ACCESS.readCustomerText },
  { method: "GET", path: "/api/v1/responses", access: ACCESS.readCustomerText },
  { method: "GET", path: "/api/v1/responses/{id}", access: ACCESS.readCustomerText },
  // Exports of what the caller's list shows (scoped per role in the handler), audited.
  { method: "GET", path: "/api/v1/encounters/export", access: ACCESS.readCustomerText },
  { method: "GET", path: "/api/v1/responses/export", access: ACCESS.readCustomerText },
  { method: "GET", path: "/api/v1/invitations", access: ACCESS.readOrganisationData },
  { method: "GET", path: "/api/v1/invitations/{id}", access: ACCESS.readOrganisationData },
  { method: "GET", path: "/api/v1/pulse", access: ACCESS.readOrganisationData },
  { method: "GET", path: "/api/v1/pulse/{id}", access: ACCESS.readOrganisationData },
  ...RECORD_KINDS.map((kind) => ({
    method: "POST" as const,
    path: `/api/v1/${kind}`,
    access: ACCESS.writeRecords,
  })),

  // One rule per report of the registry; small groups are then suppressed per role (seesSmallGroups).
  ...REPORT_NAMES.map((name) => ({
    method: "GET" as const,
    path: `/api/v1/reports/${name}`,
    access: ACCESS.readAggregates,
  })),
  // Their tables as CSV or XLSX: the same roles and the same suppression as the report itself.
  ...REPORT_NAMES.map((name) => ({
    method: "GET" as const,
    path: `/api/v1/reports/${name}/export`,
    access: ACCESS.readAggregates,
  })),

  // Import from the web app (src/server/import-routes.ts): whoever may write records.
  { method: "POST", path: "/api/v1/imports/uploads", access: ACCESS.writeRecords },
  { method: "POST", path: "/api/v1/imports/uploads/{id}/preview", access: ACCESS.writeRecords },
  { method: "POST", path: "/api/v1/imports/uploads/{id}/runs", access: ACCESS.writeRecords },
  { method: "GET", path: "/api/v1/imports/runs/{id}", access: ACCESS.writeRecords },
  { method: "GET", path: "/api/v1/imports/runs/{id}/rejects", access: ACCESS.writeRecords },

  { method: "GET", path: "/api/v1/audit", access: ACCESS.readAudit },
  { method: "POST", path: "/api/v1/customers/{id}/erase", access: ACCESS.erase },
  // Accounts and API tokens (user-admin-routes.ts): anyone lists and revokes their own tokens.
  { method: "GET", path: "/api/v1/users", access: ACCESS.manageUsers },
  { method: "POST", path: "/api/v1/users", access: ACCESS.manageUsers },
  { method: "PATCH", path: "/api/v1/users/{email}", access: ACCESS.manageUsers },
  { method: "DELETE", path: "/api/v1/users/{email}", access: ACCESS.manageUsers },
  { method: "GET", path: "/api/v1/tokens", access: ACCESS.signedIn },
  { method: "POST", path: "/api/v1/tokens", access: ACCESS.manageUsers },
  { method: "DELETE", path: "/api/v1/tokens/{id}", access: ACCESS.signedIn },
  { method: "GET", path: "/api/v1/taxonomy", access: ACCESS.editTaxonomy },
  { method: "PUT", path: "/api/v1/taxonomy", access: ACCESS.editTaxonomy },
  { method: "GET", path: "/api/v1/reanalysis", access: ACCESS.editTaxonomy },
  // Records awaiting analysis (analysis-status-routes.ts): the overview's notice, for whoever reads reports.
  { method: "GET", path: "/api/v1/analysis/status", access: ACCESS.readAggregates },
  // Follow-up cases (case-routes.ts): a manager sees and changes only their teams' cases.
  { method: "GET", path: "/api/v1/cases", access: ACCESS.handleCases },
  { method: "GET", path: "/api/v1/cases/export", access: ACCESS.handleCases },
  { method: "GET", path: "/api/v1/cases/kpis", access: ACCESS.handleCases },
  { method: "GET", path: "/api/v1/cases/{id}", access: ACCESS.handleCases },
  { method: "PATCH", path: "/api/v1/cases/{id}", access: ACCESS.handleCases },
  // Coaching sessions (coaching-routes.ts): managers run their teams', agents read those about them.
  { method: "POST", path: "/api/v1/coaching-sessions", access: ACCESS.runCoaching },
  { method: "GET", path: "/api/v1/coaching-sessions", access: ACCESS.readCoaching },
  { method: "GET", path: "/api/v1/coaching-sessions/{id}", access: ACCESS.readCoaching },
  { method: "PATCH", path: "/api/v1/coaching-sessions/{id}", access: ACCESS.runCoaching },
  { method: "POST", path: "/api/v1/reanalysis", access: ACCESS.editTaxonomy },
  // Development initiatives (initiative-routes.ts): admins and analysts plan, viewers (management) read.
  { method: "GET", path: "/api/v1/initiatives", access: ACCESS.readInitiatives },
  { method: "POST", path: "/api/v1/initiatives", access: ACCESS.planInitiatives },
  { method: "GET", path: "/api/v1/initiatives/portfolio", access: ACCESS.readInitiatives },
  { method: "GET", path: "/api/v1/initiatives/settings", access: ACCESS.readInitiatives },
  { method: "PUT", path: "/api/v1/initiatives/settings", access: ACCESS.planInitiatives },
  { method: "GET", path: "/api/v1/initiatives/export", access: ACCESS.readInitiatives },
  { method: "GET", path: "/api/v1/initiatives/business-case", access: ACCESS.readInitiatives },
  { method: "GET", path: "/api/v1/initiatives/{id}", access: ACCESS.readInitiatives },
  { method: "PATCH", path: "/api/v1/initiatives/{id}", access: ACCESS.planInitiatives },
  { method: "DELETE", path: "/api/v1/initiatives/{id}", access: ACCESS.planInitiatives },
  { method: "GET", path: "/api/v1/initiatives/{id}/effect", access: ACCESS.readInitiatives },
  // QA (qa-routes.ts, qa-report-routes.ts, qa-calibration-routes.ts): admins and analysts edit scorecards;
  // reviewers score encounters they may read; agents read their own reviews and trend.
  { method: "POST", path: "/api/v1/qa/scorecards", access: ACCESS.editScorecards },
  { method: "GET", path: "/api/v1/qa/scorecards", access: ACCESS.readQuality },
  { method: "GET", path: "/api/v1/qa/scorecards/{id}", access: ACCESS.readQuality },
  { method: "PATCH", path: "/api/v1/qa/scorecards/{id}", access: ACCESS.editScorecards },
  { method: "DELETE", path: "/api/v1/qa/scorecards/{id}", access: ACCESS.editScorecards },
  { method: "GET", path: "/api/v1/qa/encounters/{id}/prefill", access: ACCESS.reviewQuality },
  { method: "POST", path: "/api/v1/qa/reviews", access: ACCESS.reviewQuality },
  { method: "GET", path: "/api/v1/qa/reviews", access: ACCESS.readQuality },
  { method: "GET", path: "/api/v1/qa/reviews/{id}", access: ACCESS.readQuality },
  { method: "GET", path: "/api/v1/qa/overrides", access: ACCESS.reviewQuality },
  { method: "GET", path: "/api/v1/qa/agents/{agent}/trend", access: ACCESS.readQuality },
  { method: "POST", path: "/api/v1/qa/calibration", access: ACCESS.reviewQuality },
  { method: "GET", path: "/api/v1/qa/calibration", access: ACCESS.reviewQuality },
  { method: "GET", path: "/api/v1/qa/calibration/{id}", access: ACCESS.reviewQuality },
  { method: "POST", path: "/api/v1/qa/calibration/{id}/close", access: ACCESS.reviewQuality },
  // Notifications (webhook-routes.ts, notification-routes.ts): admins manage webhooks and read the logs.
  { method: "GET", path: "/api/v1/webhooks", access: ACCESS.manageWebhooks },
  { method: "POST", path: "/api/v1/webhooks", access: ACCESS.manageWebhooks },
  { method: "GET", path: "/api/v1/webhooks/{id}", access: ACCESS.manageWebhooks },
  { method: "PATCH", path: "/api/v1/webhooks/{id}", access: ACCESS.manageWebhooks },
  { method: "DELETE", path: "/api/v1/webhooks/{id}", access: ACCESS.manageWebhooks },
  { method: "POST", path: "/api/v1/webhooks/{id}/rotate-secret", access: ACCESS.manageWebhooks },
  { method: "GET", path: "/api/v1/webhooks/{id}/deliveries", access: ACCESS.manageWebhooks },
  { method: "GET", path: "/api/v1/notifications", access: ACCESS.manageWebhooks },
  { method: "GET", path: "/api/v1/notifications/email-deliveries", access: ACCESS.manageWebhooks },
  { method: "GET", path: "/api/v1/notifications/preferences", access: ACCESS.signedIn },
  { method: "PUT", path: "/api/v1/notifications/preferences", access: ACCESS.signedIn },
  // Inbound integrations (integration-routes.ts, hook-routes.ts): admins manage; vendors deliver signed.
  { method: "GET", path: "/api/v1/integrations", access: ACCESS.manageIntegrations },
  { method: "POST", path: "/api/v1/integrations", access: ACCESS.manageIntegrations },
  { method: "GET", path: "/api/v1/integrations/{id}", access: ACCESS.manageIntegrations },
  { method: "PATCH", path: "/api/v1/integrations/{id}", access: ACCESS.manageIntegrations },
  { method: "DELETE", path: "/api/v1/integrations/{id}", access: ACCESS.manageIntegrations },
  { method: "POST", path: "/api/v1/integrations/{id}/pull", access: ACCESS.manageIntegrations },
  { method: "POST", path: "/api/v1/hooks/{id}", access: "signature" },
];

const compiled = ROUTE_RULES.map((rule) => ({
  rule,
  pattern: new RegExp(`^${rule.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
  literal: !rule.path.includes("{"),
}));

/** The rule for a request; a literal path wins over one with placeholders. */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  const matches = compiled.filter((c) => c.rule.method === method.toUpperCase() && c.pattern.test(path));
  return (matches.find((m) => m.literal) ?? matches[0])?.rule;
}
