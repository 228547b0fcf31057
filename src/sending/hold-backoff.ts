/** First wait after a held send; doubles with every further hold of the same draft. */
export const HOLD_FIRST_DELAY_MS = 30_000;
/** Longest wait between two attempts of a held send. */
export const HOLD_MAX_DELAY_MS = 30 * 60_000;

/**
 * When a held send tries again: 30 s, 1 min, 2 min, … capped at 30 min, so a
 * fixed password resumes sends within half an hour without hammering a
 * server that refuses us. Pure: `now` and the number of earlier holds are given.
 */
export function nextHeldAttempt(now: Date, earlierHolds: number): Date {
  const exponent = Math.min(Math.max(earlierHolds, 0), 16);
  const delay = Math.min(HOLD_FIRST_DELAY_MS * 2 ** exponent, HOLD_MAX_DELAY_MS);
  return new Date(now.getTime() + delay);
}
