import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

/*
 * Keyset (cursor) paging for lists ordered newest first by (time, id). The
 * cursor is the last row's sort key, base64url-encoded JSON, opaque to
 * clients: the next page starts strictly after it, so rows inserted while a
 * client pages never shift a page (no row twice, none skipped), and a deep
 * page costs what the first does (an index range, no OFFSET to count off).
 * The time travels as PostgreSQL's own text, microseconds included: a
 * JavaScript Date would round them off and skip rows within a millisecond.
 */

/** Where a page ended: the last row's sort time (PostgreSQL text) and id. */
export interface CursorKey {
  at: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque cursor of a sort key. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, or null when it is not one of ours. */
export function decodeCursor(cursor: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof at !== 'string' || !TIMESTAMP.test(at) || Number.isNaN(Date.parse(at))) return null;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  return { at, id };
}

/** The `limit` and `cursor` query fields every paged list takes. */
export const pageFields = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const key = decodeCursor(text);
      if (key) return key;
      ctx.addIssue({
        code: 'custom',
        message: "not a cursor: pass the previous page's nextCursor",
      });
      return z.NEVER;
    })
    .describe("the previous page's `nextCursor`; omit for the first page"),
};

/** The sort key to select beside the row, as `sortKey`. */
export function sortKeyOf(at: AnyColumn): SQL<string> {
  return sql<string>`${at}::text`;
}

/** Rows after the cursor in (at desc, id desc) order; undefined on the first page. */
export function afterCursor(at: AnyColumn, id: AnyColumn, cursor?: CursorKey): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${at}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only says another
 * page exists. Drops `sortKey` from the items.
 */
export function pageOf<R extends { sortKey: string; id: string }>(
  rows: R[],
  limit: number,
): Page<Omit<R, 'sortKey'>> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(({ sortKey: _key, ...item }) => item),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.sortKey, id: last.id }) : null,
  };
}
