import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { sendingConnections } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import {
  type ConnectionCheck,
  checkSendingConnection,
} from '../sending/check-sending-connection.ts';
import {
  openConnectionCredentials,
  redactCredentials,
  SENDING_CONNECTION_KINDS,
  type SendingConnectionKind,
  type SendingConnectionRow,
  sealConnectionInput,
  sendingConnectionInputSchema,
} from '../sending/connection-credentials.ts';
import type { PlatformHttp } from '../sending/platforms/call-platform-api.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';
import { getWorkspaceRow } from './workspaces.ts';

/*
 * A workspace's sending connections (docs/sending.md): one per kind, the
 * credentials sealed with AUTOSEND_SECRET_KEY, shown only as "set (…last 4)".
 * Every change is audited with redacted before/after.
 */

export const connectionKindSchema = z.enum(SENDING_CONNECTION_KINDS);

export interface SendingConnectionView {
  workspaceId: string;
  kind: SendingConnectionKind;
  settings: Record<string, unknown>;
  /** Each secret as "set (…last 4)". */
  credentials: Record<string, string>;
  lastCheck: {
    at: string | null;
    ok: boolean | null;
    errorCode: string | null;
    error: string | null;
  };
  lastSync: { at: string | null; error: string | null };
  lastReconcile: { at: string | null; recovered: number | null; error: string | null };
  updatedAt: string;
}

export interface ConnectionServiceOptions {
  secretKey: string | undefined;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The redacted view of one connection row. */
export function connectionView(
  row: SendingConnectionRow,
  secretKey: string | undefined,
): SendingConnectionView {
  return {
    workspaceId: row.workspaceId,
    kind: row.kind,
    settings: row.settings as Record<string, unknown>,
    credentials: redactCredentials(row, secretKey),
    lastCheck: {
      at: iso(row.lastCheckedAt),
      ok: row.lastCheckOk,
      errorCode: row.lastErrorCode,
      error: row.lastError,
    },
    lastSync: { at: iso(row.lastSyncAt), error: row.lastSyncError },
    lastReconcile: {
      at: iso(row.lastReconcileAt),
      recovered: row.lastReconcileRecovered,
      error: row.lastReconcileError,
    },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The workspace's connection of one kind, or undefined. */
export async function findConnectionRow(
  db: DbOrTx,
  workspaceId: string,
  kind: SendingConnectionKind,
): Promise<SendingConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(sendingConnections)
    .where(and(eq(sendingConnections.workspaceId, workspaceId), eq(sendingConnections.kind, kind)))
    .limit(1);
  return row;
}

async function requireConnectionRow(db: DbOrTx, workspaceId: string, kind: string) {
  const parsed = parseInput(z.strictObject({ kind: connectionKindSchema }), { kind }).kind;
  await getWorkspaceRow(db, workspaceId);
  const row = await findConnectionRow(db, workspaceId, parsed);
  if (!row) {
    throw new AutosendError('not_found', `workspace ${workspaceId} has no ${parsed} connection`);
  }
  return row;
}

/** Every sending connection of a workspace, redacted. */
export async function listSendingConnections(
  db: DbOrTx,
  workspaceId: string,
  { secretKey }: ConnectionServiceOptions,
): Promise<SendingConnectionView[]> {
  await getWorkspaceRow(db, workspaceId);
  const rows = await db
    .select()
    .from(sendingConnections)
    .where(eq(sendingConnections.workspaceId, workspaceId))
    .orderBy(asc(sendingConnections.kind));
  return rows.map((r) => connectionView(r, secretKey));
}

/**
 * Creates or replaces the workspace's connection of `input.kind`, credentials
 * sealed. A replaced connection loses its last check (the new key is untested).
 */
export async function setSendingConnection(
  db: Db,
  actor: string,
  workspaceId: string,
  input: unknown,
  { secretKey }: ConnectionServiceOptions,
): Promise<SendingConnectionView> {
  const data = parseInput(sendingConnectionInputSchema, input);
  const sealed = sealConnectionInput(data, secretKey);
  return db.transaction(async (tx) => {
    await getWorkspaceRow(tx, workspaceId);
    const before = await findConnectionRow(tx, workspaceId, data.kind);
    const now = new Date();
    const [row] = await tx
      .insert(sendingConnections)
      .values({ workspaceId, kind: data.kind, ...sealed })
      .onConflictDoUpdate({
        target: [sendingConnections.workspaceId, sendingConnections.kind],
        set: {
          ...sealed,
          lastCheckedAt: null,
          lastCheckOk: null,
          lastErrorCode: null,
          lastError: null,
          updatedAt: now,
        },
      })
      .returning();
    const after = connectionView(row!, secretKey);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: before ? 'connection.replace' : 'connection.create',
      entityType: 'sending_connection',
      entityId: row!.id,
      before: before ? auditShape(connectionView(before, secretKey)) : null,
      after: auditShape(after),
    });
    return after;
  });
}

/** Removes a connection; replies of that platform then wait for review (`no_sending_connection`). */
export async function removeSendingConnection(
  db: Db,
  actor: string,
  workspaceId: string,
  kind: string,
  { secretKey }: ConnectionServiceOptions,
): Promise<{ workspaceId: string; kind: SendingConnectionKind; removed: true }> {
  return db.transaction(async (tx) => {
    const row = await requireConnectionRow(tx, workspaceId, kind);
    await tx.delete(sendingConnections).where(eq(sendingConnections.id, row.id));
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'connection.remove',
      entityType: 'sending_connection',
      entityId: row.id,
      before: auditShape(connectionView(row, secretKey)),
      after: null,
    });
    return { workspaceId, kind: row.kind, removed: true as const };
  });
}

/**
 * Tests a connection with one harmless authenticated call and records the
 * result on it (shown by `connection list` and /readyz).
 */
export async function testSendingConnection(
  db: Db,
  workspaceId: string,
  kind: string,
  options: ConnectionServiceOptions & { http: PlatformHttp; now?: () => Date },
): Promise<{ workspaceId: string; kind: SendingConnectionKind } & ConnectionCheck> {
  const row = await requireConnectionRow(db, workspaceId, kind);
  let check: ConnectionCheck;
  try {
    const credentials = openConnectionCredentials(row, options.secretKey);
    check = await checkSendingConnection(
      row.kind,
      row.settings as Record<string, unknown>,
      credentials,
      options.http,
    );
  } catch (error) {
    if (!(error instanceof AutosendError) || error.code !== 'config_invalid') throw error;
    check = { ok: false, errorCode: 'credentials_unreadable', problem: error.message };
  }
  await recordConnectionCheck(db, row.id, check, (options.now ?? (() => new Date()))());
  return { workspaceId, kind: row.kind, ...check };
}

/** Stores the outcome of a check, or of a send that proved the key bad. */
export async function recordConnectionCheck(
  db: DbOrTx,
  connectionId: string,
  check: ConnectionCheck,
  at: Date,
): Promise<void> {
  await db
    .update(sendingConnections)
    .set({
      lastCheckedAt: at,
      lastCheckOk: check.ok,
      lastErrorCode: check.ok ? null : check.errorCode,
      lastError: check.ok ? null : check.problem,
    })
    .where(eq(sendingConnections.id, connectionId));
}

function auditShape(view: SendingConnectionView) {
  return { kind: view.kind, settings: view.settings, credentials: view.credentials };
}
