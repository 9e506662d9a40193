import { sameName } from "../domain/index.ts";
import type { ListFilter, UserRecord } from "../store/index.ts";
import { isRole, type Role } from "./roles.ts";

/** Who is asking: a signed-in user (by session cookie or API token). */
export interface Principal {
  id: string;
  email: string;
  role: Role;
  /** Teams a manager leads (and an agent belongs to); empty for the others. */
  teams: string[];
  /** The agent id of an agent's own encounters. */
  agentId: string | null;
  via: "session" | "token";
  /** For a session: the token its writes must echo in X-CSRF-Token. */
  csrfToken?: string;
}

export function principalOf(user: UserRecord, via: Principal["via"]): Principal {
  // An account whose stored role is not known any more gets the least: viewer.
  const role: Role = isRole(user.role) ? user.role : "viewer";
  return { id: user.id, email: user.email, role, teams: user.teams, agentId: user.agentId, via };
}

/**
 * What a record's owner is, for the record-level predicates. Teams and agents are names and
 * compare by key (domain/display-names.ts): a manager of "laskutus" leads "Laskutus".
 */
export interface Owned {
  team: string | null;
  agent: string | null;
}

const EVERYONE: readonly Role[] = ["admin", "analyst", "manager", "agent", "viewer"];

/**
 * Role sets that route rules refer to (src/server/route-rules.ts). Each is a named decision:
 * change who may do something here, and the route × role matrix test shows what changed.
 */
export const ACCESS = {
  /** Aggregates only (metrics, themes, drivers): never free text. Agents get theirs with coaching. */
  readAggregates: ["admin", "analyst", "manager", "viewer"],
  /** Customer text (encounters, survey comments), scoped per role by scopeToPrincipal. */
  readCustomerText: ["admin", "analyst", "manager", "agent"],
  /** Employee pulse comments and invitation lists: whole-organisation data. */
  readOrganisationData: ["admin", "analyst"],
  writeRecords: ["admin", "analyst"],
  export: ["admin", "analyst"],
  /** The theme taxonomy (names, patterns, examples) and the reanalysis that applies it. */
  editTaxonomy: ["admin", "analyst"],
  manageUsers: ["admin"],
  readAudit: ["admin"],
  erase: ["admin"],
  /** Follow-up cases (closed loop): managers handle their teams' (canHandleCase), admins and analysts all. */
  handleCases: ["admin", "analyst", "manager"],
  /** Coaching sessions: agents read the sessions about themselves (canViewCoachingSession), read-only. */
  readCoaching: ["admin", "analyst", "manager", "agent"],
  /** Create and change coaching sessions: managers their teams' (canRunCoachingSession), admins and analysts all. */
  runCoaching: ["admin", "analyst", "manager"],
  /** Outgoing webhooks (their URLs and secrets) and the notification logs. */
  manageWebhooks: ["admin"],
  /** Inbound integrations (Formbricks, Chatwoot, …): their mappings and signing secrets. */
  manageIntegrations: ["admin"],
  /** QA scorecards (qa-routes.ts): their criteria, weights and AutoQA behaviours. */
  editScorecards: ["admin", "analyst"],
  /** QA reviews and calibration rounds: managers their teams' encounters (canViewEncounterText). */
  reviewQuality: ["admin", "analyst", "manager"],
  /** QA results: reviewers, and agents their own reviews and trend. */
  readQuality: ["admin", "analyst", "manager", "agent"],
  /** Development initiatives and the portfolio: what management reads (viewers) and who plans (admins, analysts). */
  readInitiatives: ["admin", "analyst", "viewer"],
  planInitiatives: ["admin", "analyst"],
  signedIn: EVERYONE,
} as const satisfies Record<string, readonly Role[]>;

export function allowed(principal: Principal, roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}

/**
 * Whether this user sees report groups below the privacy floor (KOHTAAMO_MIN_GROUP): analysts and
 * admins do; viewers, managers and agents get such groups suppressed (docs/security.md).
 */
export function seesSmallGroups(user: Principal): boolean {
  return user.role === "admin" || user.role === "analyst";
}

/** Whether this user may read the text of an encounter or answer owned by this team and agent. */
export function canViewEncounterText(user: Principal, record: Owned): boolean {
  switch (user.role) {
    case "admin":
    case "analyst":
      return true;
    case "manager":
      return leads(user, record.team);
    case "agent":
      return sameName(record.agent, user.agentId);
    case "viewer":
      return false;
  }
}

/** Whether this user may read and change a follow-up case of this team (it names a customer and a record). */
export function canHandleCase(user: Principal, record: { team: string | null }): boolean {
  if (user.role === "admin" || user.role === "analyst") return true;
  return user.role === "manager" && leads(user, record.team);
}

/**
 * A list filter narrowed to what the user may see: a manager's teams, an agent's own records.
 * What the caller asked for is kept and intersected, never widened.
 */
export function scopeToPrincipal(user: Principal, filter: ListFilter): ListFilter {
  if (user.role === "manager") {
    const teams = filter.team ? user.teams.filter((t) => sameName(t, filter.team)) : user.teams;
    const { team: _team, ...rest } = filter;
    return { ...rest, teamIn: teams };
  }
  if (user.role === "agent") {
    if (filter.agent && !sameName(filter.agent, user.agentId)) return { ...filter, teamIn: [] };
    return user.agentId ? { ...filter, agent: user.agentId } : { ...filter, teamIn: [] };
  }
  return filter;
}

/** A read of customer text outside the reader's own teams: audited. */
export function isOtherTeamRead(user: Principal, record: Owned): boolean {
  if (user.role === "agent" && sameName(record.agent, user.agentId)) return false;
  return !leads(user, record.team);
}

function leads(user: Principal, team: string | null): boolean {
  return user.teams.some((t) => sameName(t, team));
}
