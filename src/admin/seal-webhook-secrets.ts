import { eq, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import { isSealedWebhookSecret } from '../ingest/webhook-secrets.ts';
import type { Logger } from '../logger.ts';
import { sealSecret } from '../slack/secret-box.ts';

/*
 * Webhook secrets stored before AUTOSEND_SECRET_KEY was set (or by a process
 * without it) are clear text. A process that has the key seals them at start;
 * one that does not says so at start and on /readyz.
 */

const clear = (column: typeof workspaces.webhookSecret | typeof workspaces.webhookSecretPrevious) =>
  sql`(${column} is not null and ${column} not like 'v1:%')`;

/** How many workspaces keep a webhook secret (current or previous) in clear text. */
export async function countClearWebhookSecrets(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workspaces)
    .where(or(clear(workspaces.webhookSecret), clear(workspaces.webhookSecretPrevious)));
  return row?.n ?? 0;
}

/** Seals every clear webhook secret under the key, in one transaction; returns how many workspaces changed. */
export async function sealClearWebhookSecrets(db: Db, secretKey: string): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: workspaces.id,
        current: workspaces.webhookSecret,
        previous: workspaces.webhookSecretPrevious,
      })
      .from(workspaces)
      .where(or(clear(workspaces.webhookSecret), clear(workspaces.webhookSecretPrevious)))
      .for('update');
    const seal = (value: string | null) =>
      value === null || isSealedWebhookSecret(value) ? value : sealSecret(value, secretKey);
    for (const row of rows) {
      await tx
        .update(workspaces)
        .set({ webhookSecret: seal(row.current)!, webhookSecretPrevious: seal(row.previous) })
        .where(eq(workspaces.id, row.id));
    }
    return rows.length;
  });
}

const CLEAR_WARNING = (n: number) =>
  `${n} workspace webhook secret${n === 1 ? ' is' : 's are'} stored in clear text: set AUTOSEND_SECRET_KEY (32+ characters) and restart to seal ${n === 1 ? 'it' : 'them'}`;

/** At start: seal with the key, or warn that secrets stay in clear text. */
export async function sealWebhookSecretsAtStart(
  db: Db,
  secretKey: string | undefined,
  logger: Logger,
): Promise<void> {
  if (secretKey) {
    const sealed = await sealClearWebhookSecrets(db, secretKey);
    if (sealed > 0) logger.info({ workspaces: sealed }, 'sealed clear-text webhook secrets');
    return;
  }
  const n = await countClearWebhookSecrets(db);
  if (n > 0) logger.warn({ workspaces: n }, CLEAR_WARNING(n));
}

/** /readyz check `webhook_secrets`: informational, clear-text secrets must not stop webhooks. */
export function webhookSecretsProbe(db: DbOrTx, secretKey: string | undefined): ReadinessProbe {
  return async () => {
    const n = await countClearWebhookSecrets(db);
    return [
      'webhook_secrets',
      n > 0
        ? { ok: false, informational: true, detail: CLEAR_WARNING(n) }
        : { ok: true, detail: { sealed: secretKey !== undefined } },
    ];
  };
}
