import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from './verify-slack-signature.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
const now = 1_700_000_000_000;
const ts = String(now / 1000);

describe('verifySlackSignature', () => {
  it.each([
    ['valid', { timestamp: ts, signature: signSlackRequest(secret, ts, body) }, { ok: true }],
    [
      '4m59s old',
      {
        timestamp: String(now / 1000 - 299),
        signature: signSlackRequest(secret, String(now / 1000 - 299), body),
      },
      { ok: true },
    ],
    [
      'stale (5m01s old)',
      {
        timestamp: String(now / 1000 - 301),
        signature: signSlackRequest(secret, String(now / 1000 - 301), body),
      },
      { ok: false, reason: 'stale' },
    ],
    [
      'from the future',
      {
        timestamp: String(now / 1000 + 301),
        signature: signSlackRequest(secret, String(now / 1000 + 301), body),
      },
      { ok: false, reason: 'stale' },
    ],
    [
      'forged (other secret)',
      { timestamp: ts, signature: signSlackRequest('another-secret', ts, body) },
      { ok: false, reason: 'bad_signature' },
    ],
    [
      'truncated signature',
      { timestamp: ts, signature: signSlackRequest(secret, ts, body).slice(0, 20) },
      { ok: false, reason: 'bad_signature' },
    ],
    [
      'no signature',
      { timestamp: ts, signature: undefined },
      { ok: false, reason: 'missing_headers' },
    ],
    [
      'no timestamp',
      { timestamp: undefined, signature: 'v0=00' },
      { ok: false, reason: 'missing_headers' },
    ],
  ])('%s', (_name, headers, expected) => {
    expect(
      verifySlackSignature({ signingSecret: secret, rawBody: body, nowMs: now, ...headers }),
    ).toEqual(expected);
  });

  it('covers the body: a changed body fails', () => {
    const signature = signSlackRequest(secret, ts, body);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        timestamp: ts,
        signature,
        rawBody: `${body}x`,
        nowMs: now,
      }),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });
});
