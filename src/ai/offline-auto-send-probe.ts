import { and, eq, isNotNull } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { DbOrTx } from '../db/client.ts';
import { campaigns } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import { describeOfflineAutoSend } from './describe-offline-auto-send.ts';

/** The offline auto-send warning for this database and config, or null. */
export async function findOfflineAutoSendWarning(
  db: DbOrTx,
  config: Pick<Config, 'ai'>,
): Promise<string | null> {
  if (config.ai.provider !== 'offline') return null;
  const rows = await db
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.responseMode, 'AI_AUTO_SEND'), isNotNull(campaigns.configuredAt)));
  return describeOfflineAutoSend(config.ai.provider, rows.map((r) => r.name).sort());
}

/** /readyz check `ai_provider`: informational, so templates never take webhooks offline. */
export function offlineAutoSendProbe(db: DbOrTx, config: Pick<Config, 'ai'>): ReadinessProbe {
  return async () => {
    const warning = await findOfflineAutoSendWarning(db, config);
    return [
      'ai_provider',
      warning
        ? { ok: false, informational: true, detail: warning }
        : { ok: true, detail: { provider: config.ai.provider } },
    ];
  };
}
