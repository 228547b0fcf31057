import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { apiTokens, workspaces } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be blank').max(200),
  role: z.enum(['admin', 'reviewer']),
  /** Empty: every workspace (agency-wide). */
  workspaceIds: z.array(z.uuid('must be a workspace id')).max(500).default([]),
});

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  role: 'admin' | 'reviewer';
  workspaceIds: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What authorisation needs to know about the caller. */
export interface TokenPrincipal {
  tokenId: string;
  role: 'admin' | 'reviewer';
  /** Undefined: every workspace. */
  workspaceIds: string[] | undefined;
}

type TokenRow = typeof apiTokens.$inferSelect;

function view(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    workspaceIds: row.workspaceIds,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token. The token itself is in the result only: it is stored as a SHA-256 hash. */
export async function createToken(
  db: Db,
  actor: string,
  input: z.input<typeof createTokenSchema>,
): Promise<TokenView & { token: string }> {
  const data = parseInput(createTokenSchema, input);
  const ids = [...new Set(data.workspaceIds)];
  if (ids.length > 0) {
    const found = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(inArray(workspaces.id, ids));
    const known = new Set(found.map((w) => w.id));
    const fields: Record<string, string> = {};
    data.workspaceIds.forEach((id, i) => {
      if (!known.has(id)) fields[`workspaceIds.${i}`] = `no workspace ${id}`;
    });
    if (Object.keys(fields).length) throw new ValidationError('unknown workspace id', fields);
  }
  const token = `as_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: data.name,
        role: data.role,
        workspaceIds: ids,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 9),
      })
      .returning();
    const created = view(row!);
    await recordAudit(tx, {
      workspaceId: ids.length === 1 ? ids[0]! : null,
      actor,
      action: 'token.create',
      entityType: 'token',
      entityId: row!.id,
      before: null,
      after: created,
    });
    return { ...created, token };
  });
}

/** Lists tokens, newest first, without their hashes. */
export async function listTokens(db: Db): Promise<TokenView[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  return rows.map(view);
}

/** Revokes a token: every request with it is refused from now on. */
export async function revokeToken(db: Db, actor: string, tokenId: string): Promise<TokenView> {
  if (!z.uuid().safeParse(tokenId).success)
    throw new AutosendError('not_found', `token ${tokenId} not found`);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .for('update');
    if (!before) throw new AutosendError('not_found', `token ${tokenId} not found`);
    if (before.revokedAt)
      throw new AutosendError('conflict', `token ${tokenId} is already revoked`);
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, tokenId))
      .returning();
    await recordAudit(tx, {
      workspaceId: row!.workspaceIds.length === 1 ? row!.workspaceIds[0]! : null,
      actor,
      action: 'token.revoke',
      entityType: 'token',
      entityId: tokenId,
      before: view(before),
      after: view(row!),
    });
    return view(row!);
  });
}

/**
 * Resolves a presented bearer token to its principal, or throws unauthorized
 * (unknown or revoked). The lookup is by hash, and the stored hash is compared
 * in constant time, so timing reveals nothing about valid tokens.
 */
export async function authenticateToken(db: Db, presented: string): Promise<TokenPrincipal> {
  const hash = hashToken(presented);
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash));
  const matches =
    row !== undefined && timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash));
  if (!row || !matches) throw new AutosendError('unauthorized', 'invalid API token');
  if (row.revokedAt) throw new AutosendError('unauthorized', 'this API token was revoked');
  // Written at most once a minute per token, so reads do not turn into a write each.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
  return {
    tokenId: row.id,
    role: row.role,
    workspaceIds: row.workspaceIds.length ? row.workspaceIds : undefined,
  };
}
