/**
 * The analysis stage that every text passes through at ingest. The real analyzers (tone, arc,
 * emotions, themes, effort, behaviours, redaction) arrive with the analysis engine; until then the
 * pipeline is this explicit no-op, which stores nothing rather than inventing results.
 */

export interface TurnInput {
  speaker: "customer" | "agent" | "bot";
  text: string;
  offsetSeconds?: number | undefined;
}

export interface TextAnalyzer {
  /** Stored with every result, so results of different model versions are never mixed. */
  readonly version: string;
  /** Analysis of a whole encounter, or null when this analyzer has nothing to say. */
  analyzeEncounter(turns: readonly TurnInput[]): unknown | null;
  /** Analysis of a free-text survey or pulse comment, or null. */
  analyzeComment(text: string): unknown | null;
}

/** Placeholder stage: passes text through and produces no results. */
export const NOOP_ANALYZER: TextAnalyzer = Object.freeze({
  version: "noop-0",
  analyzeEncounter: () => null,
  analyzeComment: () => null,
});

export function defaultAnalyzer(): TextAnalyzer {
  return NOOP_ANALYZER;
}
