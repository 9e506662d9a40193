/**
 * Agent interruptions in calls with timestamps. Transcripts give when each turn starts; until
 * they also give when it ends, a turn's length is estimated from its words at a fast speaking
 * rate, so only clearly early starts count: an agent turn that begins before the customer could
 * have finished the previous turn even speaking quickly (3.5 words/s; conversational Finnish and
 * English run at about 2–3 words/s, Yuan, Liberman & Cieri 2006) interrupts it.
 *
 * Example: customer at 10.0 s says 14 words (≥ 4 s at 3.5 words/s); agent starts at 11.5 s → interruption.
 */
export const FAST_SPEECH_WORDS_PER_SECOND = 3.5;
/** Slack for timestamp rounding in transcripts. */
const SLACK_SECONDS = 0.3;

export interface TimedTurn {
  speaker: string;
  text: string;
  offsetSeconds?: number | undefined;
}

/** Indices of agent turns that start while the customer's preceding turn was surely still going. */
export function findInterruptions(turns: readonly TimedTurn[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < turns.length; i++) {
    const turn = turns[i] as TimedTurn;
    const before = turns[i - 1] as TimedTurn;
    if (turn.speaker !== "agent" || before.speaker !== "customer") continue;
    if (turn.offsetSeconds === undefined || before.offsetSeconds === undefined) continue;
    const words = before.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    const shortestEnd = before.offsetSeconds + words / FAST_SPEECH_WORDS_PER_SECOND;
    if (turn.offsetSeconds < shortestEnd - SLACK_SECONDS) out.push(i);
  }
  return out;
}
