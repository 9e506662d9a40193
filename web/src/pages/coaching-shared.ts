import type React from "react";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";

/** The wire shapes of /coaching-sessions (src/server/coaching-schemas.ts). */
export const STATUSES = ["planned", "held", "closed"] as const;
export type Status = (typeof STATUSES)[number];
const KINDS = ["worst_ending", "best_recovery", "highest_effort", "gratitude", "blame", "typical"] as const;
export type Kind = (typeof KINDS)[number];

export interface SessionItem {
  id: string;
  team: string;
  agent: string | null;
  from: string;
  to: string;
  created_by: string;
  status: Status;
  notes: string | null;
  agreements: string[];
  follow_up_date: string | null;
  created_at: string;
}
export interface Pick {
  position: number;
  encounter_id: string;
  kind: Kind;
  data: Record<string, unknown>;
  turn: number | null;
  link: string;
  encounter: { started_at: string; channel: string; agent: string | null } | null;
}
export interface SessionDetail extends SessionItem {
  picks: Pick[];
  questions: {
    id: string;
    pick: number;
    encounter_id: string;
    turn: number | null;
    text: { fi: string; en: string };
  }[];
  shortfalls: { code: "too_few_encounters" | "no_candidate"; kind?: Kind; count?: number; needed?: number }[];
  previous: {
    id: string;
    from: string;
    to: string;
    agreements: string[];
    follow_up_date: string | null;
  } | null;
}

/** "1.3.2026 – 31.3.2026": the period's last day is the day before its exclusive end. */
export function usePeriod(): (s: { from: string; to: string }) => string {
  const { date } = useI18n();
  return (s) => `${date(s.from)} – ${date(new Date(Date.parse(s.to) - 1).toISOString())}`;
}

export function follow(e: React.MouseEvent, href: string) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(href);
}
