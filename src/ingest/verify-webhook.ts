import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSource } from './map-webhook-payload.ts';

/*
 * Who may write into a workspace. Pure: the caller passes the raw body, the
 * headers, the query, the parsed body (for Smartlead's in-payload secret),
 * the workspace's secret and the clock.
 *
 * - generic: `X-Autosend-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.
 *   With `X-Autosend-Timestamp: <unix seconds>` the HMAC covers
 *   `<timestamp>.<raw body>` and the timestamp must be within 5 minutes.
 * - smartlead: `secret_key` in the payload, or `X-Smartlead-Signature: sha256=<hex>`.
 * - instantly: a header set in the webhook's `headers`: `Authorization: Bearer
 *   <secret>` or `X-Autosend-Secret: <secret>`.
 * - emailbison: no signing is documented: `?secret=<secret>` in the URL, or
 *   the same headers as Instantly.
 */

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface WebhookRequestParts {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  /** The parsed JSON body, when it parsed. */
  body?: unknown;
}

export type VerifyResult = { ok: true; method: string } | { ok: false; reason: string };

/** Checks one delivery against the workspace secret. */
export function verifyWebhook(
  source: WebhookSource,
  request: WebhookRequestParts,
  secret: string,
  now: Date,
): VerifyResult {
  if (secret === '') return fail('the workspace has no webhook secret');
  switch (source) {
    case 'generic':
      return verifyGenericSignature(request, secret, now);
    case 'smartlead': {
      const body = request.body;
      const inPayload =
        body !== null && typeof body === 'object' && !Array.isArray(body)
          ? (body as Record<string, unknown>).secret_key
          : undefined;
      if (typeof inPayload === 'string' && safeEqual(inPayload, secret)) {
        return { ok: true, method: 'secret_key' };
      }
      const signature = header(request.headers, 'x-smartlead-signature');
      if (signature && signatureMatches(signature, hmac(secret, request.rawBody))) {
        return { ok: true, method: 'x-smartlead-signature' };
      }
      return sharedSecret(request, secret, false) ?? fail('missing or wrong secret_key');
    }
    case 'instantly':
      return sharedSecret(request, secret, false) ?? fail('missing or wrong secret header');
    case 'emailbison':
      return sharedSecret(request, secret, true) ?? fail('missing or wrong secret');
  }
}

/** The value to put in X-Autosend-Signature for a body (and optional timestamp). */
export function signGenericBody(secret: string, rawBody: Buffer | string, timestamp?: number) {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
  const signed =
    timestamp === undefined ? body : Buffer.concat([Buffer.from(`${timestamp}.`), body]);
  return `sha256=${hmac(secret, signed)}`;
}

function verifyGenericSignature(request: WebhookRequestParts, secret: string, now: Date) {
  const signature = header(request.headers, 'x-autosend-signature');
  if (!signature) return fail('missing X-Autosend-Signature');
  const timestamp = header(request.headers, 'x-autosend-timestamp');
  let signed = request.rawBody;
  if (timestamp !== undefined) {
    if (!/^\d{1,12}$/.test(timestamp)) return fail('bad X-Autosend-Timestamp');
    const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
    if (skew > SIGNATURE_TOLERANCE_SECONDS) return fail('X-Autosend-Timestamp too far from now');
    signed = Buffer.concat([Buffer.from(`${timestamp}.`), request.rawBody]);
  }
  return signatureMatches(signature, hmac(secret, signed))
    ? { ok: true as const, method: timestamp ? 'hmac-timestamp' : 'hmac' }
    : fail('signature does not match');
}

function sharedSecret(
  request: WebhookRequestParts,
  secret: string,
  allowQuery: boolean,
): VerifyResult | undefined {
  const authorization = header(request.headers, 'authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer && safeEqual(bearer, secret)) return { ok: true, method: 'authorization' };
  const custom = header(request.headers, 'x-autosend-secret');
  if (custom && safeEqual(custom.trim(), secret)) return { ok: true, method: 'x-autosend-secret' };
  const query = request.query.secret;
  if (allowQuery && typeof query === 'string' && safeEqual(query, secret)) {
    return { ok: true, method: 'query' };
  }
  return undefined;
}

function header(headers: WebhookRequestParts['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hmac(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function signatureMatches(headerValue: string, expectedHex: string): boolean {
  const given = headerValue
    .trim()
    .replace(/^sha256=/i, '')
    .toLowerCase();
  return safeEqual(given, expectedHex);
}

/** Constant-time equality of two strings of any length (both are hashed first). */
function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}
