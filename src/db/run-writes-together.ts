import { type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

/**
 * Sends several writes (drizzle insert/update/delete builders) as ONE
 * statement of data-modifying CTEs: one round trip instead of one per write,
 * and atomic on its own. The writes run against one snapshot and cannot see
 * each other's rows, so use it only for writes that do not read what another
 * one writes (foreign keys are checked at the end of the statement, so a row
 * may refer to one inserted beside it). `null` entries are skipped.
 */
export async function runWritesTogether(
  db: DbOrTx,
  writes: (SQLWrapper | null | undefined | false)[],
): Promise<void> {
  const present = writes.filter((w): w is SQLWrapper => Boolean(w));
  if (present.length === 0) return;
  if (present.length === 1) {
    await db.execute(present[0]!.getSQL());
    return;
  }
  const parts = present.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
