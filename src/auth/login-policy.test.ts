import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  checkAccountLock,
  checkAddressWindow,
  LOGIN_POLICY,
} from './login-policy.ts';

const now = Date.parse('2026-03-02T10:00:00Z');

describe('checkAddressWindow', () => {
  it('allows an address under the limit and refuses the next attempt with the wait', () => {
    const attempts = Array.from(
      { length: LOGIN_POLICY.perAddressLimit - 1 },
      (_, i) => now - i * 1000,
    );
    expect(checkAddressWindow(attempts, now)).toEqual({ allowed: true });
    const full = [...attempts, now - 60_000];
    expect(checkAddressWindow(full, now)).toEqual({
      allowed: false,
      retryAfterMs: LOGIN_POLICY.windowMs - 60_000,
    });
  });

  it('forgets attempts older than the window', () => {
    const old = Array.from({ length: 50 }, () => now - LOGIN_POLICY.windowMs);
    expect(checkAddressWindow(old, now)).toEqual({ allowed: true });
  });
});

describe('account lockout', () => {
  it('locks after the fifth consecutive failure, for the lock period', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < LOGIN_POLICY.lockAfterFailures - 1; i++) {
      state = afterFailure(state.failedLogins, new Date(now));
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailure(state.failedLogins, new Date(now));
    expect(state.lockedUntil?.getTime()).toBe(now + LOGIN_POLICY.lockMs);
    expect(checkAccountLock(state.lockedUntil, new Date(now + 1000))).toEqual({
      allowed: false,
      retryAfterMs: LOGIN_POLICY.lockMs - 1000,
    });
    expect(checkAccountLock(state.lockedUntil, new Date(now + LOGIN_POLICY.lockMs))).toEqual({
      allowed: true,
    });
  });
});
