import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { systemChecks } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import { RETENTION_CHECK } from './purge-expired-content.ts';

/**
 * /readyz: whether retention is on (RETENTION_DAYS) and what the last purge
 * did. Informational: a late purge never takes webhooks out of service, but
 * it is flagged when the last one is more than a day old.
 */
export function retentionProbe(
  db: Db,
  config: Pick<Config, 'retention'>,
  now = () => new Date(),
): ReadinessProbe {
  return async () => {
    const days = config.retention.days;
    const [row] = await db
      .select()
      .from(systemChecks)
      .where(eq(systemChecks.name, RETENTION_CHECK));
    const lastPurge = row
      ? { at: row.checkedAt.toISOString(), summary: row.summary, ...(row.detail as object) }
      : null;
    const stale =
      days !== undefined && (!row || now().getTime() - row.checkedAt.getTime() > 36 * 3_600_000);
    return [
      'retention',
      {
        ok: !stale,
        informational: true,
        detail: {
          on: days !== undefined,
          days: days ?? null,
          lastPurge,
          ...(stale ? { problem: 'no purge in the last 36 hours: is a worker running?' } : {}),
        },
      },
    ];
  };
}
