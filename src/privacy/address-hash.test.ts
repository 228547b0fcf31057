import { describe, expect, it } from 'vitest';
import { escapeForRegex, hashAddress, normaliseAddress } from './address-hash.ts';

describe('hashAddress', () => {
  it('hashes the trimmed, lower-cased address, so case and spaces do not escape a suppression', () => {
    expect(normaliseAddress('  Anna.Berg@Example.COM ')).toBe('anna.berg@example.com');
    expect(hashAddress('  Anna.Berg@Example.COM ')).toBe(hashAddress('anna.berg@example.com'));
    expect(hashAddress('anna@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps different addresses apart (no plus or dot folding)', () => {
    expect(hashAddress('anna+x@example.com')).not.toBe(hashAddress('anna@example.com'));
    expect(hashAddress('a.nna@example.com')).not.toBe(hashAddress('anna@example.com'));
  });
});

describe('escapeForRegex', () => {
  it('matches the address literally', () => {
    const re = new RegExp(escapeForRegex('anna+x@ex.com'), 'i');
    expect(re.test('to: ANNA+X@EX.COM')).toBe(true);
    expect(re.test('annaax@exxcom')).toBe(false);
  });
});
