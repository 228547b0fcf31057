/*
 * What a platform API's answer means, decided once for Smartlead, Instantly
 * and EmailBison. Pure: the clock comes in as `now` (for an HTTP-date
 * Retry-After). The senders turn the verdict into a coded error; the
 * connection test turns it into a sentence for the operator.
 */

export type PlatformName = 'smartlead' | 'instantly' | 'emailbison';

export type PlatformVerdict =
  | { kind: 'ok' }
  /** 401/403: the key is wrong, revoked, or lacks a permission. Nothing was sent. */
  | { kind: 'auth'; status: number; message: string }
  /** 429: nothing was sent; try again after the hint (seconds). */
  | { kind: 'rate_limited'; status: number; message: string; retryAfterSeconds: number }
  /** 400/404/409/422…: refused for good, with the platform's own message. */
  | { kind: 'validation'; status: number; message: string }
  /** 500/502/503: the platform says it failed; retried with backoff. */
  | { kind: 'transient'; status: number; message: string }
  /** 504 or a 2xx we cannot read: the reply may have been sent. */
  | { kind: 'unknown'; status: number; message: string };

/** When the platform gives no Retry-After on a 429. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** Longest wait we accept from a Retry-After header (a bad header must not park a reply for days). */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** Reads Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_SECONDS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  const seconds = Math.ceil((date - now.getTime()) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/**
 * The platform's own error text. Instantly v2 answers `{ statusCode, error,
 * message }`; EmailBison (Laravel) `{ message, errors: { field: [..] } }` or
 * `{ data: { success: false, message } }`; Smartlead `{ message }` or
 * `{ error }` or plain text. ⚠️ Smartlead's and EmailBison's error bodies are
 * not documented page by page: every form above is accepted, else the raw
 * text (cut to 300 characters).
 */
export function platformErrorMessage(body: unknown, text: string): string {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const data =
      b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : undefined;
    const main = [b.message, b.error, data?.message].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    const fieldErrors =
      b.errors && typeof b.errors === 'object' && !Array.isArray(b.errors)
        ? Object.entries(b.errors as Record<string, unknown>)
            .map(([field, v]) => `${field}: ${Array.isArray(v) ? v.join(' ') : String(v)}`)
            .join('; ')
        : '';
    const joined = [main, fieldErrors].filter(Boolean).join(' — ');
    if (joined) return joined.slice(0, 300);
  }
  return text.trim().slice(0, 300) || '(empty body)';
}

/** Classifies one HTTP answer of a platform API. */
export function classifyPlatformResponse(input: {
  status: number;
  retryAfter: string | null;
  body: unknown;
  text: string;
  now: Date;
}): PlatformVerdict {
  const { status } = input;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const message = platformErrorMessage(input.body, input.text);
  if (status === 401 || status === 403) return { kind: 'auth', status, message };
  if (status === 429) {
    const retryAfterSeconds =
      parseRetryAfter(input.retryAfter, input.now) ?? DEFAULT_RETRY_AFTER_SECONDS;
    return { kind: 'rate_limited', status, message, retryAfterSeconds };
  }
  // A gateway timeout answers for a request the platform may still be working on.
  if (status === 504) return { kind: 'unknown', status, message };
  if (status >= 500) return { kind: 'transient', status, message };
  return { kind: 'validation', status, message };
}
