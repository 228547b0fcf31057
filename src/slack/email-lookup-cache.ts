/**
 * A small per-process cache of email → Slack member id with a TTL, so a burst
 * of notifications does not spend users.lookupByEmail's Tier 3 budget. Only
 * hits are cached: a reviewer who joins Slack later is found on the next try.
 */
export interface EmailLookupCache {
  get(key: string): string | undefined;
  set(key: string, memberId: string): void;
}

/** Creates the cache; `now` is injectable for tests. Oldest entries are evicted past `max`. */
export function makeEmailLookupCache(
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): EmailLookupCache {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { memberId: string; expiresAt: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      // Re-insert to mark as recently used (Map keeps insertion order).
      entries.delete(key);
      entries.set(key, hit);
      return hit.memberId;
    },
    set(key, memberId) {
      entries.delete(key);
      entries.set(key, { memberId, expiresAt: now() + ttlMs });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
