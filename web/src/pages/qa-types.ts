import { query } from "../api.ts";

/** The wire shapes of /qa (src/server/qa-schemas.ts, qa-calibration-routes.ts). */

export const QA_SCALES = ["pass_fail", "1-3", "1-5", "0-10"] as const;
export type QaScale = (typeof QA_SCALES)[number];
export const SCALE_RANGE: Record<QaScale, { min: number; max: number }> = {
  pass_fail: { min: 0, max: 1 },
  "1-3": { min: 1, max: 3 },
  "1-5": { min: 1, max: 5 },
  "0-10": { min: 0, max: 10 },
};
export const QA_BEHAVIOURS = [
  "greeting",
  "introduction",
  "empathy",
  "apology",
  "ownership",
  "solution",
  "confirm_resolution",
  "next_steps",
  "polite_close",
  "blame_customer",
  "interrupting",
] as const;
export type QaBehaviour = (typeof QA_BEHAVIOURS)[number];

export interface Criterion {
  id: string;
  name: string;
  weight: number;
  critical: boolean;
  scale: QaScale;
  behaviour: QaBehaviour | null;
}

export interface Scorecard {
  id: string;
  name: string;
  team: string | null;
  channel: string | null;
  version: number;
  criteria: Criterion[];
  deleted: boolean;
  updated_at: string;
  updated_by: string;
}

export interface Evidence {
  seq: number;
  speaker: string;
  text: string;
}

export interface Prefill {
  encounter: { id: string; started_at: string; team: string | null; channel: string; agent: string | null };
  scorecard: { id: string; version: number; name: string };
  analysed: boolean;
  criteria: (Criterion & { auto_score: number | null; found: boolean | null; evidence: Evidence | null })[];
}

export interface Review {
  id: string;
  scorecard: { id: string; version: number; name: string };
  encounter_id: string;
  encounter_at: string;
  team: string | null;
  agent: string | null;
  reviewer: string;
  round_id: string | null;
  total: number | null;
  critical_failed: boolean;
  comment: string | null;
  created_at: string;
  scores: {
    criterion: string;
    name: string;
    scale: QaScale;
    critical: boolean;
    score: number | null;
    auto_score: number | null;
    overridden: boolean;
    evidence_seq: number | null;
    comment: string | null;
  }[];
}

export interface Round {
  id: string;
  scorecard_id: string;
  scorecard_version: number;
  encounter_id: string;
  team: string | null;
  status: "open" | "closed";
  created_by: string;
  created_at: string;
  closed_at: string | null;
  reviewers: { email: string; submitted: boolean }[];
}

export interface Alpha {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  units: number;
  level: "nominal" | "ordinal" | "interval" | "ratio";
}

export interface Spread {
  n: number;
  min: number | null;
  max: number | null;
  range: number | null;
  sd: number | null;
  modal_share: number | null;
}

export interface RoundReport extends Round {
  scorecard_name: string;
  you: { reviewer: boolean; submitted: boolean };
  blind: boolean;
  agreement: {
    criteria: {
      criterion: string;
      name: string;
      scale: QaScale;
      scores: { reviewer: string; score: number | null }[];
      spread: Spread;
      alpha: Alpha;
    }[];
    overall: { alpha: Alpha; totals: Spread };
    reviews: { reviewer: string; total: number | null; review_id: string }[];
  } | null;
}

export interface Overrides {
  items: {
    scorecard_id: string;
    scorecard: string;
    criterion: string;
    name: string;
    behaviour: string | null;
    n: number;
    overridden: number;
    share: { value: number | null; low: number; high: number; n: number };
  }[];
}

export interface Trend {
  agent: string;
  months: { month: string; mean: number; low: number | null; high: number | null; n: number }[];
  reviews: number;
}

/** Encounters for the picker (GET /encounters). */
export interface EncounterItem {
  id: string;
  started_at: string;
  team: string | null;
  agent: string | null;
  channel: string;
}

/** The encounters a scorecard may score: its team's and channel's, the most recent 50. */
export function encounterListPath(card: Pick<Scorecard, "team" | "channel"> | undefined): string {
  return `/encounters${query({ limit: "50", team: card?.team ?? null, channel: card?.channel ?? null })}`;
}
