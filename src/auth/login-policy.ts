/**
 * Pure sign-in throttling rules. Two layers: a per-address window (stops one
 * machine from guessing across many accounts) and a per-account lockout
 * (stops many machines from guessing one password).
 */

export const LOGIN_POLICY = {
  /** Attempts allowed per client address per window. */
  perAddressLimit: 20,
  windowMs: 15 * 60_000,
  /** Consecutive failures that lock the account. */
  lockAfterFailures: 5,
  lockMs: 15 * 60_000,
} as const;

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Whether a client address may try again, given the times of its recent attempts. */
export function checkAddressWindow(
  attempts: readonly number[],
  now: number,
  policy = LOGIN_POLICY,
): LoginVerdict {
  const recent = attempts.filter((t) => now - t < policy.windowMs);
  if (recent.length < policy.perAddressLimit) return { allowed: true };
  const oldest = Math.min(...recent);
  return { allowed: false, retryAfterMs: oldest + policy.windowMs - now };
}

/** Whether an account is locked right now. */
export function checkAccountLock(lockedUntil: Date | null, now: Date): LoginVerdict {
  if (!lockedUntil || lockedUntil.getTime() <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterMs: lockedUntil.getTime() - now.getTime() };
}

/** The account's state after a failed attempt: the count, and a lock once it reaches the limit. */
export function afterFailure(
  failedLogins: number,
  now: Date,
  policy = LOGIN_POLICY,
): { failedLogins: number; lockedUntil: Date | null } {
  const count = failedLogins + 1;
  if (count < policy.lockAfterFailures) return { failedLogins: count, lockedUntil: null };
  return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMs) };
}
