import { describe, expect, it } from 'vitest';
import { cleanForPostgres, cleanText, findTooDeep } from './clean-for-postgres.ts';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('cleanText', () => {
  it.each([
    ['a\u0000b', 'ab'],
    ['lone high \uD800 here', 'lone high \uFFFD here'],
    ['lone low \uDC00', 'lone low \uFFFD'],
    ['pair 😀 kept', 'pair 😀 kept'],
    ['Grüße, ça va', 'Grüße, ça va'],
    ['\uDBFF\uDBFF\uDC00', '\uFFFD\uDBFF\uDC00'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('findTooDeep', () => {
  it('passes a real payload and names the field of a 10,000-deep one without recursing', () => {
    expect(findTooDeep({ data: { reply: { id: 1, to: [{ address: 'a@b.c' }] } } })).toBeUndefined();
    expect(findTooDeep({ id: 'x', flags: nested(10_000) })).toBe('flags.a.a.a…');
    expect(findTooDeep({ headers: [[[[]]]] }, 3)).toBe('headers.0.0');
  });
});

describe('cleanForPostgres', () => {
  it('cleans strings and keys, keeps dates and the rest, and lists what changed', () => {
    const at = new Date('2026-11-19T10:00:00Z');
    const result = cleanForPostgres({
      providerMessageId: 'id\u0000',
      text: 'fine',
      receivedAt: at,
      platformFlags: { 'bad\u0000key': true, list: ['ok', 'x\uD800'] },
      n: 3,
    });
    expect(result.value).toEqual({
      providerMessageId: 'id',
      text: 'fine',
      receivedAt: at,
      platformFlags: { badkey: true, list: ['ok', 'x\uFFFD'] },
      n: 3,
    });
    expect(result.value.receivedAt).toBeInstanceOf(Date);
    expect(result.changed).toEqual([
      'platformFlags.badkey (key)',
      'platformFlags.list.1',
      'providerMessageId',
    ]);
    expect(result.changedCount).toBe(3);
  });

  it('changes nothing in a clean value', () => {
    expect(cleanForPostgres({ a: ['b', { c: 'd' }] })).toEqual({
      value: { a: ['b', { c: 'd' }] },
      changed: [],
      changedCount: 0,
    });
  });
});
