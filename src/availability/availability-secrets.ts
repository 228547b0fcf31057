import { AutosendError } from '../errors.ts';
import { openSecret } from '../slack/secret-box.ts';
import type { AvailabilitySourceName } from './availability-settings.ts';

/*
 * Credentials inside `workspaces.availability_config` are stored sealed with
 * AUTOSEND_SECRET_KEY (src/slack/secret-box.ts) by the admin services. The
 * sources read clear text, so the cache opens them right before parsing.
 * Values that are not sealed (set by SQL before this existed) are read as given.
 */

/** The config fields of each source that hold a credential. */
export const AVAILABILITY_SECRET_FIELDS: Record<AvailabilitySourceName, readonly string[]> = {
  // An ICS feed URL is usually a calendar's "secret address": a credential.
  weekly_hours: ['icsUrl'],
  calendly: ['token'],
  calcom: ['apiKey'],
  ghl: ['token'],
};

/** sealSecret's form: `v1:<12-byte iv>:<16-byte tag>:<ciphertext>`, base64url. */
const SEALED = /^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

/** True when a stored value was made by sealSecret. */
export function isSealedSecret(value: unknown): boolean {
  return typeof value === 'string' && SEALED.test(value);
}

/**
 * A copy of a stored availability config with its sealed credentials opened.
 * Throws config_invalid naming AUTOSEND_SECRET_KEY when a sealed value is
 * present and the key is missing or differs.
 */
export function openAvailabilitySecrets(
  source: AvailabilitySourceName,
  config: unknown,
  secretKey: string | undefined,
): unknown {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return config;
  const open: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const field of AVAILABILITY_SECRET_FIELDS[source] ?? []) {
    const value = open[field];
    if (!isSealedSecret(value)) continue;
    if (!secretKey) {
      throw new AutosendError(
        'config_invalid',
        `availabilityConfig.${field} is encrypted but AUTOSEND_SECRET_KEY is not set to decrypt it`,
      );
    }
    open[field] = openSecret(value as string, secretKey);
  }
  return open;
}
