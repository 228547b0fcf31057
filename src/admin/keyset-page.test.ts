import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pageFields, pageOf } from './keyset-page.ts';

const ID = '0b5e7a52-3c1d-4f7e-9a2b-6d8c1e0f4a37';

describe('cursor', () => {
  it.each([
    ['2026-12-02 15:10:04.123456+00', ID],
    ['2026-12-02 15:10:04+05:30', ID],
    ['2026-12-02T15:10:04.1Z', ID],
  ])('round-trips %s exactly (microseconds kept)', (at, id) => {
    const cursor = encodeCursor({ at, id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at, id });
  });

  it.each([
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an object', Buffer.from('{}').toString('base64url')],
    [
      'a date that is not one',
      Buffer.from(JSON.stringify(['2026-13-45 99:00:00+00', ID])).toString('base64url'),
    ],
    ['words for a time', Buffer.from(JSON.stringify(['yesterday', ID])).toString('base64url')],
    [
      'no uuid',
      Buffer.from(JSON.stringify(['2026-12-02 15:10:04+00', '42'])).toString('base64url'),
    ],
    [
      'three parts',
      Buffer.from(JSON.stringify(['2026-12-02 15:10:04+00', ID, 1])).toString('base64url'),
    ],
    ['empty', ''],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });

  it('the cursor field names itself when the cursor is bad', () => {
    const schema = z.strictObject(pageFields);
    const bad = schema.safeParse({ cursor: 'nope!' });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['cursor']]);
    expect(schema.parse({})).toEqual({ limit: 50 });
  });
});

describe('pageOf', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: ID, sortKey: `2026-12-02 15:10:0${i}+00`, n: i }));

  it('a fetched extra row means another page: the cursor is the last kept row', () => {
    const page = pageOf(rows(4), 3);
    expect(page.items).toEqual([
      { id: ID, n: 0 },
      { id: ID, n: 1 },
      { id: ID, n: 2 },
    ]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: '2026-12-02 15:10:02+00', id: ID });
  });

  it('no extra row: the last page, no cursor', () => {
    expect(pageOf(rows(3), 3).nextCursor).toBeNull();
    expect(pageOf([], 3)).toEqual({ items: [], nextCursor: null });
  });
});
