import type { FastifyRequest } from 'fastify';
import { authenticateToken, type TokenPrincipal } from '../../admin/tokens.ts';
import { authenticateSession, type SessionPrincipal } from '../../auth/manage-sessions.ts';
import type { Db } from '../../db/client.ts';
import { AutosendError } from '../../errors.ts';
import { readCookie, SESSION_COOKIE } from './session-cookie.ts';

/** Who is calling: an API token, or a signed-in dashboard user. */
export interface Caller {
  principal: TokenPrincipal;
  /** `token:<id>` or `user:<id>`: written to the audit log and decision trail. */
  actor: string;
  session?: SessionPrincipal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A user's principal for one request: their role in the workspace the URL
 * names (none: the workspace is not theirs, reported as not found), else
 * their highest role. Users are never agency-wide.
 */
export function userPrincipal(
  session: SessionPrincipal,
  workspaceId: string | undefined,
): TokenPrincipal {
  const highest = [...session.memberships.values()].includes('admin') ? 'admin' : 'reviewer';
  // Outside their workspaces the scope check answers "not found", whatever the role.
  const role = (workspaceId && session.memberships.get(workspaceId)) || highest;
  return {
    tokenId: `session:${session.sessionId}`,
    role,
    workspaceIds: [...session.memberships.keys()],
  };
}

/**
 * State changes made with a cookie must prove they come from our own page:
 * the session's CSRF token in `x-csrf-token` (a cross-site page cannot read
 * it), and an Origin, when the browser sends one, equal to ours.
 */
export function assertSameOrigin(request: FastifyRequest, session: SessionPrincipal): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin && origin !== `${request.protocol}://${request.host}`) {
    throw new AutosendError('forbidden', `cross-site request refused (Origin ${origin})`);
  }
  if (request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new AutosendError(
      'forbidden',
      'missing or wrong CSRF token: reload the page (send x-csrf-token from GET /auth/me)',
    );
  }
}

/** Authenticates a request by `Authorization: Bearer`, else by the session cookie. */
export async function authenticateRequest(
  db: Db,
  request: FastifyRequest,
  now: Date,
): Promise<Caller> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      throw new AutosendError('unauthorized', 'send an API token: Authorization: Bearer as_…');
    const principal = await authenticateToken(db, match[1]!);
    return { principal, actor: `token:${principal.tokenId}` };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!cookie) {
    throw new AutosendError(
      'unauthorized',
      'sign in to the dashboard, or send an API token: Authorization: Bearer as_…',
    );
  }
  const session = await authenticateSession(db, cookie, now);
  assertSameOrigin(request, session);
  const params = (request.params ?? {}) as Record<string, string>;
  return {
    principal: userPrincipal(session, params.workspaceId),
    actor: `user:${session.userId}`,
    session,
  };
}
