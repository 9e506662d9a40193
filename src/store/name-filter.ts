import { type Expression, type SqlBool, sql } from "kysely";
import { type NameDimension, nameKey } from "../domain/index.ts";
import type { ListFilter } from "./page-cursor.ts";

/** The columns holding a query's team, agent and channel names (absent: the kind has none). */
export interface NameColumns {
  team?: string;
  agent?: string;
  channel?: string;
  touchpoint?: string;
}

/**
 * An invitation's names (survey_invitations as `i`, its encounter joined as `e`): its own channel,
 * its encounter's team and agent, since an invitation carries no team of its own.
 */
export const INVITATION_NAMES: NameColumns = { team: "e.team_id", agent: "e.agent_id", channel: "i.channel" };

/**
 * Records hold the canonical display name (display-name-resolver.ts), so a filter for a name
 * matches the display name stored under the filter's key: `?team=laskutus` and
 * `--team "LASKUTUS "` both find "Laskutus". One uncorrelated subquery on the primary key of
 * dimension_names, written once for both databases, and the column's own index still applies.
 */
export function nameMatches(column: string, dimension: NameDimension, names: readonly string[]) {
  const keys = [...new Set(names.map(nameKey))];
  if (keys.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (select d.display from dimension_names d where d.dimension = ${dimension} and d.key in (${sql.join(keys)}))`;
}

/**
 * Applies the name filters of a ListFilter (team, teamIn, agent, channel, touchpoint) to a query, the one
 * place they are applied. A kind without a team column cannot be scoped to teams: with `teamIn`
 * it shows nothing rather than everything.
 */
// biome-ignore lint/suspicious/noExplicitAny: applies to every query shape of the repositories (Kysely's where is overloaded).
export function whereNames<Q extends { where: (...args: any[]) => Q }>(
  q: Q,
  filter: ListFilter,
  columns: NameColumns,
): Q {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.team && columns.team) conditions.push(nameMatches(columns.team, "team", [filter.team]));
  if (filter.teamIn) {
    conditions.push(columns.team ? nameMatches(columns.team, "team", filter.teamIn) : sql<SqlBool>`1 = 0`);
  }
  if (filter.agent && columns.agent) conditions.push(nameMatches(columns.agent, "agent", [filter.agent]));
  if (filter.channel && columns.channel) {
    conditions.push(nameMatches(columns.channel, "channel", [filter.channel]));
  }
  if (filter.touchpoint && columns.touchpoint) {
    conditions.push(nameMatches(columns.touchpoint, "touchpoint", [filter.touchpoint]));
  }
  return conditions.reduce((out, condition) => out.where(condition), q);
}
