import { eq, isNotNull } from 'drizzle-orm';
import { isSealedSecret } from '../availability/availability-secrets.ts';
import type { DbOrTx } from '../db/client.ts';
import { sendingConnections, workspaces } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { isSealedWebhookSecret } from '../ingest/webhook-secrets.ts';
import { openSecret, sealSecret } from '../slack/secret-box.ts';
import { recordAudit } from './record-audit.ts';

/** What one sealed value needs: nothing (already on the new key), a re-seal, or it is unreadable. */
export type ResealVerdict =
  | { kind: 'current' }
  | { kind: 'resealed'; value: string }
  | { kind: 'unreadable' };

/** Re-seals one value made by sealSecret from the previous key to the new one. */
export function resealValue(
  sealed: string,
  keys: { previousKey: string; secretKey: string },
): ResealVerdict {
  if (opens(sealed, keys.secretKey)) return { kind: 'current' };
  if (!opens(sealed, keys.previousKey)) return { kind: 'unreadable' };
  return {
    kind: 'resealed',
    value: sealSecret(openSecret(sealed, keys.previousKey), keys.secretKey),
  };
}

/** The sealed columns, counted separately in the result. */
export type SealedKind =
  | 'sendingConnections'
  | 'slackTokens'
  | 'availabilityCredentials'
  | 'webhookSecrets';

export interface RotateResult {
  resealed: number;
  alreadyCurrent: number;
  /** Re-sealed values per kind of secret. */
  byKind: Record<SealedKind, number>;
}

/**
 * Re-seals EVERY secret Autosend keeps under AUTOSEND_SECRET_KEY, in one
 * transaction (docs/sending.md "Rotating AUTOSEND_SECRET_KEY"): sending
 * connection credentials, workspace Slack bot tokens and the credentials in
 * workspace availability settings (any sealed value there, whatever the
 * source) and workspace webhook secrets (current and previous). Values already sealed with the current key are left alone, so the
 * command can be repeated. A value neither key opens stops the whole run with
 * nothing written, naming where it is.
 */
export async function rotateSecretKey(
  db: DbOrTx,
  actor: string,
  keys: { previousKey: string; secretKey: string | undefined },
): Promise<RotateResult> {
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
  const both = { previousKey, secretKey };
  return db.transaction(async (tx) => {
    const result: RotateResult = {
      resealed: 0,
      alreadyCurrent: 0,
      byKind: {
        sendingConnections: 0,
        slackTokens: 0,
        availabilityCredentials: 0,
        webhookSecrets: 0,
      },
    };
    const unreadable: string[] = [];
    /** The new value of one sealed secret, or undefined when it stays as it is. */
    const reseal = (sealed: string, where: string, kind: SealedKind): string | undefined => {
      const verdict = resealValue(sealed, both);
      if (verdict.kind === 'current') result.alreadyCurrent += 1;
      else if (verdict.kind === 'unreadable') unreadable.push(where);
      else {
        result.resealed += 1;
        result.byKind[kind] += 1;
        return verdict.value;
      }
      return undefined;
    };

    const connections = await tx
      .select()
      .from(sendingConnections)
      .where(isNotNull(sendingConnections.credentialsSealed))
      .for('update');
    for (const row of connections) {
      const value = reseal(
        row.credentialsSealed!,
        `sending connection ${row.workspaceId}/${row.kind}`,
        'sendingConnections',
      );
      if (value === undefined) continue;
      await tx
        .update(sendingConnections)
        .set({ credentialsSealed: value })
        .where(eq(sendingConnections.id, row.id));
    }

    const spaces = await tx.select().from(workspaces).for('update');
    for (const ws of spaces) {
      const changes: Partial<typeof workspaces.$inferInsert> = {};
      if (ws.slackBotTokenEncrypted) {
        const value = reseal(
          ws.slackBotTokenEncrypted,
          `Slack token of workspace ${ws.id}`,
          'slackTokens',
        );
        if (value !== undefined) changes.slackBotTokenEncrypted = value;
      }
      // Webhook secrets stored in clear (no key when they were made) are sealed at start instead.
      for (const column of ['webhookSecret', 'webhookSecretPrevious'] as const) {
        const stored = ws[column];
        if (!stored || !isSealedWebhookSecret(stored)) continue;
        const value = reseal(stored, `${column} of workspace ${ws.id}`, 'webhookSecrets');
        if (value !== undefined) changes[column] = value;
      }
      const config = ws.availabilityConfig;
      if (config && typeof config === 'object' && !Array.isArray(config)) {
        const next: Record<string, unknown> = { ...(config as Record<string, unknown>) };
        let changed = false;
        for (const [field, stored] of Object.entries(next)) {
          if (!isSealedSecret(stored)) continue;
          const value = reseal(
            stored as string,
            `availability ${field} of workspace ${ws.id}`,
            'availabilityCredentials',
          );
          if (value === undefined) continue;
          next[field] = value;
          changed = true;
        }
        if (changed) changes.availabilityConfig = next;
      }
      if (Object.keys(changes).length) {
        await tx.update(workspaces).set(changes).where(eq(workspaces.id, ws.id));
      }
    }

    if (unreadable.length) {
      // Throwing rolls the transaction back: nothing re-sealed is kept.
      throw new AutosendError(
        'config_invalid',
        `neither key opens ${unreadable.join(', ')}: nothing was changed`,
      );
    }
    await recordAudit(tx, {
      workspaceId: null,
      actor,
      action: 'secrets.rotate_key',
      entityType: 'secret_key',
      entityId: null,
      before: null,
      after: { ...result },
    });
    return result;
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
