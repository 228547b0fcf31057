import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { users, workspaceMembers, workspaces } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';

export const emailSchema = z.email('must be an email address').trim().toLowerCase().max(320);
/** Long passphrases beat complexity rules (NIST SP 800-63B): a length floor only. */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

export const createUserSchema = z.strictObject({
  email: emailSchema,
  /** Workspace id or exact name. */
  workspace: z.string().trim().min(1, 'must name a workspace (id or name)'),
  role: z.enum(['admin', 'reviewer']).default('reviewer'),
});

export type Role = 'admin' | 'reviewer';

/** Finds a workspace by id or by exact name; several with one name is an error naming the ids. */
export async function findWorkspace(
  db: DbOrTx,
  idOrName: string,
): Promise<{ id: string; name: string }> {
  const byId = z.uuid().safeParse(idOrName).success;
  const rows = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(byId ? eq(workspaces.id, idOrName) : eq(workspaces.name, idOrName));
  if (rows.length === 0) throw new AutosendError('not_found', `workspace ${idOrName} not found`);
  if (rows.length > 1) {
    throw new AutosendError(
      'conflict',
      `several workspaces are named ${idOrName}: use an id (${rows.map((r) => r.id).join(', ')})`,
    );
  }
  return rows[0]!;
}

/**
 * Creates a user (or finds the one with that email) and gives them a role in
 * a workspace. Returns whether the user still needs a password.
 */
export async function createUser(
  db: Db,
  actor: string,
  input: z.input<typeof createUserSchema>,
): Promise<{
  userId: string;
  email: string;
  workspaceId: string;
  role: Role;
  needsPassword: boolean;
}> {
  const data = parseInput(createUserSchema, input);
  return db.transaction(async (tx) => {
    const workspace = await findWorkspace(tx, data.workspace);
    await tx.insert(users).values({ email: data.email }).onConflictDoNothing();
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${data.email}`);
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: workspace.id, userId: user!.id, role: data.role })
      .onConflictDoUpdate({
        target: [workspaceMembers.workspaceId, workspaceMembers.userId],
        set: { role: data.role },
      });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor,
      action: 'user.grant',
      entityType: 'user',
      entityId: user!.id,
      before: null,
      after: { email: user!.email, role: data.role },
    });
    return {
      userId: user!.id,
      email: user!.email,
      workspaceId: workspace.id,
      role: data.role,
      needsPassword: user!.passwordHash === null,
    };
  });
}

/** A user's role per workspace. */
export async function loadMemberships(db: DbOrTx, userId: string): Promise<Map<string, Role>> {
  const rows = await db
    .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, userId));
  return new Map(rows.map((r) => [r.workspaceId, r.role]));
}

/** Whether any user can sign in yet (has a password). */
export async function anyUserCanSignIn(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.passwordHash} is not null`)
    .limit(1);
  return Boolean(row);
}

/** Removes a user's role in a workspace (their sessions stay, but see nothing there). */
export async function removeMembership(db: Db, userId: string, workspaceId: string): Promise<void> {
  await db
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)));
}
