import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import { createWorkspace } from '../admin/workspaces.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { setupLinks, users, workspaceMembers, workspaces } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { hashPassword } from './hash-password.ts';
import { anyUserCanSignIn, emailSchema, passwordSchema } from './manage-users.ts';

/** A link is good for a day: long enough to walk over to the browser, short enough to go stale. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a one-time link token (stored hashed). `userId` null: it creates the first admin. */
export async function createSetupLink(
  db: DbOrTx,
  input: { userId: string | null; now: Date },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.insert(setupLinks).values({
    tokenHash: hash(token),
    userId: input.userId,
    expiresAt: new Date(input.now.getTime() + SETUP_LINK_TTL_MS),
  });
  return token;
}

/**
 * At start-up: while nobody can sign in, returns a fresh first-admin link
 * token to print (earlier unused ones are retired); afterwards, null.
 */
export async function firstAdminLinkIfNeeded(db: Db, now: Date): Promise<string | null> {
  if (await anyUserCanSignIn(db)) return null;
  return db.transaction(async (tx) => {
    await tx
      .update(setupLinks)
      .set({ usedAt: now })
      .where(and(isNull(setupLinks.userId), isNull(setupLinks.usedAt)));
    return createSetupLink(tx, { userId: null, now });
  });
}

/** The first-admin link to print at start-up (a fresh one each start), or undefined once someone can sign in. */
export async function firstAdminSetupUrl(db: Db, baseUrl: string): Promise<string | undefined> {
  const token = await firstAdminLinkIfNeeded(db, new Date());
  return token ? `${baseUrl.replace(/\/$/, '')}/setup#${token}` : undefined;
}

export const completeSetupSchema = z.strictObject({
  token: z.string().min(1, 'is required'),
  email: emailSchema.optional(),
  password: passwordSchema,
  /** First admin only: the workspace to create when there is none yet. */
  workspaceName: z.string().trim().min(1).max(200).optional(),
});

export interface SetupLinkInfo {
  kind: 'first_admin' | 'set_password';
  email: string | null;
  /** Whether a workspace must be named (first admin, no workspace yet). */
  needsWorkspace: boolean;
}

async function findLink(db: DbOrTx, token: string, now: Date, lock = false) {
  const query = db
    .select()
    .from(setupLinks)
    .where(
      and(
        eq(setupLinks.tokenHash, hash(token)),
        isNull(setupLinks.usedAt),
        gt(setupLinks.expiresAt, now),
      ),
    );
  const [link] = lock ? await query.for('update') : await query;
  if (!link) {
    throw new AutosendError(
      'not_found',
      'this setup link is unknown, used or expired: restart `npm start` for a new first-admin link, or ask an admin for a new one',
    );
  }
  return link;
}

/** What the setup page should ask for. */
export async function describeSetupLink(db: Db, token: string, now: Date): Promise<SetupLinkInfo> {
  const link = await findLink(db, token, now);
  if (link.userId) {
    const [user] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, link.userId));
    return { kind: 'set_password', email: user?.email ?? null, needsWorkspace: false };
  }
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return { kind: 'first_admin', email: null, needsWorkspace: !ws };
}

/**
 * Uses a setup link: sets a user's password, or creates the first admin with
 * a role in every existing workspace (or a new one). One transaction: the
 * link is spent only if the user was written.
 */
export async function completeSetup(
  db: Db,
  input: unknown,
  now: Date,
  /** AUTOSEND_SECRET_KEY: the first workspace's webhook secret is sealed with it. */
  options: { secretKey?: string | undefined } = {},
): Promise<{ userId: string }> {
  const data = parseInput(completeSetupSchema, input);
  const passwordHash = await hashPassword(data.password);
  const existingWorkspace = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  let createdWorkspaceId: string | null = null;
  if (existingWorkspace.length === 0) {
    const link = await findLink(db, data.token, now);
    if (!link.userId) {
      if (!data.workspaceName) {
        throw new AutosendError('validation_failed', 'name the first workspace', {
          details: { fields: { workspaceName: 'is required: there is no workspace yet' } },
        });
      }
      // createWorkspace runs its own transaction; a failure below leaves an empty workspace only.
      createdWorkspaceId = (
        await createWorkspace(db, 'setup', { name: data.workspaceName }, options)
      ).id;
    }
  }
  return db.transaction(async (tx) => {
    const link = await findLink(tx, data.token, now, true);
    let userId = link.userId;
    if (userId) {
      await tx
        .update(users)
        .set({ passwordHash, failedLogins: 0, lockedUntil: null })
        .where(eq(users.id, userId));
    } else {
      if (await anyUserCanSignIn(tx)) {
        throw new AutosendError('conflict', 'an admin already exists: sign in instead');
      }
      if (!data.email) {
        throw new AutosendError('validation_failed', 'an email is required', {
          details: { fields: { email: 'is required' } },
        });
      }
      await tx.insert(users).values({ email: data.email }).onConflictDoNothing();
      const [user] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${data.email}`);
      userId = user!.id;
      await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
      const all = await tx.select({ id: workspaces.id }).from(workspaces);
      const ids = createdWorkspaceId ? [createdWorkspaceId] : all.map((w) => w.id);
      for (const workspaceId of new Set([...ids, ...all.map((w) => w.id)])) {
        await tx
          .insert(workspaceMembers)
          .values({ workspaceId, userId, role: 'admin' })
          .onConflictDoUpdate({
            target: [workspaceMembers.workspaceId, workspaceMembers.userId],
            set: { role: 'admin' },
          });
      }
    }
    await tx.update(setupLinks).set({ usedAt: now }).where(eq(setupLinks.id, link.id));
    await recordAudit(tx, {
      workspaceId: null,
      actor: `user:${userId}`,
      action: link.userId ? 'user.set_password' : 'user.create_first_admin',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: null,
    });
    return { userId };
  });
}
