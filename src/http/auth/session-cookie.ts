/** The dashboard's session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict. */
export const SESSION_COOKIE = 'autosend_session';

/** Reads one cookie from a Cookie header (RFC 6265 pairs separated by `;`). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value for a session token, or (token null) one that clears
 * it. Browsers accept Secure cookies from http://localhost, so development
 * over plain HTTP on localhost still works; any other host needs HTTPS.
 */
export function sessionCookie(token: string | null, maxAgeSeconds: number): string {
  const value = token === null ? '' : encodeURIComponent(token);
  const age = token === null ? 0 : Math.floor(maxAgeSeconds);
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${age}`;
}
