/**
 * When a failed notification is tried again. The delays follow the schedule Standard Webhooks'
 * reference implementation (Svix) publishes — 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — so a
 * delivery gets 8 attempts over about 27.6 hours, long enough to outlive a receiver's bad night.
 * Each delay is spread by ±20% (jitter) so that endpoints that fail together are not retried in
 * lockstep. Example: after the 1st failed attempt at 12:00:00 the next is due 12:00:04–12:00:06.
 */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;

/** The first attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** Jitter spreads a delay to [1 − JITTER, 1 + JITTER] of itself. */
export const JITTER = 0.2;

/**
 * The time of the next attempt after `attemptsMade` failed ones (1 after the first failure), or
 * null when none is left. `random` returns a number in [0, 1) (Math.random by default).
 */
export function nextAttemptAt(
  attemptsMade: number,
  now: string,
  random: () => number = Math.random,
): string | null {
  const delay = RETRY_DELAYS_SECONDS[attemptsMade - 1];
  if (delay === undefined) return null;
  const spread = 1 - JITTER + 2 * JITTER * random();
  return new Date(Date.parse(now) + delay * spread * 1000).toISOString();
}
