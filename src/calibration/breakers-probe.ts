import { isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';

/**
 * /readyz: campaigns whose circuit breaker is open (every reply waits for a
 * person). Informational: one campaign's breaker must not take the webhooks
 * of every workspace out of the load balancer.
 */
export function openBreakersProbe(db: Db): ReadinessProbe {
  return async () => {
    const rows = await db
      .select({
        workspaceId: campaigns.workspaceId,
        campaignId: campaigns.id,
        name: campaigns.name,
        reason: campaigns.breakerReason,
        openedAt: campaigns.breakerOpenedAt,
        detail: campaigns.breakerDetail,
      })
      .from(campaigns)
      .where(isNotNull(campaigns.breakerOpenedAt));
    return [
      'breakers',
      {
        ok: rows.length === 0,
        informational: true,
        detail: {
          open: rows.map((r) => ({
            ...r,
            openedAt: r.openedAt?.toISOString() ?? null,
            close: `autosend campaign breaker close ${r.campaignId}`,
          })),
        },
      },
    ];
  };
}
