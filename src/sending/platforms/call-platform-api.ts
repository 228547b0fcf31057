import { AutosendError } from '../../errors.ts';
import type { DeliveryFailure } from '../email-sender.ts';
import {
  classifyPlatformResponse,
  type PlatformName,
  type PlatformVerdict,
} from './classify-platform-response.ts';

/** How a platform adapter reaches the network; tests and peers use the real fetch. */
export interface PlatformHttp {
  fetch?: typeof fetch;
  timeoutMs: number;
  now?: () => Date;
}

export interface PlatformAnswer {
  status: number;
  body: unknown;
  text: string;
  verdict: PlatformVerdict;
}

/** Network errors that happen before a request can have reached the platform. */
const BEFORE_REQUEST = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_INVALID_URL',
  'BAD_PORT',
]);

const PLATFORM_LABEL: Record<PlatformName, string> = {
  smartlead: 'Smartlead',
  instantly: 'Instantly',
  emailbison: 'EmailBison',
};

/** A failure to reach the platform at all, or a line lost while it was answering. */
export class PlatformNetworkError extends Error {
  readonly beforeRequest: boolean;
  readonly networkCode: string;
  constructor(message: string, beforeRequest: boolean, networkCode: string, cause: unknown) {
    super(message, { cause });
    this.beforeRequest = beforeRequest;
    this.networkCode = networkCode;
  }
}

function networkCodeOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'TIMEOUT';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  // fetch refuses ports the Fetch standard blocks without sending anything.
  if (cause && cause.message === 'bad port') return 'BAD_PORT';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/**
 * One JSON request to a platform API. `what` names the call in errors; the
 * URL is never part of a message (Smartlead carries its key in the query).
 * Throws PlatformNetworkError when no HTTP answer came back.
 */
export async function callPlatformApi(
  http: PlatformHttp,
  request: {
    platform: PlatformName;
    what: string;
    method: 'GET' | 'POST';
    url: URL;
    headers?: Record<string, string>;
    body?: unknown;
  },
): Promise<PlatformAnswer> {
  const doFetch = http.fetch ?? fetch;
  const label = PLATFORM_LABEL[request.platform];
  let response: Response;
  let text: string;
  try {
    response = await doFetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(http.timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const code = networkCodeOf(error);
    const before = BEFORE_REQUEST.has(code);
    const what =
      code === 'TIMEOUT'
        ? `no answer within ${http.timeoutMs} ms`
        : before
          ? `could not reach ${request.url.host} (${code})`
          : `connection lost (${code})`;
    throw new PlatformNetworkError(`${label} ${request.what}: ${what}`, before, code, error);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const verdict = classifyPlatformResponse({
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body,
    text,
    now: (http.now ?? (() => new Date()))(),
  });
  return { status: response.status, body, text, verdict };
}

/**
 * The coded error a platform sender throws, with `details.delivery` telling
 * reply.send whether the reply certainly did not go (`not_sent`), was refused
 * for good (`rejected`) or may have gone (`unknown`). `hold: true` marks
 * failures only an operator can fix (a bad key): the draft waits for them.
 */
export function platformSendError(platform: PlatformName, error: unknown): AutosendError {
  const label = PLATFORM_LABEL[platform];
  if (error instanceof PlatformNetworkError) {
    const delivery: DeliveryFailure = error.beforeRequest ? 'not_sent' : 'unknown';
    return new AutosendError('platform_unavailable', error.message, {
      cause: error,
      details: { delivery, platform, kind: 'network', network: error.networkCode },
    });
  }
  if (error instanceof AutosendError) return error;
  return new AutosendError('platform_unavailable', `${label}: ${(error as Error).message}`, {
    cause: error,
    details: { delivery: 'unknown', platform, kind: 'internal' },
  });
}

/** The error for an HTTP answer that is not a success. */
export function platformVerdictError(
  platform: PlatformName,
  what: string,
  verdict: Exclude<PlatformVerdict, { kind: 'ok' }>,
): AutosendError {
  const label = PLATFORM_LABEL[platform];
  const base = { platform, kind: verdict.kind, httpStatus: verdict.status };
  const message = `${label} ${what}: HTTP ${verdict.status}: ${verdict.message}`;
  switch (verdict.kind) {
    case 'auth':
      return new AutosendError('platform_auth_failed', message, {
        details: { ...base, delivery: 'not_sent', hold: true },
      });
    case 'rate_limited':
      return new AutosendError('platform_rate_limited', message, {
        details: { ...base, delivery: 'not_sent', retryAfterSeconds: verdict.retryAfterSeconds },
      });
    case 'validation':
      return new AutosendError('platform_rejected', message, {
        details: { ...base, delivery: 'rejected' },
      });
    case 'transient':
      return new AutosendError('platform_unavailable', message, {
        details: { ...base, delivery: 'not_sent' },
      });
    case 'unknown':
      return new AutosendError('platform_unavailable', message, {
        details: { ...base, delivery: 'unknown' },
      });
  }
}

/** A base URL with a path appended (keeps an instance URL's own path prefix). */
export function platformUrl(baseUrl: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url;
}
