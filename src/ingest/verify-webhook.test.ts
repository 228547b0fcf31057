import { describe, expect, it } from 'vitest';
import { signGenericBody, verifyWebhook } from './verify-webhook.ts';

const SECRET = 'whsec_4f7c8d23a619';
const NOW = new Date('2026-11-20T10:00:00Z');
const body = Buffer.from('{"id":"r1","lead":{"email":"a@b.co"},"text":"hi"}');
const parts = (headers: Record<string, string>, extra: object = {}) => ({
  rawBody: body,
  headers,
  query: {},
  ...extra,
});

describe('verifyWebhook: generic', () => {
  it('accepts the HMAC of the raw body and refuses anything else', () => {
    const signature = signGenericBody(SECRET, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhook('generic', parts({ 'x-autosend-signature': signature }), SECRET, NOW),
    ).toEqual({
      ok: true,
      method: 'hmac',
    });
    const bad: Record<string, string>[] = [
      {},
      { 'x-autosend-signature': signGenericBody('other-secret', body) },
      { 'x-autosend-signature': signGenericBody(SECRET, `${body} `) },
      { 'x-autosend-signature': 'sha256=' },
      // A shared secret is not enough for the generic source.
      { authorization: `Bearer ${SECRET}` },
    ];
    for (const headers of bad) {
      expect(verifyWebhook('generic', parts(headers), SECRET, NOW).ok).toBe(false);
    }
  });

  it('with a timestamp, signs "<timestamp>.<body>" and refuses one older than 5 minutes', () => {
    const ts = Math.floor(NOW.getTime() / 1000) - 60;
    const headers = {
      'x-autosend-timestamp': String(ts),
      'x-autosend-signature': signGenericBody(SECRET, body, ts),
    };
    expect(verifyWebhook('generic', parts(headers), SECRET, NOW)).toEqual({
      ok: true,
      method: 'hmac-timestamp',
    });
    const later = new Date(NOW.getTime() + 10 * 60_000);
    expect(verifyWebhook('generic', parts(headers), SECRET, later)).toMatchObject({ ok: false });
    // The body-only signature does not pass once a timestamp is sent.
    const mixed = { ...headers, 'x-autosend-signature': signGenericBody(SECRET, body) };
    expect(verifyWebhook('generic', parts(mixed), SECRET, NOW).ok).toBe(false);
  });

  it('refuses everything when the workspace has no secret', () => {
    expect(
      verifyWebhook(
        'generic',
        parts({ 'x-autosend-signature': signGenericBody('', body) }),
        '',
        NOW,
      ).ok,
    ).toBe(false);
  });
});

describe('verifyWebhook: platforms', () => {
  it('smartlead: secret_key in the payload or X-Smartlead-Signature', () => {
    expect(
      verifyWebhook('smartlead', parts({}, { body: { secret_key: SECRET } }), SECRET, NOW),
    ).toEqual({
      ok: true,
      method: 'secret_key',
    });
    expect(
      verifyWebhook('smartlead', parts({}, { body: { secret_key: 'guess' } }), SECRET, NOW).ok,
    ).toBe(false);
    expect(verifyWebhook('smartlead', parts({}, { body: {} }), SECRET, NOW).ok).toBe(false);
    const signed = { 'x-smartlead-signature': signGenericBody(SECRET, body) };
    expect(verifyWebhook('smartlead', parts(signed), SECRET, NOW)).toEqual({
      ok: true,
      method: 'x-smartlead-signature',
    });
  });

  it('instantly: Authorization Bearer or X-Autosend-Secret, not the query', () => {
    expect(
      verifyWebhook('instantly', parts({ authorization: `Bearer ${SECRET}` }), SECRET, NOW).ok,
    ).toBe(true);
    expect(verifyWebhook('instantly', parts({ 'x-autosend-secret': SECRET }), SECRET, NOW).ok).toBe(
      true,
    );
    expect(
      verifyWebhook('instantly', parts({ authorization: 'Bearer nope' }), SECRET, NOW).ok,
    ).toBe(false);
    expect(
      verifyWebhook('instantly', parts({}, { query: { secret: SECRET } }), SECRET, NOW).ok,
    ).toBe(false);
  });

  it('emailbison: ?secret= or the same headers', () => {
    expect(
      verifyWebhook('emailbison', parts({}, { query: { secret: SECRET } }), SECRET, NOW),
    ).toEqual({
      ok: true,
      method: 'query',
    });
    expect(
      verifyWebhook('emailbison', parts({ 'x-autosend-secret': SECRET }), SECRET, NOW).ok,
    ).toBe(true);
    expect(
      verifyWebhook('emailbison', parts({}, { query: { secret: `${SECRET}x` } }), SECRET, NOW).ok,
    ).toBe(false);
    expect(verifyWebhook('emailbison', parts({}), SECRET, NOW).ok).toBe(false);
  });
});
