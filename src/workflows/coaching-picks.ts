import { z } from "zod";
import type { CoachingCandidateRow } from "../store/coaching-repository.ts";

/**
 * Which encounters a coaching session reviews together, and why (issue 12, coaching). Pure: it
 * reads the stored analyses of a team's (or one agent's) encounters in a period and picks at most
 * one encounter per kind, in this order, never the same encounter twice:
 *
 * - worst_ending: the lowest tone of the customer's last turn (the "end" of the peak–end rule,
 *   analysis/encounter-arc.ts), among endings that are negative. Turn: that last customer turn.
 * - best_recovery: the customer's first turn is upset (tone ≤ −0.5), a later customer turn is
 *   pleased (≥ +0.5) before their last words, and the last one is pleased too: the customer turned
 *   round and stayed there. The soonest turn-around wins (fewest customer turns until it), then the
 *   biggest rise (end − start). Turn: the agent's reply just before the turn-around.
 *   Why not simply "the biggest rise": tone scores saturate near ±1, and on the demo workspace 126
 *   of 183 encounters of one team in one month start negative and end positive, the top five all
 *   rising 2.00 — the rise alone cannot tell a calmed-down angry customer from a problem statement
 *   followed by thanks. An early turn-around can: in the demo, 54 of 67 encounters whose customer
 *   turned pleased right after the agent's first reply were planted angry-and-recovered ones.
 * - highest_effort: the most effort signals the customer stated (contacted before, transferred,
 *   explained again, waited), then the most transfers, then the longest wait. Turn: the first
 *   customer turn that states one.
 * - gratitude: the strongest gratitude emotion present. Turn: the customer turn that carries it.
 * - blame: an agent turn read as blaming the customer (the behaviours catalogue), the worst ending
 *   first. Turn: that agent turn. Optional: its absence needs no explanation.
 * - typical: the encounter closest to the pool's median customer tone and median effort,
 *   distance = |tone − median| / 2 + |effort − median| / 4 (each scaled by its range). Turn: the peak.
 *
 * Ties go to the smaller encounter id, so the same data always gives the same session.
 * Example: a pool of three encounters gives at most three picks and a shortfall saying that a
 * session needs four.
 */

export const PICK_KINDS = [
  "worst_ending",
  "best_recovery",
  "highest_effort",
  "gratitude",
  "blame",
  "typical",
] as const;
export type PickKind = (typeof PICK_KINDS)[number];

/** Kinds whose absence is told to the user; finding no blame is good news, not a shortfall. */
const EXPECTED_KINDS: readonly PickKind[] = [
  "worst_ending",
  "best_recovery",
  "highest_effort",
  "gratitude",
  "typical",
];

export const MIN_PICKS = 4;
export const MAX_PICKS = 6;
/** Customer tone at or below this is upset; at or above PLEASED pleased (tone is −1..1). */
export const UPSET = -0.5;
export const PLEASED = 0.5;

export const EFFORT_SIGNALS = ["repeat_contact", "transfer", "explain_again", "stated_wait"] as const;
export type EffortSignal = (typeof EFFORT_SIGNALS)[number];

const Effort = z
  .object({
    repeatContact: z.boolean().optional(),
    transfer: z.boolean().optional(),
    explainAgain: z.boolean().optional(),
    statedWaitSeconds: z.number().nullable().optional(),
  })
  .default({});
const Emotion = z.object({ id: z.string(), score: z.number(), present: z.boolean().default(false) });
const Point = z.object({ turn: z.number().int(), score: z.number() }).nullable();
/** The parts of a stored encounter analysis (analysis/text-analyzer.ts) the picks read. */
const StoredAnalysis = z.object({
  turns: z.array(
    z.object({
      speaker: z.string(),
      tone: z.object({ score: z.number() }),
      emotions: z.array(Emotion).default([]),
      behaviours: z.array(z.string()).optional(),
      effort: Effort,
    }),
  ),
  arc: z.object({ start: Point, end: Point, low: Point, high: Point }),
  moments: z.array(z.object({ turn: z.number().int(), kind: z.string(), score: z.number() })).default([]),
  emotions: z.array(Emotion).default([]),
  effort: Effort,
});
type StoredAnalysis = z.infer<typeof StoredAnalysis>;

/** An analysed encounter with the customer's words, as the picks see it. */
export interface Candidate {
  id: string;
  agent: string | null;
  transfers: number;
  waitSeconds: number;
  analysis: StoredAnalysis;
  /** Indexes of the customer's turns, in order. */
  customerTurns: number[];
  /** Mean tone of the customer's turns. */
  tone: number;
  effortSignals: EffortSignal[];
}

export interface Pick {
  encounterId: string;
  kind: PickKind;
  /** 0-based index of the turn that matters (the encounter view shows it as #turn-{turn + 1}). */
  turn: number | null;
  /** The reason's figures, for the reason text (never message text). */
  data: Record<string, number | string | string[] | null>;
  candidate: Candidate;
}

export type Shortfall =
  | { code: "too_few_encounters"; count: number; needed: number }
  | { code: "no_candidate"; kind: PickKind };

function signalsOf(e: z.infer<typeof Effort>): EffortSignal[] {
  const has: Record<EffortSignal, boolean> = {
    repeat_contact: e.repeatContact === true,
    transfer: e.transfer === true,
    explain_again: e.explainAgain === true,
    stated_wait: e.statedWaitSeconds !== null && e.statedWaitSeconds !== undefined,
  };
  return EFFORT_SIGNALS.filter((s) => has[s]);
}

/** A stored row as a candidate; null when its analysis is in an unknown shape or has no customer turn. */
export function toCandidate(row: CoachingCandidateRow): Candidate | null {
  const parsed = StoredAnalysis.safeParse(row.analysis);
  if (!parsed.success) return null;
  const a = parsed.data;
  const customerTurns = a.turns.flatMap((t, i) => (t.speaker === "customer" ? [i] : []));
  if (customerTurns.length === 0 || !a.arc.end || !a.arc.start) return null;
  const tone = customerTurns.reduce((s, i) => s + (a.turns[i]?.tone.score ?? 0), 0) / customerTurns.length;
  return {
    id: row.id,
    agent: row.agent,
    transfers: row.transfers ?? 0,
    waitSeconds: row.wait_seconds ?? 0,
    analysis: a,
    customerTurns,
    tone,
    effortSignals: signalsOf(a.effort),
  };
}

const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const round = (x: number) => Math.round(x * 1000) / 1000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function scoreOf(c: Candidate, turn: number): number {
  return c.analysis.turns[turn]?.tone.score ?? 0;
}

/** The turn-around of a recovery: the customer turn (position among theirs) first pleased after an upset start. */
function turnaround(c: Candidate): number | null {
  const turns = c.customerTurns;
  if (turns.length < 3) return null;
  const first = turns[0] as number;
  const last = turns[turns.length - 1] as number;
  if (scoreOf(c, first) > UPSET || scoreOf(c, last) < PLEASED) return null;
  const k = turns.findIndex((t) => scoreOf(c, t) >= PLEASED);
  return k > 0 && k < turns.length - 1 ? k : null;
}

function agentTurnBefore(c: Candidate, turn: number): number {
  for (let i = turn - 1; i >= 0; i--) if (c.analysis.turns[i]?.speaker === "agent") return i;
  return turn;
}

function gratitudeOf(e: { id: string; score: number; present: boolean }[]): number | null {
  const g = e.find((x) => x.id === "gratitude");
  return g?.present ? g.score : null;
}

function firstTurnWith(c: Candidate, speaker: string, has: (t: StoredAnalysis["turns"][number]) => boolean) {
  const i = c.analysis.turns.findIndex((t) => t.speaker === speaker && has(t));
  return i >= 0 ? i : null;
}

interface Rule {
  kind: PickKind;
  /** Candidates that qualify, best first. */
  rank(pool: Candidate[]): Candidate[];
  describe(c: Candidate): { turn: number | null; data: Pick["data"] };
}

function rules(pool: Candidate[]): Rule[] {
  const medianTone = median(pool.map((c) => c.tone));
  const medianEffort = median(pool.map((c) => c.effortSignals.length));
  const endOf = (c: Candidate) => c.analysis.arc.end?.score ?? 0;
  const distance = (c: Candidate) =>
    Math.abs(c.tone - medianTone) / 2 + Math.abs(c.effortSignals.length - medianEffort) / 4;
  return [
    {
      kind: "worst_ending",
      rank: (p) => p.filter((c) => endOf(c) < 0).sort((a, b) => endOf(a) - endOf(b) || byId(a, b)),
      describe: (c) => ({ turn: c.analysis.arc.end?.turn ?? null, data: { end_tone: round(endOf(c)) } }),
    },
    {
      kind: "best_recovery",
      rank: (p) => {
        const k = new Map(p.map((c) => [c.id, turnaround(c)]));
        const rise = (c: Candidate) => endOf(c) - (c.analysis.arc.start?.score ?? 0);
        return p
          .filter((c) => k.get(c.id) !== null)
          .sort(
            (a, b) => (k.get(a.id) as number) - (k.get(b.id) as number) || rise(b) - rise(a) || byId(a, b),
          );
      },
      describe: (c) => {
        const k = turnaround(c) as number;
        const pleased = c.customerTurns[k] as number;
        return {
          turn: agentTurnBefore(c, pleased),
          data: {
            start_tone: round(c.analysis.arc.start?.score ?? 0),
            end_tone: round(endOf(c)),
            turnaround_turn: pleased,
            customer_turns_to_turnaround: k,
          },
        };
      },
    },
    {
      kind: "highest_effort",
      rank: (p) =>
        p
          .filter((c) => c.effortSignals.length > 0 || c.transfers > 0)
          .sort(
            (a, b) =>
              b.effortSignals.length - a.effortSignals.length ||
              b.transfers - a.transfers ||
              b.waitSeconds - a.waitSeconds ||
              byId(a, b),
          ),
      describe: (c) => ({
        turn:
          firstTurnWith(c, "customer", (t) => signalsOf(t.effort).length > 0) ??
          c.analysis.arc.low?.turn ??
          null,
        data: { signals: c.effortSignals, transfers: c.transfers, wait_seconds: c.waitSeconds },
      }),
    },
    {
      kind: "gratitude",
      rank: (p) =>
        p
          .filter((c) => gratitudeOf(c.analysis.emotions) !== null)
          .sort(
            (a, b) =>
              (gratitudeOf(b.analysis.emotions) ?? 0) - (gratitudeOf(a.analysis.emotions) ?? 0) || byId(a, b),
          ),
      describe: (c) => {
        let best: number | null = null;
        for (const i of c.customerTurns) {
          const g = c.analysis.turns[i]?.emotions.find((e) => e.id === "gratitude")?.score ?? 0;
          if (
            best === null ||
            g > (c.analysis.turns[best]?.emotions.find((e) => e.id === "gratitude")?.score ?? 0)
          )
            best = i;
        }
        return { turn: best, data: { score: round(gratitudeOf(c.analysis.emotions) ?? 0) } };
      },
    },
    {
      kind: "blame",
      rank: (p) =>
        p
          .filter(
            (c) => firstTurnWith(c, "agent", (t) => (t.behaviours ?? []).includes("blame_customer")) !== null,
          )
          .sort((a, b) => endOf(a) - endOf(b) || byId(a, b)),
      describe: (c) => ({
        turn: firstTurnWith(c, "agent", (t) => (t.behaviours ?? []).includes("blame_customer")),
        data: { end_tone: round(endOf(c)) },
      }),
    },
    {
      kind: "typical",
      rank: (p) => [...p].sort((a, b) => distance(a) - distance(b) || byId(a, b)),
      describe: (c) => ({
        turn: c.analysis.moments.find((m) => m.kind === "peak")?.turn ?? c.analysis.arc.end?.turn ?? null,
        data: {
          tone: round(c.tone),
          effort: c.effortSignals.length,
          median_tone: round(medianTone),
          median_effort: medianEffort,
        },
      }),
    },
  ];
}

/**
 * Picks up to MAX_PICKS encounters from the stored rows, each kind once and no encounter twice,
 * with a shortfall for every expected kind that found none and when the pool is smaller than
 * MIN_PICKS. The rows are the caller's to choose: only encounters the user may see.
 */
export function pickEncounters(rows: readonly CoachingCandidateRow[]): {
  picks: Pick[];
  shortfalls: Shortfall[];
  pool: number;
} {
  return pickFromPool(rows.flatMap((r) => toCandidate(r) ?? []));
}

/** pickEncounters over rows already turned into candidates (toCandidate), e.g. chunk by chunk as they are read. */
export function pickFromPool(pool: readonly Candidate[]): {
  picks: Pick[];
  shortfalls: Shortfall[];
  pool: number;
} {
  const picks: Pick[] = [];
  const shortfalls: Shortfall[] = [];
  if (pool.length < MIN_PICKS)
    shortfalls.push({ code: "too_few_encounters", count: pool.length, needed: MIN_PICKS });
  const taken = new Set<string>();
  const list = [...pool];
  for (const rule of rules(list)) {
    if (picks.length >= MAX_PICKS) break;
    const chosen = rule.rank(list).find((c) => !taken.has(c.id));
    if (!chosen) {
      if (EXPECTED_KINDS.includes(rule.kind) && pool.length > 0)
        shortfalls.push({ code: "no_candidate", kind: rule.kind });
      continue;
    }
    taken.add(chosen.id);
    picks.push({ encounterId: chosen.id, kind: rule.kind, ...rule.describe(chosen), candidate: chosen });
  }
  return { picks, shortfalls, pool: pool.length };
}
