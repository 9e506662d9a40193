/** What survey scores can be broken down by, in reports, the API and the CLI. */
export const SCORE_GROUPINGS = ["team", "channel", "month", "agent", "touchpoint", "segment"] as const;
export type ScoreGrouping = (typeof SCORE_GROUPINGS)[number];
