import { checkAddressWindow, LOGIN_POLICY, type LoginVerdict } from '../../auth/login-policy.ts';

/**
 * Per-address sign-in attempts, kept in this process's memory. Each process
 * counts on its own (a known limit when scaled out: the per-account lockout
 * in PostgreSQL is the shared defence).
 */
export function makeAddressLimiter(policy = LOGIN_POLICY) {
  const attempts = new Map<string, number[]>();
  return {
    /** Records an attempt and says whether it may proceed. */
    attempt(address: string, now: number): LoginVerdict {
      const recent = (attempts.get(address) ?? []).filter((t) => now - t < policy.windowMs);
      const verdict = checkAddressWindow(recent, now, policy);
      if (verdict.allowed) recent.push(now);
      attempts.set(address, recent);
      if (attempts.size > 10_000) {
        for (const [key, times] of attempts) {
          if (times.every((t) => now - t >= policy.windowMs)) attempts.delete(key);
        }
      }
      return verdict;
    },
  };
}
