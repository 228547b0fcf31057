import { desc, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { editExamples } from '../db/schema.ts';
import { pickHouseStyleExamples } from './pick-house-style.ts';

/** How far back similarity is measured: the campaign's most recent edits. */
const RECENT = 200;

type EditExampleRow = typeof editExamples.$inferSelect;

/**
 * A campaign's edit examples change only by insert (a reviewer's edit is
 * kept) or delete (cascades): their count and newest `created_at` change with
 * every such write, so this stamp, read in the reply's context query, says
 * whether a cached copy is still current. As SQL over the campaign id.
 */
export function houseStyleStampSql(campaignId: SQLWrapper): SQL<string> {
  return sql<string>`(select count(*)::text || ':' || coalesce(max(${editExamples.createdAt})::text, '')
    from ${editExamples} where ${editExamples.campaignId} = ${campaignId})`;
}

/**
 * The recent edit examples of campaigns this process has drafted for, each
 * kept with the stamp it was read at; a different stamp reads them again.
 * Bounded: the least recently used campaign goes first.
 */
export interface HouseStyleCache {
  recent(db: DbOrTx, campaignId: string, stamp: string): Promise<EditExampleRow[]>;
}

/** A process-wide house-style cache (see HouseStyleCache). */
export function makeHouseStyleCache(maxCampaigns = 500): HouseStyleCache {
  const entries = new Map<string, { stamp: string; rows: EditExampleRow[] }>();
  return {
    async recent(db, campaignId, stamp) {
      const hit = entries.get(campaignId);
      entries.delete(campaignId);
      if (hit && hit.stamp === stamp) {
        entries.set(campaignId, hit);
        return hit.rows;
      }
      // No edits yet: nothing to read.
      const rows = stamp.startsWith('0:') ? [] : await readRecent(db, campaignId);
      entries.set(campaignId, { stamp, rows });
      if (entries.size > maxCampaigns) entries.delete(entries.keys().next().value!);
      return rows;
    },
  };
}

async function readRecent(db: DbOrTx, campaignId: string): Promise<EditExampleRow[]> {
  return db
    .select()
    .from(editExamples)
    .where(eq(editExamples.campaignId, campaignId))
    .orderBy(desc(editExamples.createdAt))
    .limit(RECENT);
}

/**
 * The campaign's reviewer edits most similar to this reply, as drafter
 * examples (already scrubbed of personal data when they were kept). With a
 * cache and the campaign's current stamp (houseStyleStampSql), the edits are
 * read only when they changed.
 */
export async function loadHouseStyle(
  db: DbOrTx,
  input: { campaignId: string; replyText: string; category: string; limit: number },
  cached?: { cache: HouseStyleCache; stamp: string },
): Promise<{ draft: string; sent: string }[]> {
  if (input.limit <= 0) return [];
  const recent = cached
    ? await cached.cache.recent(db, input.campaignId, cached.stamp)
    : await readRecent(db, input.campaignId);
  return pickHouseStyleExamples(
    { text: input.replyText, category: input.category },
    recent,
    input.limit,
  ).map((e) => ({ draft: e.draftText, sent: e.sentText }));
}
