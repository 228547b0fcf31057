import { describe, expect, it } from 'vitest';
import { readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie.ts';

describe('session cookie', () => {
  it('is HttpOnly, Secure and SameSite=Strict, scoped to the whole site', () => {
    const cookie = sessionCookie('abc', 3600);
    expect(cookie).toBe(
      `${SESSION_COOKIE}=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600`,
    );
    expect(sessionCookie(null, 3600)).toMatch(
      /=; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=0$/,
    );
  });

  it('reads the named cookie among others and ignores malformed pairs', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=tok%2Fen; b`, SESSION_COOKIE)).toBe('tok/en');
    expect(readCookie('other=1', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(`${SESSION_COOKIE}=%E0%A4%A`, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});
