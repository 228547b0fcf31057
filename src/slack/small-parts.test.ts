import { describe, expect, it } from 'vitest';
import { makeChannelPacer } from './channel-pacer.ts';
import { makeEmailLookupCache } from './email-lookup-cache.ts';
import { parseReviewerTarget } from './reviewer-target.ts';
import { openSecret, sealSecret } from './secret-box.ts';

describe('parseReviewerTarget', () => {
  it.each([
    ['Anna@Acme.example', { kind: 'email', email: 'anna@acme.example' }],
    ['U012AB3CD', { kind: 'member', memberId: 'U012AB3CD' }],
    ['W012A3CDE', { kind: 'member', memberId: 'W012A3CDE' }],
    ['#reviews', { kind: 'channel', channel: '#reviews' }],
    ['C0REVIEWS', { kind: 'channel', channel: 'C0REVIEWS' }],
    ['G0SECRET', { kind: 'channel', channel: 'G0SECRET' }],
    ['reviews', undefined],
    ['u012', undefined],
  ])('%s', (target, expected) => {
    expect(parseReviewerTarget(target)).toEqual(expected);
  });
});

describe('makeChannelPacer', () => {
  it('spaces posts to one channel by the interval, other channels independent', async () => {
    let clock = 0;
    const slept: number[] = [];
    const pacer = makeChannelPacer({
      intervalMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await pacer.wait('D1');
    await pacer.wait('D1');
    await pacer.wait('D1');
    await pacer.wait('C2');
    clock = 5000;
    await pacer.wait('D1');
    expect(slept).toEqual([1000, 2000]);
  });
});

describe('makeEmailLookupCache', () => {
  it('expires entries after the TTL and evicts the least recently used past max', () => {
    let clock = 0;
    const cache = makeEmailLookupCache({ ttlMs: 600_000, max: 2, now: () => clock });
    cache.set('a', 'U1');
    cache.set('b', 'U2');
    expect(cache.get('a')).toBe('U1'); // a is now the most recent
    cache.set('c', 'U3'); // evicts b
    expect(cache.get('b')).toBeUndefined();
    clock = 600_001;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('secret box', () => {
  const key = 'k'.repeat(32);
  it('round-trips and never stores the plain token', () => {
    const sealed = sealSecret('xoxb-123-secret', key);
    expect(sealed).not.toContain('xoxb');
    expect(sealed).toMatch(/^v1:/);
    expect(openSecret(sealed, key)).toBe('xoxb-123-secret');
    expect(sealSecret('xoxb-123-secret', key)).not.toBe(sealed); // fresh IV each time
  });

  it('refuses a wrong key or a tampered value', () => {
    const sealed = sealSecret('xoxb-123-secret', key);
    expect(() => openSecret(sealed, 'z'.repeat(32))).toThrow(/AUTOSEND_SECRET_KEY differs/);
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join(':'), key)).toThrow(/cannot be decrypted/);
  });
});
