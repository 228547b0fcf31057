import type { DbOrTx } from '../db/client.ts';
import { findWorkspaceByWebhookKey, type IngestWorkspace } from './find-workspace.ts';

/*
 * Workspaces by webhook key, kept for a short while per process so the hot
 * path (a reply) skips the lookup. A cached row is never trusted on its own:
 * storing a reply re-checks in its transaction that the secret that verified
 * is still the stored one (store-reply-statement.ts `signedWith`), and every
 * other outcome is decided on a fresh row (the route calls `fresh`). So a
 * rotated or removed secret, a deleted workspace or a changed key takes
 * effect on the next delivery in every process; the TTL only bounds how long
 * an unused entry is kept. Unknown keys are not cached: a workspace created
 * in another process answers at once.
 */

export const WEBHOOK_WORKSPACE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export interface WebhookWorkspaceCache {
  /** The workspace for a key: the cached row while fresh (`cached: true`), else read and kept. */
  get(
    db: DbOrTx,
    webhookKey: string,
  ): Promise<{ workspace: IngestWorkspace; cached: boolean } | undefined>;
  /** Reads the row again and keeps it (or forgets the key when it is gone). */
  fresh(db: DbOrTx, webhookKey: string): Promise<IngestWorkspace | undefined>;
}

/** A cache over findWorkspaceByWebhookKey; `nowMs` is the clock for the TTL. */
export function makeWebhookWorkspaceCache(
  options: { ttlMs?: number; nowMs?: () => number } = {},
): WebhookWorkspaceCache {
  const ttlMs = options.ttlMs ?? WEBHOOK_WORKSPACE_TTL_MS;
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { workspace: IngestWorkspace; until: number }>();
  const fresh = async (db: DbOrTx, webhookKey: string) => {
    const workspace = await findWorkspaceByWebhookKey(db, webhookKey);
    entries.delete(webhookKey);
    if (!workspace) return undefined;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(webhookKey, { workspace, until: nowMs() + ttlMs });
    return workspace;
  };
  return {
    fresh,
    async get(db, webhookKey) {
      const entry = entries.get(webhookKey);
      if (entry && entry.until > nowMs()) return { workspace: entry.workspace, cached: true };
      const workspace = await fresh(db, webhookKey);
      return workspace ? { workspace, cached: false } : undefined;
    },
  };
}
