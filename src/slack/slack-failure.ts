import { ErrorCode as SlackSdkCode } from '@slack/web-api';

/**
 * What went wrong with one Slack call, in the terms we persist and print:
 * Slack's error code, the scopes it asked for and the ones the token has,
 * and whether trying again later can help.
 */
export interface SlackFailure {
  /** The Web API method that failed. */
  method: string;
  /** Slack's `error` (missing_scope, users_not_found, ...) or ours (network, http_503, ratelimited). */
  code: string;
  message: string;
  /** Comma-separated scopes Slack said the method needs (missing_scope only). */
  needed: string | undefined;
  /** Comma-separated scopes the token holds (from the error body or x-oauth-scopes). */
  provided: string | undefined;
  /** Seconds Slack asked us to wait (HTTP 429 Retry-After). */
  retryAfterSeconds: number | undefined;
  /** Rate limits, network faults and Slack-side 5xx: retry with backoff. Everything else waits for a fix. */
  transient: boolean;
}

/** Slack errors that are Slack's own hiccups, worth retrying. */
const TRANSIENT_PLATFORM_CODES = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Error codes that mean the token itself is unusable: every later call fails the same way. */
export const TOKEN_DEAD_CODES = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);

interface PlatformData {
  error?: string;
  needed?: string;
  provided?: string;
  response_metadata?: { scopes?: string[]; retryAfter?: number };
}

/** Maps anything the WebClient throws to a SlackFailure. */
export function toSlackFailure(method: string, error: unknown): SlackFailure {
  const base = {
    method,
    needed: undefined,
    provided: undefined,
    retryAfterSeconds: undefined,
  };
  const e = error as {
    code?: string;
    data?: PlatformData;
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  if (e?.code === SlackSdkCode.PlatformError && e.data) {
    const code = e.data.error ?? 'unknown_error';
    const scopes = e.data.response_metadata?.scopes;
    return {
      ...base,
      code,
      message: e.message ?? code,
      needed: e.data.needed,
      provided: e.data.provided ?? (scopes?.length ? scopes.join(',') : undefined),
      retryAfterSeconds: e.data.response_metadata?.retryAfter,
      transient: TRANSIENT_PLATFORM_CODES.has(code),
    };
  }
  if (e?.code === SlackSdkCode.RateLimitedError) {
    return {
      ...base,
      code: 'ratelimited',
      message: e.message ?? 'rate limited',
      retryAfterSeconds: e.retryAfter,
      transient: true,
    };
  }
  if (e?.code === SlackSdkCode.HTTPError) {
    const status = e.statusCode ?? 0;
    return {
      ...base,
      code: `http_${status}`,
      message: e.message ?? `HTTP ${status}`,
      transient: status >= 500 || status === 408,
    };
  }
  if (e?.code === SlackSdkCode.RequestError) {
    return { ...base, code: 'network', message: e.message ?? 'request failed', transient: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, code: 'unexpected', message, transient: true };
}

/** One line for people: `missing_scope (needed: users:read.email; provided: chat:write)`. */
export function describeSlackFailure(failure: SlackFailure): string {
  const parts: string[] = [];
  if (failure.needed) parts.push(`needed: ${failure.needed}`);
  if (failure.provided) parts.push(`provided: ${failure.provided}`);
  if (failure.retryAfterSeconds !== undefined)
    parts.push(`retry after ${failure.retryAfterSeconds}s`);
  return `${failure.method}: ${failure.code}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}
