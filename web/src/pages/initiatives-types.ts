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
 * The measured effect of a done initiative (GET /initiatives/{id}/effect, issue 13 item 5). Being
 * built beside this page: read defensively, so a shape that differs shows nothing rather than breaking.
 */
export interface MeasuredEffect {
  estimate: number | null;
  low: number | null;
  high: number | null;
  verdict: string | null;
  method: string | null;
  text: { fi?: string; en?: string } | null;
}

const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** The effect answer as far as it is understood; null when it has nothing to show. */
export function readEffect(body: unknown): MeasuredEffect | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  // The figures may sit at the top or under one nested object (`effect`, `nps`).
  const inner = [b, b.effect, b.nps].find(
    (x): x is Record<string, unknown> =>
      !!x && typeof x === "object" && ("estimate" in x || "value" in x || "low" in x),
  );
  const textOf = (v: unknown): MeasuredEffect["text"] => {
    if (typeof v === "string") return { fi: v, en: v };
    if (v && typeof v === "object") {
      const t = v as Record<string, unknown>;
      const fi = strOrNull(t.fi) ?? undefined;
      const en = strOrNull(t.en) ?? undefined;
      return fi || en ? { ...(fi ? { fi } : {}), ...(en ? { en } : {}) } : null;
    }
    return null;
  };
  const effect: MeasuredEffect = {
    estimate: numOrNull(inner?.estimate ?? inner?.value),
    low: numOrNull(inner?.low),
    high: numOrNull(inner?.high),
    verdict: strOrNull(b.verdict) ?? strOrNull(inner?.verdict),
    method: strOrNull(b.method) ?? strOrNull(inner?.method),
    text: textOf(b.text ?? b.statement ?? inner?.text),
  };
  return effect.estimate === null && effect.text === null ? null : effect;
}
