import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { parseInput } from './parse-input.ts';

export interface AuditEntry {
  workspaceId: string | null;
  /** `token:<id>`, `user:<id>`, `cli:<os user>`. */
  actor: string;
  /** `<entity>.<verb>`, e.g. `campaign.update`, `lead.flag_clear`, `token.revoke`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Appends one audit row; call it inside the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export const auditQuerySchema = z.strictObject({
  workspaceId: z.uuid().optional(),
  entityType: z.string().min(1).optional(),
  /** Rows with an id below this one (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export interface AuditRow {
  id: number;
  workspaceId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: string;
}

/**
 * Reads the audit trail, newest first. `allowedWorkspaceIds` (from a scoped
 * token) limits rows to those workspaces; undefined means every row.
 */
export async function queryAudit(
  db: Db,
  query: z.input<typeof auditQuerySchema>,
  allowedWorkspaceIds?: string[],
): Promise<{ items: AuditRow[]; nextBefore: number | null }> {
  const q = parseInput(auditQuerySchema, query);
  const where: SQL[] = [];
  if (q.workspaceId) where.push(eq(auditLog.workspaceId, q.workspaceId));
  if (allowedWorkspaceIds) where.push(inArray(auditLog.workspaceId, allowedWorkspaceIds));
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
  };
}
