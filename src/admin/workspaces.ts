import { createHash, randomBytes } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import {
  DEFAULT_GRACE_HOURS,
  MAX_GRACE_HOURS,
  newWebhookSecret,
  openWebhookSecret,
  storeWebhookSecret,
} from '../ingest/webhook-secrets.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';
import { type WebhookEndpoint, webhookEndpoints } from './webhook-urls.ts';

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Berlin' },
);
const name = z.string().trim().min(1, 'must not be blank').max(200);

export const createWorkspaceSchema = z.strictObject({ name, timeZone: timeZone.optional() });
export const updateWorkspaceSchema = z.strictObject({
  name: name.optional(),
  timeZone: timeZone.optional(),
});

export interface WorkspaceView {
  id: string;
  name: string;
  timeZone: string;
  availabilitySource: string;
  webhookKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhooksView {
  workspaceId: string;
  webhookKey: string;
  /** Shown to admins only: needed to sign generic webhooks and configure platforms. */
  webhookSecret: string;
  /** After a rotation: until when the previous secret is still accepted (ISO 8601), else null. */
  previousSecretValidUntil: string | null;
  endpoints: WebhookEndpoint[];
}

/** AUTOSEND_SECRET_KEY of this process: webhook secrets are sealed with it. */
export interface SecretKeyOption {
  secretKey?: string | undefined;
}

type WorkspaceRow = typeof workspaces.$inferSelect;

function view(row: WorkspaceRow): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    availabilitySource: row.availabilitySource,
    webhookKey: row.webhookKey,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Identifies a secret in the audit log without storing it. */
function fingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

const newKey = () => randomBytes(18).toString('base64url');

/** Loads a workspace or throws not_found. */
export async function getWorkspaceRow(db: DbOrTx, workspaceId: string): Promise<WorkspaceRow> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw new AutosendError('not_found', `workspace ${workspaceId} not found`);
  return row;
}

/** Creates a workspace with a fresh webhook key and secret. */
export async function createWorkspace(
  db: Db,
  actor: string,
  input: z.input<typeof createWorkspaceSchema>,
  options: SecretKeyOption = {},
): Promise<WorkspaceView & { webhookSecret: string }> {
  const data = parseInput(createWorkspaceSchema, input);
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workspaces)
      .values({
        name: data.name,
        timeZone: data.timeZone ?? 'UTC',
        webhookKey: newKey(),
        webhookSecret: storeWebhookSecret(secret, options.secretKey),
      })
      .returning();
    const created = view(row!);
    await recordAudit(tx, {
      workspaceId: row!.id,
      actor,
      action: 'workspace.create',
      entityType: 'workspace',
      entityId: row!.id,
      before: null,
      after: { ...created, webhookSecret: fingerprint(secret) },
    });
    return { ...created, webhookSecret: secret };
  });
}

/** Lists workspaces by name; `onlyIds` restricts to a token's scope. */
export async function listWorkspaces(db: Db, onlyIds?: string[]): Promise<WorkspaceView[]> {
  const rows = await db
    .select()
    .from(workspaces)
    .where(onlyIds ? inArray(workspaces.id, onlyIds) : undefined)
    .orderBy(asc(workspaces.name), asc(workspaces.createdAt));
  return rows.map(view);
}

/** One workspace. */
export async function getWorkspace(db: Db, workspaceId: string): Promise<WorkspaceView> {
  return view(await getWorkspaceRow(db, workspaceId));
}

/** Renames a workspace or changes its time zone. */
export async function updateWorkspace(
  db: Db,
  actor: string,
  workspaceId: string,
  input: z.input<typeof updateWorkspaceSchema>,
): Promise<WorkspaceView> {
  const data = parseInput(updateWorkspaceSchema, input);
  return db.transaction(async (tx) => {
    const before = view(await getWorkspaceRow(tx, workspaceId));
    const [row] = await tx
      .update(workspaces)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(workspaces.id, workspaceId))
      .returning();
    const after = view(row!);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'workspace.update',
      entityType: 'workspace',
      entityId: workspaceId,
      before: { name: before.name, timeZone: before.timeZone },
      after: { name: after.name, timeZone: after.timeZone },
    });
    return after;
  });
}

/** The workspace's webhook URLs, secret and signing instructions. */
export async function getWebhooks(
  db: Db,
  publicUrl: string,
  workspaceId: string,
  options: SecretKeyOption = {},
): Promise<WebhooksView> {
  const row = await getWorkspaceRow(db, workspaceId);
  const graceActive =
    row.webhookSecretPreviousUntil !== null && row.webhookSecretPreviousUntil > new Date();
  return {
    workspaceId,
    webhookKey: row.webhookKey,
    webhookSecret: openWebhookSecret(row.webhookSecret, options.secretKey),
    previousSecretValidUntil: graceActive ? row.webhookSecretPreviousUntil!.toISOString() : null,
    endpoints: webhookEndpoints(publicUrl, row.webhookKey),
  };
}

export const rotateWebhookSecretSchema = z.strictObject({
  graceHours: z.coerce
    .number()
    .int('must be a whole number of hours')
    .min(0, 'must be 0 or more')
    .max(MAX_GRACE_HOURS, `must be at most ${MAX_GRACE_HOURS} (30 days)`)
    .default(DEFAULT_GRACE_HOURS),
});

/**
 * Replaces the webhook secret (the URLs stay the same). The previous secret
 * keeps verifying for `graceHours` (default 24, 0 = refused at once), so the
 * platforms can be updated without losing a delivery in between.
 */
export async function rotateWebhookSecret(
  db: Db,
  actor: string,
  publicUrl: string,
  workspaceId: string,
  options: SecretKeyOption & { graceHours?: number | string } = {},
): Promise<WebhooksView> {
  const { graceHours } = parseInput(rotateWebhookSecretSchema, {
    ...(options.graceHours !== undefined ? { graceHours: options.graceHours } : {}),
  });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (!before) throw new AutosendError('not_found', `workspace ${workspaceId} not found`);
    const previousPlain = openWebhookSecret(before.webhookSecret, options.secretKey);
    const secret = newWebhookSecret();
    const until = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
    await tx
      .update(workspaces)
      .set({
        webhookSecret: storeWebhookSecret(secret, options.secretKey),
        webhookSecretPrevious: until ? storeWebhookSecret(previousPlain, options.secretKey) : null,
        webhookSecretPreviousUntil: until,
        updatedAt: new Date(),
      })
      .where(eq(workspaces.id, workspaceId));
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'workspace.rotate_webhook_secret',
      entityType: 'workspace',
      entityId: workspaceId,
      before: { webhookSecret: fingerprint(previousPlain) },
      after: {
        webhookSecret: fingerprint(secret),
        previousSecretValidUntil: until?.toISOString() ?? null,
      },
    });
    return {
      workspaceId,
      webhookKey: before.webhookKey,
      webhookSecret: secret,
      previousSecretValidUntil: until?.toISOString() ?? null,
      endpoints: webhookEndpoints(publicUrl, before.webhookKey),
    };
  });
}
