import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { sendingConnections } from '../db/schema.ts';
import { findOwnEcho } from '../ingest/find-own-echo.ts';
import type { InboundReply } from '../ingest/inbound-reply.ts';
import { storeInboundReply } from '../ingest/store-inbound-reply.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { openConnectionCredentials } from './connection-credentials.ts';
import type { PlatformHttp } from './platforms/call-platform-api.ts';
import type { PlatformName } from './platforms/classify-platform-response.ts';
import { listRecentReplies, SMARTLEAD_NOT_RECONCILED } from './platforms/list-recent-replies.ts';
import { platformBaseUrl } from './platforms/platform-base-url.ts';

/** Replies older than this are never picked up by reconciliation (no answers to stale mail). */
export const RECONCILE_LOOKBACK_HOURS = 48;

export interface ReconcileResult {
  workspaceId: string;
  kind: PlatformName;
  listed: number;
  /** Replies the webhook never delivered, now stored and queued. */
  recovered: number;
  supported: boolean;
  /** Why the platform is not reconciled (supported: false). */
  unsupportedReason?: string;
  error?: string;
}

/**
 * Pure: the listed replies reconciliation may take in. Only those received
 * after the connection was made and within the lookback: connecting a
 * platform must not turn its old inbox into a burst of late answers.
 */
export function selectReconcilable(
  replies: InboundReply[],
  input: { connectedAt: Date; now: Date },
): InboundReply[] {
  const since = Math.max(
    input.connectedAt.getTime(),
    input.now.getTime() - RECONCILE_LOOKBACK_HOURS * 3600_000,
  );
  return replies.filter((r) => r.receivedAt.getTime() >= since);
}

/**
 * The safety net for broken webhooks (docs/webhooks.md): asks each connected
 * platform for its recent replies and stores, through the same ingest path
 * and deduplication as the webhook, any it never delivered. The count is kept
 * on the connection (`connection list`, API, /readyz) and a non-zero count is
 * logged as a warning: the webhook is broken. One connection failing never
 * stops the others.
 */
export async function reconcileMissedReplies(
  deps: {
    db: Db;
    queue: JobQueue;
    logger: Logger;
    config: Pick<Config, 'secretKey' | 'sending'>;
    http?: Partial<PlatformHttp>;
  },
  options: { workspaceId?: string; now: Date },
): Promise<ReconcileResult[]> {
  const http: PlatformHttp = { timeoutMs: deps.config.sending.platformTimeoutMs, ...deps.http };
  const rows = await deps.db
    .select()
    .from(sendingConnections)
    .where(
      and(
        inArray(sendingConnections.kind, ['smartlead', 'instantly', 'emailbison']),
        ...(options.workspaceId ? [eq(sendingConnections.workspaceId, options.workspaceId)] : []),
      ),
    );
  const results: ReconcileResult[] = [];
  for (const row of rows) {
    const kind = row.kind as PlatformName;
    const base = { workspaceId: row.workspaceId, kind };
    if (kind === 'smartlead') {
      // Not a silent "nothing missed": the gap is kept on the connection and logged.
      await deps.db
        .update(sendingConnections)
        .set({
          lastReconcileAt: options.now,
          lastReconcileRecovered: null,
          lastReconcileError: SMARTLEAD_NOT_RECONCILED,
        })
        .where(eq(sendingConnections.id, row.id));
      deps.logger.warn(base, `Smartlead replies are ${SMARTLEAD_NOT_RECONCILED}`);
      results.push({
        ...base,
        listed: 0,
        recovered: 0,
        supported: false,
        unsupportedReason: SMARTLEAD_NOT_RECONCILED,
      });
      continue;
    }
    try {
      const listed = await listRecentReplies(
        kind,
        openConnectionCredentials(row, deps.config.secretKey),
        {
          ...http,
          baseUrl: platformBaseUrl(kind, row.settings as Record<string, unknown>),
          listedAt: options.now,
        },
      );
      let recovered = 0;
      for (const reply of selectReconcilable(listed.replies, {
        connectedAt: row.createdAt,
        now: options.now,
      })) {
        if (await findOwnEcho(deps.db, row.workspaceId, reply)) continue;
        const stored = await storeInboundReply(deps, row.workspaceId, reply);
        if (stored.status === 'created') recovered += 1;
      }
      await deps.db
        .update(sendingConnections)
        .set({
          lastReconcileAt: options.now,
          lastReconcileRecovered: recovered,
          lastReconcileError: null,
        })
        .where(eq(sendingConnections.id, row.id));
      if (recovered > 0) {
        deps.logger.warn(
          { ...base, recovered },
          `reconciliation recovered ${recovered} repl(ies) the ${kind} webhook never delivered: check the webhook`,
        );
      } else {
        deps.logger.info(
          { ...base, listed: listed.replies.length },
          'reconciliation found nothing missed',
        );
      }
      results.push({
        ...base,
        listed: listed.replies.length,
        recovered,
        supported: listed.supported,
      });
    } catch (error) {
      const message = (error as Error).message;
      deps.logger.error({ ...base, err: error }, 'reconciliation failed');
      await deps.db
        .update(sendingConnections)
        .set({ lastReconcileAt: options.now, lastReconcileError: message })
        .where(eq(sendingConnections.id, row.id));
      results.push({ ...base, listed: 0, recovered: 0, supported: true, error: message });
    }
  }
  return results;
}
