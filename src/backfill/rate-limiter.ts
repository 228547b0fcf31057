/**
 * Requests-per-minute limit: each call waits for its start slot, spaced
 * 60000/rpm ms apart. The clock and the wait are arguments so tests drive it.
 */
export interface RateLimiter {
  /** Resolves when the caller may start its request. */
  take(): Promise<void>;
}

export function makeRateLimiter(
  rpm: number | null | undefined,
  clock: { now: () => number; wait: (ms: number) => Promise<void> } = {
    now: () => performance.now(),
    wait: (ms) => new Promise((r) => setTimeout(r, ms)),
  },
): RateLimiter {
  if (!rpm) return { take: async () => {} };
  const spacing = 60_000 / rpm;
  let next = -Infinity;
  return {
    async take() {
      const now = clock.now();
      const start = Math.max(now, next);
      next = start + spacing;
      if (start > now) await clock.wait(start - now);
    },
  };
}
