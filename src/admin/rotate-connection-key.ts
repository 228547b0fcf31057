import { eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sendingConnections } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { openSecret, sealSecret } from '../slack/secret-box.ts';
import { recordAudit } from './record-audit.ts';
import { resealWebhookSecrets } from './seal-webhook-secrets.ts';

/**
 * Re-seals every sending connection's credentials under the current
 * AUTOSEND_SECRET_KEY (docs/sending.md "Rotating AUTOSEND_SECRET_KEY").
 * Rows already sealed with the current key are left alone, so a run that
 * stopped half-way can simply be repeated. A row neither key opens stops the
 * whole run with nothing written, naming the workspace and kind.
 */
export async function rotateConnectionKey(
  db: Db,
  actor: string,
  keys: { previousKey: string; secretKey: string | undefined },
): Promise<{ resealed: number; alreadyCurrent: number; webhookSecrets: number }> {
  const { previousKey, secretKey } = keys;
  if (!secretKey) {
    throw new ValidationError('set the NEW key as AUTOSEND_SECRET_KEY first', {
      AUTOSEND_SECRET_KEY: 'required: the key to re-seal with',
    });
  }
  if (previousKey.length < 32 || previousKey === secretKey) {
    throw new ValidationError(
      'the previous key must be the old AUTOSEND_SECRET_KEY (32+ characters, not the new one)',
      {
        previousKey: 'must be the old key, 32+ characters, different from AUTOSEND_SECRET_KEY',
      },
    );
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(sendingConnections)
      .where(isNotNull(sendingConnections.credentialsSealed))
      .for('update');
    let resealed = 0;
    let alreadyCurrent = 0;
    const unreadable: string[] = [];
    for (const row of rows) {
      const sealed = row.credentialsSealed!;
      if (opens(sealed, secretKey)) {
        alreadyCurrent += 1;
        continue;
      }
      if (!opens(sealed, previousKey)) {
        unreadable.push(`${row.workspaceId}/${row.kind}`);
        continue;
      }
      await tx
        .update(sendingConnections)
        .set({ credentialsSealed: sealSecret(openSecret(sealed, previousKey), secretKey) })
        .where(eq(sendingConnections.id, row.id));
      resealed += 1;
    }
    const webhook = await resealWebhookSecrets(tx, { previousKey, secretKey });
    unreadable.push(...webhook.unreadable);
    if (unreadable.length) {
      throw new AutosendError(
        'config_invalid',
        `neither key opens the credentials of ${unreadable.join(', ')}: nothing was changed`,
      );
    }
    await recordAudit(tx, {
      workspaceId: null,
      actor,
      action: 'connection.rotate_key',
      entityType: 'sending_connection',
      entityId: null,
      before: null,
      after: { resealed, alreadyCurrent, webhookSecrets: webhook.resealed },
    });
    return { resealed, alreadyCurrent, webhookSecrets: webhook.resealed };
  });
}

function opens(sealed: string, key: string): boolean {
  try {
    openSecret(sealed, key);
    return true;
  } catch {
    return false;
  }
}
