import type { Speaker, Turn } from "../domain/index.ts";
import type { Rng } from "./prng.ts";

/**
 * Collects turns and keeps a clock, so offsets and the encounter's end time follow from how long
 * the text is (people speak ~14 characters a second and type ~4), not from a fixed constant.
 */
export class TurnWriter {
  readonly turns: Turn[] = [];
  /** Seconds since the conversation started. */
  clock = 0;

  constructor(
    private readonly rng: Rng,
    private readonly mode: "spoken" | "typed" | "bot" | "none",
  ) {}

  say(speaker: Speaker, text: string): void {
    const turn: Turn = { seq: this.turns.length, speaker, text };
    if (this.mode !== "none") turn.offsetSeconds = Math.round(this.clock);
    this.turns.push(turn);
    this.clock += this.durationOf(speaker, text);
  }

  /** Silence on the line: the agent checks systems, a transfer rings through, a queue. */
  pause(seconds: number): void {
    this.clock += seconds;
  }

  private durationOf(speaker: Speaker, text: string): number {
    const rng = this.rng;
    if (this.mode === "spoken") return text.length / 14 + rng.int(1, 4);
    if (this.mode === "bot") return speaker === "bot" ? rng.int(1, 3) : 5 + text.length / 4;
    // typed chat: reading the previous message, then typing this one
    return rng.int(5, 30) + text.length / (speaker === "agent" ? 6 : 4);
  }
}
