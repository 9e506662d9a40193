import { KohtaamoError } from "../domain/index.ts";
import {
  CoachingRepository,
  type CoachingSessionFilter,
  type CoachingSessionPatch,
  type CoachingSessionRow,
  type StoredCoachingPick,
} from "../store/coaching-repository.ts";
import type { Page, Store } from "../store/index.ts";
import { pickFromPool, toCandidate } from "./coaching-picks.ts";
import { coachingQuestions } from "./coaching-questions.ts";

/**
 * Coaching sessions (issue 12): a team lead picks a team, a period and optionally one agent; the
 * session picks encounters worth listening to together (coaching-picks.ts), suggests questions
 * (coaching-questions.ts) and shows what the previous session of the same team and agent agreed.
 * Who may do this is the caller's business (server/coaching-routes.ts); these are the use cases.
 */

export const COACHING_STATUSES = ["planned", "held", "closed"] as const;
export type CoachingStatus = (typeof COACHING_STATUSES)[number];

/** Longest period a session covers: a review of real encounters, not a year-end report. */
export const MAX_PERIOD_DAYS = 366;

export interface CoachingPickView {
  position: number;
  encounter_id: string;
  kind: string;
  data: Record<string, unknown>;
  /** 0-based turn index of the moment that matters. */
  turn: number | null;
  /** The encounter view at that turn. */
  link: string;
  encounter: StoredCoachingPick["encounter"];
}

export interface CoachingSessionDetail extends CoachingSessionRow {
  picks: CoachingPickView[];
  /** The previous session of the same team and agent: its agreements open this one. */
  previous: {
    id: string;
    created_at: string;
    from: string;
    to: string;
    status: string;
    agreements: string[];
    follow_up_date: string | null;
  } | null;
}

function bad(field: string, reason: string): KohtaamoError {
  return new KohtaamoError("bad_request", `invalid request: ${field}: ${reason}`, {
    problems: [{ field, reason }],
  });
}

export function encounterLink(id: string, turn: number | null): string {
  return `/encounters/${encodeURIComponent(id)}${turn === null ? "" : `#turn-${turn + 1}`}`;
}

export class CoachingSessions {
  private readonly repo: CoachingRepository;

  constructor(store: Store) {
    this.repo = new CoachingRepository(store.db);
  }

  /** The team's (or agent's) stored display name; a 400 naming the field when nobody is called that. */
  async resolveName(field: "team" | "agent", name: string): Promise<string> {
    const display = await this.repo.displayName(field, name);
    if (!display) throw bad(field, `no ${field} is called ${JSON.stringify(name)}`);
    return display;
  }

  /**
   * Creates a session for a team (already resolved to its display name and checked against the
   * caller's scope) over [from, to), picks and questions included. Returns its detail.
   */
  async create(
    input: { team: string; agent: string | null; from: string; to: string; createdBy: string },
    now: string,
  ): Promise<CoachingSessionDetail> {
    if (input.from >= input.to) throw bad("to", "must be after from");
    const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
    if (days > MAX_PERIOD_DAYS) throw bad("to", `a session covers at most ${MAX_PERIOD_DAYS} days`);
    const pool = await this.repo.candidates(
      { team: input.team, agent: input.agent, from: input.from, to: input.to },
      toCandidate,
    );
    const { picks, shortfalls } = pickFromPool(pool);
    const id = await this.repo.create(
      {
        team: input.team,
        agent: input.agent,
        from: input.from,
        to: input.to,
        createdBy: input.createdBy,
        status: "planned",
        questions: coachingQuestions(picks),
        shortfalls,
        picks: picks.map((p) => ({
          encounter_id: p.encounterId,
          reason_kind: p.kind,
          reason_data: p.data,
          turn_index: p.turn,
        })),
      },
      now,
    );
    return (await this.get(id)) as CoachingSessionDetail;
  }

  async get(id: string): Promise<CoachingSessionDetail | undefined> {
    const found = await this.repo.get(id);
    if (!found) return undefined;
    const prev = await this.repo.previous(found);
    return {
      ...found,
      picks: found.picks.map((p) => ({
        position: p.position,
        encounter_id: p.encounter_id,
        kind: p.reason_kind,
        data: p.reason_data,
        turn: p.turn_index,
        link: encounterLink(p.encounter_id, p.turn_index),
        encounter: p.encounter,
      })),
      previous: prev
        ? {
            id: prev.id,
            created_at: prev.created_at,
            from: prev.from,
            to: prev.to,
            status: prev.status,
            agreements: prev.agreements,
            follow_up_date: prev.follow_up_date,
          }
        : null,
    };
  }

  /** Sessions newest first, without their picks. */
  list(filter: CoachingSessionFilter): Promise<Page<CoachingSessionRow>> {
    return this.repo.list(filter);
  }

  /** Changes notes, agreements, follow-up date or status; audited. Undefined when there is no such session. */
  async update(
    id: string,
    patch: CoachingSessionPatch,
    actor: string,
    now: string,
  ): Promise<CoachingSessionDetail | undefined> {
    const changed = await this.repo.update(id, patch, actor, now);
    if (changed === undefined) return undefined;
    return this.get(id);
  }
}
