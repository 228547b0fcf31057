import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeErrorForLog, isDatabaseUnavailable } from '../db/classify-database-error.ts';
import type { Logger } from '../logger.ts';

/** The body of every 5xx: nothing from the error itself, only an id to find it in the log. */
export interface ServerErrorBody {
  error: { code: 'internal' | 'database_unavailable'; message: string; errorId: string };
}

/**
 * Answers a failure the caller did not cause. A database that is not
 * answering gives 503 (platforms retry, and so should scripts); anything else
 * 500. The body never carries the error's text (which may hold SQL, its
 * parameters or lead data): the detail is logged under the same error id.
 */
export function serverErrorResponse(
  error: unknown,
  errorId: string,
  logger: Logger,
  context: Record<string, unknown> = {},
): { status: 500 | 503; body: ServerErrorBody } {
  const unavailable = isDatabaseUnavailable(error);
  logger.error(
    { errorId, ...context, error: describeErrorForLog(error) },
    unavailable ? 'request failed: database unavailable' : 'request failed',
  );
  return unavailable
    ? {
        status: 503,
        body: {
          error: {
            code: 'database_unavailable',
            message: `the database is not answering; retry later (error id ${errorId})`,
            errorId,
          },
        },
      }
    : {
        status: 500,
        body: {
          error: {
            code: 'internal',
            message: `internal error (error id ${errorId})`,
            errorId,
          },
        },
      };
}

/** Sends a server error for a request; the request id is the error id. */
export function sendServerError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
): FastifyReply {
  const { status, body } = serverErrorResponse(error, request.id, logger, {
    method: request.method,
    route: request.routeOptions.url ?? request.url.split('?')[0],
  });
  if (status === 503) reply.header('retry-after', '5');
  return reply.code(status).send(body);
}

/**
 * The app-wide error handler: client errors Fastify raises itself (body too
 * large, bad content type, bad JSON) keep their status and message; every
 * other error is a server error with a generic body.
 */
export function registerServerErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send({
        error: { code: e.code ?? 'bad_request', message: e.message ?? 'bad request' },
      });
    }
    return sendServerError(request, reply, error, logger);
  });
}
