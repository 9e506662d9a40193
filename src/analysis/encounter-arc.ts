/**
 * The arc of an encounter and the moments the customer will remember.
 *
 * Peak–end rule (Kahneman, Fredrickson, Schreiber & Redelmeier 1993; Fredrickson & Kahneman 1993):
 * people judge an experience largely by its most intense moment and by how it ended, not by the
 * average. So the arc reports the customer's tone at the start, at the end, at its lowest and at its
 * highest, and the two memorable moments: the emotional peak (the customer turn with the strongest
 * tone, either sign) and the end (the last customer turn).
 *
 * Example: customer tones −0.8, −0.2, +0.6 → start −0.8, end +0.6, trajectory "recovered",
 * moments [{turn: 0, kind: "peak"}, {turn: 2, kind: "end"}].
 */

export type Trajectory = "recovered" | "deteriorated" | "steady";

export interface ArcPoint {
  turn: number;
  score: number;
}

export interface EncounterArc {
  start: ArcPoint | null;
  end: ArcPoint | null;
  low: ArcPoint | null;
  high: ArcPoint | null;
  trajectory: Trajectory;
}

export interface Moment {
  turn: number;
  kind: "peak" | "end";
  score: number;
}

/** A change of at least this much on the −1..1 scale between start and end counts as a turn-around. */
export const TRAJECTORY_DELTA = 0.35;

/** `read: false`: a turn the analysis left unread (a language it does not read), which is no point of the arc. */
export function encounterArc(turns: readonly { speaker: string; score: number; read?: boolean }[]): {
  arc: EncounterArc;
  moments: Moment[];
} {
  const customer: ArcPoint[] = [];
  turns.forEach((t, i) => {
    if (t.speaker === "customer" && t.read !== false) customer.push({ turn: i, score: t.score });
  });
  const first = customer[0];
  const last = customer[customer.length - 1];
  if (!first || !last) {
    return { arc: { start: null, end: null, low: null, high: null, trajectory: "steady" }, moments: [] };
  }
  let low = first;
  let high = first;
  let peak = first;
  for (const p of customer) {
    if (p.score < low.score) low = p;
    if (p.score > high.score) high = p;
    if (Math.abs(p.score) > Math.abs(peak.score)) peak = p;
  }
  const delta = last.score - first.score;
  const trajectory: Trajectory =
    customer.length < 2
      ? "steady"
      : delta >= TRAJECTORY_DELTA
        ? "recovered"
        : delta <= -TRAJECTORY_DELTA
          ? "deteriorated"
          : "steady";
  const moments: Moment[] = [{ turn: peak.turn, kind: "peak", score: peak.score }];
  moments.push({ turn: last.turn, kind: "end", score: last.score });
  return { arc: { start: first, end: last, low, high, trajectory }, moments };
}
