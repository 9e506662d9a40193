import type { ScoreResult } from "./api-types.ts";
import { useApi } from "./use-api.ts";

/** What the shared filters can choose from, as the data has it (empty while loading). */
export interface FilterChoices {
  /** Months with answers, oldest first (YYYY-MM). */
  months: string[];
  teams: string[];
  channels: string[];
  /** Whether the months are still being read (a default period waits for them). */
  loading: boolean;
}

/**
 * The months, teams and channels the filter bar offers, read from the NPS breakdowns (served from the
 * report cube). `channels: false` for a page that compares channels and has no channel filter;
 * `enabled: false` for a role that may not read reports (nothing is asked, nothing is offered).
 */
export function useFilterChoices(options: { channels?: boolean; enabled?: boolean } = {}): FilterChoices {
  const on = options.enabled !== false;
  const months = useApi<ScoreResult>(on ? "/reports/nps?by=month" : null);
  const teams = useApi<ScoreResult>(on ? "/reports/nps?by=team" : null);
  const channels = useApi<ScoreResult>(on && options.channels !== false ? "/reports/nps?by=channel" : null);
  return {
    months: groupKeys(months),
    teams: groupKeys(teams),
    channels: groupKeys(channels),
    loading: months.state === "loading",
  };
}

function groupKeys(loaded: ReturnType<typeof useApi<ScoreResult>>): string[] {
  if (loaded.state !== "done") return [];
  return loaded.data.groups.flatMap((g) => (g.group ? [g.group] : []));
}
