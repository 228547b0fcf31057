import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { availabilityCache } from '../db/schema.ts';

export interface AvailabilityStatus {
  /** Null: nothing fetched yet (the first reply that needs slots fetches). */
  source: string | null;
  fetchedAt: string | null;
  stale: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** The next free slots in the cache, soonest first: what a reply would be offered from. */
  nextSlots: { start: string; end: string }[];
}

/** The workspace's cached availability: its last refresh and the next slots it holds (no live fetch). */
export async function getAvailabilityStatus(
  db: Db,
  workspaceId: string,
  now: Date,
  limit = 6,
): Promise<AvailabilityStatus> {
  const [row] = await db
    .select()
    .from(availabilityCache)
    .where(eq(availabilityCache.workspaceId, workspaceId));
  if (!row) {
    return {
      source: null,
      fetchedAt: null,
      stale: false,
      lastError: null,
      lastErrorAt: null,
      nextSlots: [],
    };
  }
  const slots = (row.slots as { start: string; end: string }[])
    .filter((s) => Date.parse(s.start) > now.getTime())
    .sort((a, b) => a.start.localeCompare(b.start))
    .slice(0, limit);
  return {
    source: row.source,
    fetchedAt: row.fetchedAt.toISOString(),
    stale: row.stale || row.expiresAt.getTime() <= now.getTime(),
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    nextSlots: slots,
  };
}
