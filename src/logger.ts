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

/** Creates the process logger (JSON lines on stdout, or the given destination). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'autosend' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
