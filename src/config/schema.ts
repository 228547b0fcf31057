import { z } from 'zod';

/**
 * Every environment variable Autosend reads, with its expected form.
 * `.env.example` documents the same keys; keep the two in step.
 *
 * Each field carries a human description of its expected form, used in the
 * one-line start-up error: `PORT must be a TCP port (1-65535), got "http"`.
 */

const FORM = Symbol('form');
type Described<T extends z.ZodType> = T & { [FORM]?: string };

function described<T extends z.ZodType>(schema: T, form: string): Described<T> {
  const out = schema as Described<T>;
  out[FORM] = form;
  return out;
}

export function expectedForm(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const form = (current as Described<z.ZodType>)[FORM];
    if (form) return form;
    const def: { innerType?: z.ZodType; in?: z.ZodType } | undefined = (
      current as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType } }
    ).def;
    current = def?.innerType ?? def?.in;
  }
  return undefined;
}

const positiveInt = (form: string) =>
  described(
    z
      .string()
      .trim()
      .regex(/^[1-9]\d*$/)
      .transform(Number),
    form,
  );

const nonNegativeInt = (form: string) =>
  described(z.string().trim().regex(/^\d+$/).transform(Number), form);

const bool = () =>
  described(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(1|0|true|false|yes|no|on|off|)$/)
      .transform((v) => ['1', 'true', 'yes', 'on'].includes(v)),
    'a boolean (1/0, true/false, yes/no, on/off)',
  );

const url = (form = 'a URL (http:// or https://)') =>
  described(
    z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+\S*$/i)
      .transform((v) => v.replace(/\/+$/, '')),
    form,
  );

const text = () => described(z.string().trim().min(1), 'a non-empty string');

/** Keys whose values are secrets: never echoed in errors or logs. */
export const SECRET_KEYS = new Set([
  'DATABASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_EVALUATOR_API_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'AUTOSEND_SECRET_KEY',
  'SMTP_URL',
]);

export const envSchema = z.object({
  NODE_ENV: described(
    z.enum(['development', 'production', 'test']).default('development'),
    'one of development, production, test',
  ),
  LOG_LEVEL: described(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    'one of fatal, error, warn, info, debug, trace, silent',
  ),
  HOST: described(z.string().trim().min(1).default('127.0.0.1'), 'a host name or IP address'),
  PORT: described(
    z
      .string()
      .trim()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= 0 && n <= 65535)
      .default(3000),
    'a TCP port (0-65535; 0 picks a free one)',
  ),
  PUBLIC_URL: url('a URL (http:// or https://) where reviewers reach the dashboard').optional(),

  DATABASE_URL: described(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//),
    'a PostgreSQL URL (postgres://user@host:port/db)',
  ).optional(),
  DATA_DIR: text().default('./data'),
  EMBEDDED_PG_PORT: positiveInt('a TCP port (1-65535)').default(5433),
  DB_POOL_MAX: positiveInt('a positive integer (connections)').default(10),
  // A database that stops answering must fail requests fast, never hang them.
  DB_CONNECT_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(5000),
  DB_STATEMENT_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(30000),
  // Above reply.send's 10-minute expiry: a send holds its lock transaction open while it hands off.
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(600000),
  READYZ_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(2000),
  WEBHOOK_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(5000),

  WORKER_CONCURRENCY: positiveInt('a positive integer (jobs in parallel per queue)').default(4),
  SHUTDOWN_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(30000),

  AUTO_SEND_DISABLED: bool().default(false),

  AI_PROVIDER: described(z.enum(['offline', 'openai']).default('offline'), 'offline or openai'),
  OPENAI_API_KEY: text().optional(),
  OPENAI_BASE_URL: url().optional(),
  OPENAI_MODEL: text().default('gpt-4.1-mini'),
  OPENAI_DRAFT_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(60000),
  OPENAI_MAX_RETRIES: nonNegativeInt('a whole number of retries (0 or more)').default(3),
  // issue 10: per-call timeouts, output bounds and a separate evaluator model.
  OPENAI_CLASSIFY_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(30000),
  OPENAI_EVALUATE_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(30000),
  OPENAI_MAX_TOKENS: positiveInt('a positive integer (tokens)').default(800),
  OPENAI_TEMPERATURE: described(
    z
      .string()
      .trim()
      .regex(/^(?:[01](?:\.\d+)?|2(?:\.0+)?)$/)
      .transform(Number),
    'a number from 0 to 2',
  ).optional(),
  OPENAI_EVALUATOR_MODEL: text().optional(),
  OPENAI_EVALUATOR_BASE_URL: url().optional(),
  OPENAI_EVALUATOR_API_KEY: text().optional(),

  SENDER: described(z.enum(['outbox', 'smtp']).default('outbox'), 'outbox or smtp'),
  SMTP_URL: described(
    z
      .string()
      .trim()
      .regex(/^smtps?:\/\//),
    'an SMTP URL (smtp://user:pass@host:port)',
  ).optional(),
  PLATFORM_API_TIMEOUT_MS: positiveInt('a positive integer (ms)').default(30000),
  RECONCILE_INTERVAL_MINUTES: nonNegativeInt('a whole number of minutes (0 turns it off)').default(
    15,
  ),

  SLACK_BOT_TOKEN: described(
    z
      .string()
      .trim()
      .regex(/^xox[a-z]-/),
    'a Slack token (xoxb-…)',
  ).optional(),
  SLACK_API_URL: url().optional(),
  SLACK_SIGNING_SECRET: text().optional(),
  AUTOSEND_SECRET_KEY: described(
    z.string().trim().min(32),
    'at least 32 characters (used to encrypt stored secrets)',
  ).optional(),

  AVAILABILITY_CACHE_TTL_SECONDS: positiveInt('a positive integer (seconds)').default(600),
  AVAILABILITY_MIN_NOTICE_MINUTES: nonNegativeInt('a whole number of minutes (0 or more)').default(
    120,
  ),
  AVAILABILITY_HORIZON_DAYS: positiveInt('a positive integer (days)').default(14),
  SLOTS_PER_LEAD: positiveInt('a positive integer (slots offered per reply)').default(3),
  SLOT_OFFER_CAP: positiveInt('a positive integer (leads offered one slot at once)').optional(),

  // issue 15: post-send outcomes, the circuit breaker and house-style examples.
  POST_SEND_WINDOW_HOURS: positiveInt('a positive integer (hours)').default(72),
  BREAKER_COMPLAINT_PERCENT: described(
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .refine((n) => n > 0 && n < 100),
    'a percentage between 0 and 100 (e.g. 3)',
  ).default(3),
  BREAKER_MIN_SENDS: positiveInt('a positive integer (auto-sends)').default(20),
  BREAKER_WINDOW_SENDS: positiveInt('a positive integer (auto-sends)').default(100),
  BREAKER_MAX_REJECTS: nonNegativeInt('a whole number of rejected drafts').default(3),
  BREAKER_REJECT_WINDOW: positiveInt('a positive integer (reviewed drafts)').default(10),
  HOUSE_STYLE_EXAMPLES: nonNegativeInt('a whole number of examples (0 turns it off)').default(3),

  BACKFILL_CONCURRENCY: positiveInt('a positive integer (drafts in parallel)').default(8),
  BACKFILL_RPM: positiveInt('a positive integer (model requests per minute)').optional(),
  BACKFILL_SEND_PACING_MS: nonNegativeInt('a whole number of milliseconds (0 or more)').default(
    2000,
  ),
  BACKFILL_LOG_DIR: text().default('logs'),

  // issue 16: message bodies, payloads and trail details older than this are purged (unset: off).
  RETENTION_DAYS: positiveInt('a positive integer (days; unset keeps everything)').optional(),
});

export type Env = z.infer<typeof envSchema>;
