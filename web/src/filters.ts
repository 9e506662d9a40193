import { query } from "./api.ts";
import { useQuery } from "./router.ts";

/** The filters every page shares, as they stand in the address: months are YYYY-MM, both included. */
export interface Filters {
  from: string | null;
  to: string | null;
  team: string | null;
  channel: string | null;
  /** "all": the whole history chosen on purpose (no from/to, no comparison). */
  period: string | null;
}

export function useFilters(): [
  Filters,
  (changes: Partial<Filters>, options?: { replace?: boolean }) => void,
] {
  const [q, set] = useQuery();
  const filters: Filters = {
    from: validMonth(q.get("from")),
    to: validMonth(q.get("to")),
    team: q.get("team") || null,
    channel: q.get("channel") || null,
    period: q.get("period") === "all" ? "all" : null,
  };
  return [filters, (changes, options) => set(changes as Record<string, string | null>, options)];
}

function validMonth(value: string | null): string | null {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null;
}

/** The first day of the month after `month` (the API's `to` is the first day excluded). */
export function monthAfter(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The report query for the filters; `without` drops filters a report does not take. */
export function reportQuery(
  f: Filters,
  extra: Record<string, string> = {},
  without: readonly ("period" | "team" | "channel")[] = [],
): string {
  const period = !without.includes("period");
  return query({
    from: period && f.from ? `${f.from}-01` : null,
    to: period && f.to ? monthAfter(f.to) : null,
    team: without.includes("team") ? null : f.team,
    channel: without.includes("channel") ? null : f.channel,
    ...extra,
  });
}
