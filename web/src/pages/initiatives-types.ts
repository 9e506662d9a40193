import type { z } from "@hono/zod-openapi";
import type {
  InitiativeList as InitiativeListSchema,
  InitiativeView,
  PortfolioResult,
  SettingsView,
} from "../../../src/server/initiative-schemas.ts";

/**
 * The wire shapes of /initiatives (src/server/initiative-schemas.ts), read on their JSON side. Types
 * only: nothing of the server is bundled.
 */
export type Initiative = z.input<typeof InitiativeView>;
export type InitiativeList = z.input<typeof InitiativeListSchema>;
export type Portfolio = z.input<typeof PortfolioResult>;
export type Settings = z.input<typeof SettingsView>;
export type PointPrice = InitiativeList["pointPrice"];
export type Caveat = InitiativeList["caveats"][number];
export type Goal = Initiative["goal"];
export type Status = Initiative["status"];
export type GoalMix = Portfolio["balance"]["portfolio"];

export const GOALS: readonly Goal[] = ["cx", "efficiency", "both"];
export const STATUSES: readonly Status[] = ["idea", "planned", "in_progress", "done", "dropped"];

/**
 * The measured effect of a done initiative (GET /initiatives/{id}/effect, issue 13 item 5:
 * src/server/initiative-effect-routes.ts EffectResult). Built beside this page, so read defensively:
 * a shape that differs shows less, never breaks the page.
 */
export interface MeasuredEffect {
  /** The NPS difference-in-differences, points, with its 95% interval. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  verdict: string | null;
  text: { fi?: string; en?: string } | null;
  /** How the share of answers mentioning the linked themes moved, percentage points. */
  share: {
    before: number | null;
    after: number | null;
    change: number | null;
    low: number | null;
    high: number | null;
  } | null;
  caveats: { fi?: string; en?: string }[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === "object" && !Array.isArray(x);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const localText = (v: unknown): { fi?: string; en?: string } | null => {
  if (typeof v === "string" && v) return { fi: v, en: v };
  if (!isObj(v)) return null;
  const fi = strOrNull(v.fi);
  const en = strOrNull(v.en);
  return fi || en ? { ...(fi ? { fi } : {}), ...(en ? { en } : {}) } : null;
};

/** The effect answer as far as it is understood; null when it has nothing to show. */
export function readEffect(body: unknown): MeasuredEffect | null {
  if (!isObj(body)) return null;
  const did = isObj(body.did) ? body.did : null;
  // The NPS figures: the difference-in-differences' effect, or figures at the top or under `effect`.
  const inner = [did?.effect, body.effect, body].find(
    (x): x is Obj => isObj(x) && ("estimate" in x || "low" in x),
  );
  const shareOf = (x: unknown): MeasuredEffect["share"] => {
    if (!isObj(x)) return null;
    const change = isObj(x.change) ? x.change : {};
    const value = (e: unknown) => (isObj(e) ? numOrNull(e.value) : numOrNull(e));
    const share = {
      before: value(x.before),
      after: value(x.after),
      change: numOrNull(change.estimate),
      low: numOrNull(change.low),
      high: numOrNull(change.high),
    };
    return share.before === null && share.after === null ? null : share;
  };
  const effect: MeasuredEffect = {
    estimate: numOrNull(inner?.estimate),
    low: numOrNull(inner?.low),
    high: numOrNull(inner?.high),
    verdict: strOrNull(body.verdict) ?? strOrNull(did?.verdict),
    text: localText(body.text),
    share: shareOf(body.themeShare ?? body.answerShare),
    caveats: Array.isArray(body.caveats)
      ? body.caveats
          .map((c) => localText(isObj(c) ? c.text : c))
          .filter((c): c is { fi?: string; en?: string } => !!c)
      : [],
  };
  return effect.estimate === null && effect.text === null ? null : effect;
}
