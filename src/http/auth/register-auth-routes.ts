import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../admin/parse-input.ts';
import { listWorkspaces } from '../../admin/workspaces.ts';
import {
  authenticateSession,
  SESSION_TTL_MS,
  signIn,
  signOut,
  signOutEverywhere,
} from '../../auth/manage-sessions.ts';
import { completeSetup, describeSetupLink } from '../../auth/setup-links.ts';
import type { Config } from '../../config/load-config.ts';
import type { Database } from '../../db/client.ts';
import { AutosendError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { sendApiError } from '../api/send-api-error.ts';
import { makeAddressLimiter } from './address-limiter.ts';
import { assertSameOrigin } from './authenticate-request.ts';
import { readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie.ts';

const signInSchema = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(200),
});

/** Sign-in, sign-out (here or everywhere), the signed-in user, and the one-time setup links. */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { database: Database; logger: Logger; config?: Pick<Config, 'secretKey'> },
): void {
  const db = deps.database.db;
  const limiter = makeAddressLimiter();

  const currentSession = async (request: FastifyRequest) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) throw new AutosendError('unauthorized', 'not signed in');
    const session = await authenticateSession(db, token, new Date());
    assertSameOrigin(request, session);
    return session;
  };

  const throttle = (request: FastifyRequest, reply?: FastifyReply) => {
    const verdict = limiter.attempt(request.ip, Date.now());
    if (!verdict.allowed) {
      reply?.header('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
      throw new AutosendError(
        'rate_limited',
        `too many sign-in attempts from this address: wait ${Math.ceil(verdict.retryAfterMs / 60_000)} minute(s)`,
      );
    }
  };

  app.register(
    async (auth) => {
      auth.setErrorHandler((error, _request, reply) => sendApiError(reply, error, deps.logger));

      auth.post('/login', async (request, reply) => {
        throttle(request, reply);
        const input = parseInput(signInSchema, request.body ?? {});
        try {
          const session = await signIn(db, {
            ...input,
            userAgent: request.headers['user-agent'],
            now: new Date(),
          });
          deps.logger.info({ userId: session.userId }, 'dashboard sign-in');
          reply.header('set-cookie', sessionCookie(session.token, SESSION_TTL_MS / 1000));
          return { ok: true, csrfToken: session.csrfToken };
        } catch (error) {
          // No email in the log line: a typo'd password field can end up in it.
          deps.logger.warn(
            { ip: request.ip, code: (error as AutosendError).code },
            'dashboard sign-in refused',
          );
          throw error;
        }
      });

      auth.post('/logout', async (request, reply) => {
        const session = await currentSession(request);
        await signOut(db, session.sessionId, new Date());
        reply.header('set-cookie', sessionCookie(null, 0));
        return { ok: true };
      });

      auth.post('/logout-everywhere', async (request, reply) => {
        const session = await currentSession(request);
        const ended = await signOutEverywhere(db, session.userId, new Date());
        deps.logger.info({ userId: session.userId, ended }, 'signed out everywhere');
        reply.header('set-cookie', sessionCookie(null, 0));
        return { ok: true, ended };
      });

      auth.get('/me', async (request) => {
        const session = await currentSession(request);
        const workspaces = await listWorkspaces(db, [...session.memberships.keys()]);
        return {
          userId: session.userId,
          email: session.email,
          csrfToken: session.csrfToken,
          workspaces: workspaces.map((w) => ({
            id: w.id,
            name: w.name,
            role: session.memberships.get(w.id),
          })),
        };
      });

      auth.get('/setup/:token', async (request) => {
        throttle(request);
        return describeSetupLink(db, (request.params as { token: string }).token, new Date());
      });

      auth.post('/setup', async (request, reply) => {
        throttle(request, reply);
        const result = await completeSetup(db, request.body ?? {}, new Date(), {
          secretKey: deps.config?.secretKey,
        });
        deps.logger.info({ userId: result.userId }, 'setup link used');
        return { ok: true };
      });
    },
    { prefix: '/auth' },
  );
}
