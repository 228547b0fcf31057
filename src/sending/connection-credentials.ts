import { z } from 'zod';
import type { sendingConnections } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { openSecret, sealSecret } from '../slack/secret-box.ts';

/*
 * What each kind of sending connection needs. Secrets (API key, token, SMTP
 * URL with its password) are sealed together as one JSON document with
 * AUTOSEND_SECRET_KEY; the rest (instance or API base URL) is plain settings.
 */

export const SENDING_CONNECTION_KINDS = [
  'smartlead',
  'instantly',
  'emailbison',
  'smtp',
  'outbox',
] as const;
export type SendingConnectionKind = (typeof SENDING_CONNECTION_KINDS)[number];
export type SendingConnectionRow = typeof sendingConnections.$inferSelect;

const apiKey = z.string().trim().min(8, 'must be the API key (8+ characters)');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/** `{ kind, ...fields }`, strict: errors and unknown fields are named by path. */
export const sendingConnectionInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('smartlead'),
    apiKey,
    baseUrl: httpUrl.optional().describe('default https://server.smartlead.ai'),
  }),
  z.strictObject({
    kind: z.literal('instantly'),
    apiKey,
    baseUrl: httpUrl.optional().describe('default https://api.instantly.ai'),
  }),
  z.strictObject({
    kind: z.literal('emailbison'),
    token: z.string().trim().min(8, 'must be the API token (8+ characters)'),
    baseUrl: httpUrl.describe('your EmailBison instance, e.g. https://mail.youragency.com'),
  }),
  z.strictObject({
    kind: z.literal('smtp'),
    smtpUrl: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an SMTP URL (smtp://user:pass@host:port)'),
  }),
  z.strictObject({ kind: z.literal('outbox') }),
]);
export type SendingConnectionInput = z.infer<typeof sendingConnectionInputSchema>;

/** The secret fields of each kind. */
export const SECRET_FIELDS: Record<SendingConnectionKind, string[]> = {
  smartlead: ['apiKey'],
  instantly: ['apiKey'],
  emailbison: ['token'],
  smtp: ['smtpUrl'],
  outbox: [],
};

/** Splits validated input into plain settings and the sealed credentials (null for outbox). */
export function sealConnectionInput(
  input: SendingConnectionInput,
  secretKey: string | undefined,
): { settings: Record<string, unknown>; credentialsSealed: string | null } {
  const { kind, ...rest } = input;
  const secrets: Record<string, string> = {};
  const settings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(rest)) {
    if (SECRET_FIELDS[kind].includes(field)) secrets[field] = value as string;
    else if (value !== undefined) settings[field] = value;
  }
  if (SECRET_FIELDS[kind].length === 0) return { settings, credentialsSealed: null };
  if (!secretKey) {
    const field = SECRET_FIELDS[kind][0]!;
    throw new ValidationError(
      `${field} cannot be stored: set AUTOSEND_SECRET_KEY (32+ characters) where Autosend runs; credentials are never stored in clear text`,
      { [field]: 'needs AUTOSEND_SECRET_KEY to be stored encrypted' },
    );
  }
  return { settings, credentialsSealed: sealSecret(JSON.stringify(secrets), secretKey) };
}

/** Opens a connection's credentials; config_invalid (naming the fix) without the right key. */
export function openConnectionCredentials(
  row: Pick<SendingConnectionRow, 'kind' | 'credentialsSealed'>,
  secretKey: string | undefined,
): Record<string, string> {
  if (!row.credentialsSealed) return {};
  if (!secretKey) {
    throw new AutosendError(
      'config_invalid',
      `the ${row.kind} connection's credentials are encrypted and AUTOSEND_SECRET_KEY is not set in this process`,
    );
  }
  const parsed: unknown = JSON.parse(openSecret(row.credentialsSealed, secretKey));
  return parsed as Record<string, string>;
}

/** "…last 4" of each secret; never more. */
export function redactCredentials(
  row: Pick<SendingConnectionRow, 'kind' | 'credentialsSealed'>,
  secretKey: string | undefined,
): Record<string, string> {
  const fields = SECRET_FIELDS[row.kind];
  if (fields.length === 0) return {};
  let open: Record<string, string>;
  try {
    open = openConnectionCredentials(row, secretKey);
  } catch {
    const why = secretKey
      ? 'set (encrypted with a different AUTOSEND_SECRET_KEY)'
      : 'set (encrypted; AUTOSEND_SECRET_KEY not set here)';
    return Object.fromEntries(fields.map((f) => [f, why]));
  }
  return Object.fromEntries(
    fields.map((f) => [f, open[f] ? `set (…${open[f].slice(-4)})` : 'missing']),
  );
}
