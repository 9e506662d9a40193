import { KohtaamoError } from "../domain/index.ts";
import { parseChannel, parseInstant } from "../ingest/field-values.ts";
import type { ListFilter } from "../store/index.ts";

interface ListQueryValues {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  agent?: string | undefined;
  channel?: string | undefined;
  customer_id?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Query-string filters → store filter, dates and channels accepted in the same forms as imports
 * ("puhelin" is phone). Team, agent and channel names are matched by key in the store
 * (store/name-filter.ts), so `?team=laskutus` finds "Laskutus".
 */
export function toListFilter(q: ListQueryValues, timeZone: string): ListFilter {
  const instant = (field: string, text: string) => {
    const parsed = parseInstant(text, timeZone);
    if (!parsed.ok) throw new KohtaamoError("bad_request", `${field}: ${parsed.reason}`);
    return parsed.value;
  };
  const filter: ListFilter = {};
  if (q.from) filter.from = instant("from", q.from);
  if (q.to) filter.to = instant("to", q.to);
  if (q.team) filter.team = q.team;
  if (q.agent) filter.agent = q.agent;
  if (q.channel) {
    const channel = parseChannel(q.channel);
    if (!channel.ok) throw new KohtaamoError("bad_request", `channel: ${channel.reason}`);
    filter.channel = channel.value;
  }
  if (q.customer_id) filter.customerId = q.customer_id;
  if (q.cursor) filter.cursor = q.cursor;
  if (q.limit) filter.limit = q.limit;
  return filter;
}
