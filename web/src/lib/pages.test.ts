import { describe, expect, it } from 'vitest';
import { findInPages, type Page, withCursor } from './pages.ts';

/** A list of `n` ids served `size` at a time, cursor = index of the next item. */
function list(n: number, size: number) {
  const asked: (string | null)[] = [];
  const fetchPage = async (cursor: string | null): Promise<Page<{ id: number }>> => {
    asked.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, n - from)) }, (_, i) => ({
      id: from + i,
    }));
    return { items, nextCursor: from + size < n ? String(from + size) : null };
  };
  return { fetchPage, asked };
}

describe('findInPages', () => {
  it('follows nextCursor until the item turns up, and stops there', async () => {
    const { fetchPage, asked } = list(10, 3);
    expect(await findInPages(fetchPage, (i) => i.id === 7)).toEqual({ id: 7 });
    expect(asked).toEqual([null, '3', '6']);
  });

  it('answers undefined at the end of the list, or after maxPages', async () => {
    const all = list(10, 3);
    expect(await findInPages(all.fetchPage, (i) => i.id === 99)).toBeUndefined();
    expect(all.asked).toHaveLength(4);
    const capped = list(100, 3);
    expect(await findInPages(capped.fetchPage, (i) => i.id === 99, 2)).toBeUndefined();
    expect(capped.asked).toHaveLength(2);
  });
});

describe('withCursor', () => {
  it.each([
    ['/reviews?limit=50', null, '/reviews?limit=50'],
    ['/reviews?limit=50', 'WyIyMDI1Il0', '/reviews?limit=50&cursor=WyIyMDI1Il0'],
    ['/reviews', 'a-b_c', '/reviews?cursor=a-b_c'],
  ])('%s with %s is %s', (url, cursor, expected) => {
    expect(withCursor(url, cursor)).toBe(expected);
  });
});
