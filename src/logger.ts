import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
const REDACT = [
  'token',
  'apiKey',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'req.headers["x-autosend-signature"]',
  'headers.authorization',
];

/**
 * HTTP requests as logged: the query string is dropped, since some platforms
 * can only authenticate webhooks with a secret in the URL (`?secret=`).
 */
function requestForLog(req: {
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}) {
  return {
    method: req.method,
    url: req.url?.split('?')[0],
    remoteAddress: req.ip,
    userAgent: req.headers?.['user-agent'],
  };
}

/** Creates the process logger (JSON lines on stdout, or the given destination). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'autosend' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { req: requestForLog },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
