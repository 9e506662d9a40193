import type { Role } from "./api-types.ts";

/**
 * Who may open which page: the same role sets as the API's access rules (ACCESS in
 * src/auth/access-rules.ts; page-roles.test.ts holds them equal). The navigation shows a page only
 * to these roles; the API still decides, and a page reached by its address explains a refusal.
 */
export const PAGE_ROLES = {
  everyone: ["admin", "analyst", "manager", "agent", "viewer"],
  /** ACCESS.readAggregates: reports, never free text. */
  aggregates: ["admin", "analyst", "manager", "viewer"],
  /** ACCESS.readCustomerText: encounters and comments (viewers read aggregates only). */
  customerText: ["admin", "analyst", "manager", "agent"],
  /** ACCESS.writeRecords: import. */
  writeRecords: ["admin", "analyst"],
  /** ACCESS.editTaxonomy. */
  editTaxonomy: ["admin", "analyst"],
  /** ACCESS.handleCases: the follow-up queue (managers their own teams'). */
  handleCases: ["admin", "analyst", "manager"],
  /** ACCESS.readCoaching: coaching sessions (agents read those about them). */
  readCoaching: ["admin", "analyst", "manager", "agent"],
  /** ACCESS.runCoaching: create and change coaching sessions (managers their teams'). */
  runCoaching: ["admin", "analyst", "manager"],
  /** ACCESS.readInitiatives: development initiatives and the portfolio (viewers are management). */
  readInitiatives: ["admin", "analyst", "viewer"],
  /** ACCESS.planInitiatives: add, change and remove initiatives, and set the price of a point. */
  planInitiatives: ["admin", "analyst"],
  /** ACCESS.readQuality: quality reviews (agents their own; ACCESS.reviewQuality and editScorecards decide the rest). */
  readQuality: ["admin", "analyst", "manager", "agent"],
  /** ACCESS.manageUsers: users, tokens and the audit log. */
  manageUsers: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
