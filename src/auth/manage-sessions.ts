import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { userSessions, users } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { hashPassword, verifyPassword } from './hash-password.ts';
import { afterFailure, checkAccountLock } from './login-policy.ts';
import { loadMemberships, type Role } from './manage-users.ts';

/** A session lives at most a week, and ends after a day without use. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;
export const SESSION_IDLE_MS = 24 * 60 * 60_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

let dummyHash: Promise<string> | undefined;
/** Compared against when the email is unknown, so timing does not reveal which emails exist. */
const dummy = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
};

const badCredentials = () => new AutosendError('unauthorized', 'wrong email or password');

export interface SignedIn {
  token: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

/**
 * Checks email and password and opens a session. Five failures in a row lock
 * the account for 15 minutes (refused as rate_limited, even with the right
 * password); unknown emails take as long as known ones.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent?: string; now: Date },
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!user?.passwordHash) {
    await verifyPassword(input.password, await dummy());
    throw badCredentials();
  }
  const lock = checkAccountLock(user.lockedUntil, input.now);
  if (!lock.allowed) {
    throw new AutosendError(
      'rate_limited',
      `too many failed sign-ins: this account is locked for ${Math.ceil(lock.retryAfterMs / 60_000)} more minute(s)`,
      { details: { retryAfterMs: lock.retryAfterMs } },
    );
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const next = afterFailure(user.failedLogins, input.now);
    await db.update(users).set(next).where(eq(users.id, user.id));
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: input.now })
      .where(eq(users.id, user.id));
    await tx.insert(userSessions).values({
      userId: user.id,
      tokenHash: hash(token),
      csrfToken,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
    });
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}

export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  email: string;
  csrfToken: string;
  memberships: Map<string, Role>;
}

/** Resolves a session cookie, or throws unauthorized (unknown, expired, idle or signed out). */
export async function authenticateSession(
  db: Db,
  token: string,
  now: Date,
): Promise<SessionPrincipal> {
  const [row] = await db
    .select({ session: userSessions, email: users.email })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.tokenHash, hash(token)),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, now),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    );
  if (!row) throw new AutosendError('unauthorized', 'your session has ended: sign in again');
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(eq(userSessions.id, row.session.id));
  }
  return {
    sessionId: row.session.id,
    userId: row.session.userId,
    email: row.email,
    csrfToken: row.session.csrfToken,
    memberships: await loadMemberships(db, row.session.userId),
  };
}

/** Ends one session. */
export async function signOut(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(userSessions).set({ revokedAt: now }).where(eq(userSessions.id, sessionId));
}

/** Ends every session of a user, on every device. Returns how many were open. */
export async function signOutEverywhere(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length;
}
