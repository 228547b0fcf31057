import { eq, gt, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sendingConnections } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';

/**
 * /readyz: sending connections whose key was refused (by `connection test`
 * or by a send) and reconciliations that recovered replies (a broken
 * webhook) or failed. Informational: a broken Instantly key must not take
 * the webhooks of every workspace out of the load balancer.
 */
export function sendingConnectionsProbe(db: Db): ReadinessProbe {
  return async () => {
    const rows = await db
      .select()
      .from(sendingConnections)
      .where(
        or(
          eq(sendingConnections.lastCheckOk, false),
          gt(sendingConnections.lastReconcileRecovered, 0),
          isNotNull(sendingConnections.lastReconcileError),
        ),
      );
    const failing = rows
      .filter((r) => r.lastCheckOk === false)
      .map((r) => ({
        workspaceId: r.workspaceId,
        kind: r.kind,
        errorCode: r.lastErrorCode,
        error: r.lastError,
      }));
    const webhooks = rows
      .filter((r) => (r.lastReconcileRecovered ?? 0) > 0 || r.lastReconcileError)
      .map((r) => ({
        workspaceId: r.workspaceId,
        kind: r.kind,
        recovered: r.lastReconcileRecovered,
        error: r.lastReconcileError,
        at: r.lastReconcileAt?.toISOString() ?? null,
      }));
    return [
      'sending_connections',
      { ok: rows.length === 0, informational: true, detail: { failing, missedReplies: webhooks } },
    ];
  };
}
