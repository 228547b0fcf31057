import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AutosendError } from '../errors.ts';

/*
 * Secrets stored in the database (per-workspace Slack bot tokens) are sealed
 * with AES-256-GCM under a key derived from AUTOSEND_SECRET_KEY. The stored
 * form is `v1:<iv>:<tag>:<ciphertext>` (base64url), so a later format can be
 * told apart. GCM's tag makes a wrong key or a tampered value fail loudly.
 */

const VERSION = 'v1';

function deriveKey(secretKey: string): Buffer {
  if (secretKey.length < 32) {
    throw new AutosendError('config_invalid', 'AUTOSEND_SECRET_KEY must be at least 32 characters');
  }
  return createHash('sha256').update(secretKey, 'utf8').digest();
}

/** Encrypts a secret for storage. */
export function sealSecret(plain: string, secretKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secretKey), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** Decrypts a value made by sealSecret; throws config_invalid on a wrong key or a damaged value. */
export function openSecret(sealed: string, secretKey: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new AutosendError('config_invalid', 'stored secret is not in a known sealed format');
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveKey(secretKey),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new AutosendError(
      'config_invalid',
      'stored secret cannot be decrypted: AUTOSEND_SECRET_KEY differs from the key it was sealed with',
      { cause: error },
    );
  }
}
