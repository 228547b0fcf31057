import { randomBytes } from 'node:crypto';
import { AutosendError } from '../errors.ts';
import { openSecret, sealSecret } from '../slack/secret-box.ts';

/*
 * Webhook secrets at rest. Stored sealed with AUTOSEND_SECRET_KEY (the
 * `v1:…` form of slack/secret-box.ts) like every other credential; a
 * process without the key stores and reads clear text, which `start`,
 * `/readyz` and the logs call out (docs/webhooks.md "Webhook secrets").
 *
 * After a rotation the previous secret keeps verifying until its deadline,
 * so platforms can be updated without losing deliveries in between.
 *
 * Opening a sealed secret costs a key derivation and a decryption; the
 * webhook route does it per delivery, so opened values are cached per
 * process, keyed by the stored form (a rotation stores a new form).
 */

const SEALED_PREFIX = 'v1:';
const CACHE_LIMIT = 10_000;
const opened = new Map<string, string>();

/** A fresh secret: 32 random bytes, base64url. */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');

export function isSealedWebhookSecret(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** The form to store: sealed when the process has AUTOSEND_SECRET_KEY, else clear. */
export function storeWebhookSecret(plain: string, secretKey: string | undefined): string {
  return secretKey ? sealSecret(plain, secretKey) : plain;
}

/**
 * The secret itself. Throws config_invalid (naming AUTOSEND_SECRET_KEY) when
 * the stored form is sealed and this process has no key, or another key.
 */
export function openWebhookSecret(stored: string, secretKey: string | undefined): string {
  if (!isSealedWebhookSecret(stored)) return stored;
  const cacheKey = `${secretKey ?? ''}\u0000${stored}`;
  const cached = opened.get(cacheKey);
  if (cached !== undefined) return cached;
  if (!secretKey) {
    throw new AutosendError(
      'config_invalid',
      'the webhook secret is encrypted and AUTOSEND_SECRET_KEY is not set in this process',
    );
  }
  const plain = openSecret(stored, secretKey);
  if (opened.size >= CACHE_LIMIT) opened.clear();
  opened.set(cacheKey, plain);
  return plain;
}

export interface StoredWebhookSecrets {
  webhookSecret: string;
  webhookSecretPrevious: string | null;
  webhookSecretPreviousUntil: Date | null;
}

/** The secrets a delivery may be signed with now: the current one, then the previous within its grace period. */
export function webhookSecretsInForce(
  row: StoredWebhookSecrets,
  now: Date,
  secretKey: string | undefined,
): { secret: string; previous: boolean }[] {
  const secrets = [{ secret: openWebhookSecret(row.webhookSecret, secretKey), previous: false }];
  if (
    row.webhookSecretPrevious &&
    row.webhookSecretPreviousUntil &&
    row.webhookSecretPreviousUntil.getTime() > now.getTime()
  ) {
    secrets.push({
      secret: openWebhookSecret(row.webhookSecretPrevious, secretKey),
      previous: true,
    });
  }
  return secrets;
}

/** Longest grace period a rotation may keep the previous secret for. */
export const MAX_GRACE_HOURS = 24 * 30;
export const DEFAULT_GRACE_HOURS = 24;
