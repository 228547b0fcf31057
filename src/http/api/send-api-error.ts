import type { FastifyReply } from 'fastify';
import { AutosendError, type ErrorCode, ValidationError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { serverErrorResponse } from '../send-server-error.ts';

/** The one error shape of the API. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; errorId?: string };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  // A sending platform refused or failed a call made on the caller's behalf.
  platform_auth_failed: 502,
  platform_rejected: 502,
  platform_rate_limited: 503,
  platform_unavailable: 502,
};

/** Fastify's own request errors (body parsing), mapped to our codes. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'validation_failed'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'validation_failed'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'validation_failed'],
};

/** PostgreSQL errors a request can cause: a unique key taken, a check refused. */
const PG_CODES: Record<string, [number, string]> = {
  '23505': [409, 'conflict'],
  '23514': [400, 'validation_failed'],
  '22P02': [400, 'validation_failed'],
};

/**
 * Maps anything thrown by a route to a status and `{ error: { code, message,
 * fields? } }`. A 5xx says only "internal error" (or "database unavailable")
 * with an `errorId`; its detail goes to the log under that id.
 */
export function toApiError(
  error: unknown,
  logger: Logger,
  errorId = 'unknown',
): { status: number; body: ApiErrorBody } {
  if (error instanceof AutosendError) {
    const status = STATUS[error.code];
    if (status === undefined) return serverErrorResponse(error, errorId, logger);
    const fields =
      error instanceof ValidationError
        ? error.fields
        : (error.details?.fields as Record<string, string> | undefined);
    return {
      status,
      body: { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } },
    };
  }
  const e = error as { code?: string; message?: string; statusCode?: number; constraint?: string };
  const fastify = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (fastify)
    return { status: fastify[0], body: { error: { code: fastify[1], message: e.message ?? '' } } };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      body: { error: { code: 'validation_failed', message: e.message ?? '' } },
    };
  }
  // drizzle wraps pg's error: its SQLSTATE is on the cause.
  const pgCode = e.code ?? (e as { cause?: { code?: string } }).cause?.code;
  const pgConstraint = e.constraint ?? (e as { cause?: { constraint?: string } }).cause?.constraint;
  const pg = pgCode ? PG_CODES[pgCode] : undefined;
  if (pg) {
    const detail = pgConstraint ? ` (${pgConstraint})` : '';
    return {
      status: pg[0],
      body: { error: { code: pg[1], message: `refused by the database${detail}` } },
    };
  }
  return serverErrorResponse(error, errorId, logger);
}

/** Sends an error in the API's shape. */
export function sendApiError(reply: FastifyReply, error: unknown, logger: Logger): FastifyReply {
  const { status, body } = toApiError(error, logger, reply.request.id);
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  if (status === 503) reply.header('retry-after', '5');
  return reply.code(status).send(body);
}
