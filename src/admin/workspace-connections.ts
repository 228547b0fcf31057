import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  AVAILABILITY_SECRET_FIELDS,
  isSealedSecret,
} from '../availability/availability-secrets.ts';
import {
  type AvailabilitySourceName,
  calcomSettings,
  calendlySettings,
  ghlSettings,
  weeklyHoursSettings,
} from '../availability/availability-settings.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { availabilityCache, workspaces } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { openSecret, sealSecret } from '../slack/secret-box.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';
import { getWorkspace, getWorkspaceRow, type WorkspaceView } from './workspaces.ts';

/*
 * A workspace's connections: its availability source (with the source's
 * credentials) and its own Slack bot token. Credentials are sealed with
 * AUTOSEND_SECRET_KEY before they reach the database, and every view of them
 * (API, CLI, audit log) shows only "set (…last 4)".
 */

/**
 * `{ source, config }`, with config checked by the source's own settings
 * schema (availability-settings.ts) made strict, so errors name the field
 * (`config.eventTypeUri`) and unknown fields are refused by name.
 */
export const availabilityInputSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('weekly_hours'), config: weeklyHoursSettings.strict() }),
  z.strictObject({ source: z.literal('calendly'), config: calendlySettings.strict() }),
  z.strictObject({ source: z.literal('calcom'), config: calcomSettings.strict() }),
  z.strictObject({ source: z.literal('ghl'), config: ghlSettings.strict() }),
]);

export const slackTokenInputSchema = z.strictObject({
  token: z
    .string()
    .trim()
    .regex(/^xox[bp]-[A-Za-z0-9-]+$/, 'must be a Slack bot or user token (xoxb-… or xoxp-…)'),
});

export interface ConnectionOptions {
  /** AUTOSEND_SECRET_KEY; without it no credential can be stored. */
  secretKey: string | undefined;
}

export interface AvailabilityView {
  workspaceId: string;
  source: AvailabilitySourceName;
  /** As stored, credentials shown as "set (…last 4)". */
  config: Record<string, unknown>;
}

export interface SlackTokenView {
  workspaceId: string;
  /** "set (…last 4)", or null when the workspace uses SLACK_BOT_TOKEN. */
  slackBotToken: string | null;
}

const REDACTED = /^set \(/;

/** How a credential is shown: never more than its last four characters. */
export function redactSecret(stored: string, secretKey: string | undefined): string {
  if (!isSealedSecret(stored)) return `set (…${stored.slice(-4)}, not encrypted)`;
  if (!secretKey) return 'set (encrypted; AUTOSEND_SECRET_KEY not set here)';
  try {
    return `set (…${openSecret(stored, secretKey).slice(-4)})`;
  } catch {
    return 'set (encrypted with a different AUTOSEND_SECRET_KEY)';
  }
}

function redactConfig(
  source: AvailabilitySourceName,
  config: unknown,
  secretKey: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> =
    config && typeof config === 'object' && !Array.isArray(config) ? { ...config } : {};
  for (const field of AVAILABILITY_SECRET_FIELDS[source] ?? []) {
    const value = out[field];
    if (typeof value === 'string') out[field] = redactSecret(value, secretKey);
  }
  return out;
}

function availabilityView(row: typeof workspaces.$inferSelect, secretKey: string | undefined) {
  const source = row.availabilitySource as AvailabilitySourceName;
  return {
    workspaceId: row.id,
    source,
    config: redactConfig(source, row.availabilityConfig, secretKey),
  } satisfies AvailabilityView;
}

/** Refuses to go on without the key, naming the field that needs it. */
function requireKey(secretKey: string | undefined, field: string): string {
  if (secretKey) return secretKey;
  throw new ValidationError(
    `${field} cannot be stored: set AUTOSEND_SECRET_KEY (32+ characters) where Autosend runs; credentials are never stored in clear text`,
    { [field]: 'needs AUTOSEND_SECRET_KEY to be stored encrypted' },
  );
}

/** Seals each credential of the config; refuses redacted or already sealed values. */
function sealConfig(
  source: AvailabilitySourceName,
  config: Record<string, unknown>,
  secretKey: string | undefined,
): Record<string, unknown> {
  const sealed = { ...config };
  for (const field of AVAILABILITY_SECRET_FIELDS[source]) {
    const value = sealed[field];
    if (typeof value !== 'string') continue;
    const path = `config.${field}`;
    if (REDACTED.test(value) || isSealedSecret(value)) {
      throw new ValidationError(`${path}: give the credential itself`, {
        [path]: 'give the credential itself, not its redacted or encrypted form',
      });
    }
    sealed[field] = sealSecret(value, requireKey(secretKey, path));
  }
  return sealed;
}

/** The workspace's availability source and settings, credentials redacted. */
export async function getWorkspaceAvailability(
  db: DbOrTx,
  workspaceId: string,
  { secretKey }: ConnectionOptions,
): Promise<AvailabilityView> {
  return availabilityView(await getWorkspaceRow(db, workspaceId), secretKey);
}

/**
 * Sets the workspace's availability source and its settings (replacing the
 * old ones), credentials sealed. Drops the cached slots so the next reply
 * fetches from the new settings.
 */
export async function setWorkspaceAvailability(
  db: Db,
  actor: string,
  workspaceId: string,
  input: { source: string; config: unknown },
  { secretKey }: ConnectionOptions,
): Promise<AvailabilityView> {
  const data = parseInput(availabilityInputSchema, input);
  // Store what was given (validated), not the parsed output: defaults such as
  // the workspace's time zone stay live instead of being frozen in.
  const given = (input as { config: Record<string, unknown> }).config;
  const config = sealConfig(data.source, given, secretKey);
  return db.transaction(async (tx) => {
    const before = availabilityView(await getWorkspaceRow(tx, workspaceId), secretKey);
    const [row] = await tx
      .update(workspaces)
      .set({ availabilitySource: data.source, availabilityConfig: config, updatedAt: new Date() })
      .where(eq(workspaces.id, workspaceId))
      .returning();
    await tx.delete(availabilityCache).where(eq(availabilityCache.workspaceId, workspaceId));
    const after = availabilityView(row!, secretKey);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'workspace.set_availability',
      entityType: 'workspace',
      entityId: workspaceId,
      before: { source: before.source, config: before.config },
      after: { source: after.source, config: after.config },
    });
    return after;
  });
}

/** Whether the workspace has its own Slack bot token, redacted. */
export async function getWorkspaceSlackToken(
  db: DbOrTx,
  workspaceId: string,
  { secretKey }: ConnectionOptions,
): Promise<SlackTokenView> {
  const row = await getWorkspaceRow(db, workspaceId);
  const stored = row.slackBotTokenEncrypted;
  return { workspaceId, slackBotToken: stored ? redactSecret(stored, secretKey) : null };
}

/**
 * Stores the workspace's own Slack bot token, sealed (AUTOSEND_SECRET_KEY
 * required); null removes it, and the workspace falls back to SLACK_BOT_TOKEN.
 */
export async function setWorkspaceSlackToken(
  db: Db,
  actor: string,
  workspaceId: string,
  token: string | null,
  { secretKey }: ConnectionOptions,
): Promise<SlackTokenView> {
  const sealed =
    token === null
      ? null
      : sealSecret(
          parseInput(slackTokenInputSchema, { token }).token,
          requireKey(secretKey, 'token'),
        );
  return db.transaction(async (tx) => {
    const before = await getWorkspaceSlackToken(tx, workspaceId, { secretKey });
    if (token === null && before.slackBotToken === null) {
      throw new AutosendError('conflict', 'the workspace has no Slack token of its own to clear');
    }
    await tx
      .update(workspaces)
      .set({ slackBotTokenEncrypted: sealed, updatedAt: new Date() })
      .where(eq(workspaces.id, workspaceId));
    const after = await getWorkspaceSlackToken(tx, workspaceId, { secretKey });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: token === null ? 'workspace.clear_slack_token' : 'workspace.set_slack_token',
      entityType: 'workspace',
      entityId: workspaceId,
      before: { slackBotToken: before.slackBotToken },
      after: { slackBotToken: after.slackBotToken },
    });
    return after;
  });
}

/** A workspace with its connections, credentials redacted (`autosend workspace show`). */
export async function getWorkspaceSettings(
  db: Db,
  workspaceId: string,
  options: ConnectionOptions,
): Promise<
  WorkspaceView & {
    availability: Omit<AvailabilityView, 'workspaceId'>;
    slackBotToken: string | null;
  }
> {
  const workspace = await getWorkspace(db, workspaceId);
  const { workspaceId: _a, ...availability } = await getWorkspaceAvailability(
    db,
    workspaceId,
    options,
  );
  const { slackBotToken } = await getWorkspaceSlackToken(db, workspaceId, options);
  return { ...workspace, availability, slackBotToken };
}
