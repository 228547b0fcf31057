import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { ALL_CONFIG_GROUPS, type ConfigGroup, keepUsedGroups } from './config-groups.ts';
import { type Env, envSchema, expectedForm, SECRET_KEYS } from './schema.ts';

/** Settings as the rest of the code sees them: parsed once, passed down, never re-read. */
export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  http: { host: string; port: number; publicUrl: string | undefined };
  database: {
    url: string | undefined;
    poolMax: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  };
  /** Deadlines of /readyz and of a webhook's database work (503 when exceeded). */
  deadlines: { readyzMs: number; webhookMs: number };
  embedded: { dataDir: string; port: number };
  dataDir: string;
  outboxDir: string;
  worker: { concurrency: number; shutdownTimeoutMs: number };
  autoSendDisabled: boolean;
  ai: {
    provider: Env['AI_PROVIDER'];
    openai: {
      apiKey: string | undefined;
      baseUrl: string | undefined;
      model: string;
      /** Timeout of each attempt of the draft call (OPENAI_DRAFT_TIMEOUT_MS). */
      timeoutMs: number;
      maxRetries: number;
      classifyTimeoutMs?: number;
      evaluateTimeoutMs?: number;
      maxTokens?: number;
      /** Unset: not sent (some models accept only their default). */
      temperature?: number;
      /** The evaluator's own model and server; unset fields fall back to the drafter's. */
      evaluator?: { model?: string; baseUrl?: string; apiKey?: string };
    };
  };
  sending: {
    sender: Env['SENDER'];
    smtpUrl: string | undefined;
    /** Per request to Smartlead, Instantly or EmailBison. */
    platformTimeoutMs: number;
    /** Campaign sync and missed-reply reconciliation; 0 = off. */
    reconcileIntervalMinutes: number;
  };
  slack: {
    botToken: string | undefined;
    apiUrl: string | undefined;
    signingSecret: string | undefined;
  };
  secretKey: string | undefined;
  availability: {
    cacheTtlSeconds: number;
    minNoticeMinutes: number;
    horizonDays: number;
    slotsPerLead: number;
    /** Undefined: derived per batch from demand and supply (see availability/allocate.ts). */
    offerCap: number | undefined;
  };
  /** Post-send outcomes, the circuit breaker and house-style examples (docs/calibration.md). */
  trust: {
    postSendWindowHours: number;
    breaker: {
      complaintPercent: number;
      minSends: number;
      windowSends: number;
      maxRejects: number;
      rejectWindow: number;
    };
    houseStyleExamples: number;
  };
  /** Content retention (docs/privacy.md): undefined days = off. */
  retention: { days: number | undefined };
  /** Defaults of `autosend backfill` (each has a command-line option). */
  backfill: {
    concurrency: number;
    rpm: number | undefined;
    sendPacingMs: number;
    /** Absolute folder of the run logs (BACKFILL_LOG_DIR, default ./logs). */
    logDir: string;
  };
}

/** Turns zod issues into one line per variable: `NAME must be FORM, got "VALUE"`. */
export function describeEnvIssues(
  issues: z.core.$ZodIssue[],
  source: Record<string, string | undefined>,
): string[] {
  const shape = envSchema.shape as Record<string, z.ZodType>;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const form = (shape[key] && expectedForm(shape[key])) ?? issue.message;
    const raw = source[key];
    const got = SECRET_KEYS.has(key)
      ? `a value of ${raw?.length ?? 0} characters (hidden)`
      : JSON.stringify(raw ?? '');
    lines.push(`${key} must be ${form}, got ${got}`);
  }
  return lines;
}

/**
 * Parses the environment. Throws ConfigError naming every bad variable.
 * Pure apart from its argument: pass `process.env` (via readProcessEnv) at the edge.
 */
export function parseConfig(source: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" for optional values, as in most .env files.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && v.trim() !== '') cleaned[k] = v;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(describeEnvIssues(parsed.error.issues, source));
  }
  const e = parsed.data;
  if (e.AI_PROVIDER === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError([
      'OPENAI_API_KEY must be set when AI_PROVIDER=openai (or set OPENAI_BASE_URL to a local compatible server), got ""',
    ]);
  }
  if (e.SENDER === 'smtp' && !e.SMTP_URL) {
    throw new ConfigError([
      'SMTP_URL must be an SMTP URL (smtp://user:pass@host:port) when SENDER=smtp, got ""',
    ]);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT, publicUrl: e.PUBLIC_URL },
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DB_POOL_MAX,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    deadlines: { readyzMs: e.READYZ_TIMEOUT_MS, webhookMs: e.WEBHOOK_TIMEOUT_MS },
    embedded: { dataDir: path.join(dataDir, 'postgres'), port: e.EMBEDDED_PG_PORT },
    dataDir,
    outboxDir: path.join(dataDir, 'outbox'),
    worker: { concurrency: e.WORKER_CONCURRENCY, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    autoSendDisabled: e.AUTO_SEND_DISABLED,
    ai: {
      provider: e.AI_PROVIDER,
      openai: {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        model: e.OPENAI_MODEL,
        timeoutMs: e.OPENAI_DRAFT_TIMEOUT_MS,
        maxRetries: e.OPENAI_MAX_RETRIES,
        classifyTimeoutMs: e.OPENAI_CLASSIFY_TIMEOUT_MS,
        evaluateTimeoutMs: e.OPENAI_EVALUATE_TIMEOUT_MS,
        maxTokens: e.OPENAI_MAX_TOKENS,
        ...(e.OPENAI_TEMPERATURE !== undefined ? { temperature: e.OPENAI_TEMPERATURE } : {}),
        evaluator: {
          ...(e.OPENAI_EVALUATOR_MODEL ? { model: e.OPENAI_EVALUATOR_MODEL } : {}),
          ...(e.OPENAI_EVALUATOR_BASE_URL ? { baseUrl: e.OPENAI_EVALUATOR_BASE_URL } : {}),
          ...(e.OPENAI_EVALUATOR_API_KEY ? { apiKey: e.OPENAI_EVALUATOR_API_KEY } : {}),
        },
      },
    },
    sending: {
      sender: e.SENDER,
      smtpUrl: e.SMTP_URL,
      platformTimeoutMs: e.PLATFORM_API_TIMEOUT_MS,
      reconcileIntervalMinutes: e.RECONCILE_INTERVAL_MINUTES,
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      apiUrl: e.SLACK_API_URL,
      signingSecret: e.SLACK_SIGNING_SECRET,
    },
    secretKey: e.AUTOSEND_SECRET_KEY,
    availability: {
      cacheTtlSeconds: e.AVAILABILITY_CACHE_TTL_SECONDS,
      minNoticeMinutes: e.AVAILABILITY_MIN_NOTICE_MINUTES,
      horizonDays: e.AVAILABILITY_HORIZON_DAYS,
      slotsPerLead: e.SLOTS_PER_LEAD,
      offerCap: e.SLOT_OFFER_CAP,
    },
    trust: {
      postSendWindowHours: e.POST_SEND_WINDOW_HOURS,
      breaker: {
        complaintPercent: e.BREAKER_COMPLAINT_PERCENT,
        minSends: e.BREAKER_MIN_SENDS,
        windowSends: e.BREAKER_WINDOW_SENDS,
        maxRejects: e.BREAKER_MAX_REJECTS,
        rejectWindow: e.BREAKER_REJECT_WINDOW,
      },
      houseStyleExamples: e.HOUSE_STYLE_EXAMPLES,
    },
    retention: { days: e.RETENTION_DAYS },
    backfill: {
      concurrency: e.BACKFILL_CONCURRENCY,
      rpm: e.BACKFILL_RPM,
      sendPacingMs: e.BACKFILL_SEND_PACING_MS,
      logDir: path.resolve(e.BACKFILL_LOG_DIR),
    },
  };
}

/** The one reader of process.env: loads `.env` when present (real env wins), then parses. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadCommandConfig(ALL_CONFIG_GROUPS, overrides).config;
}

/** Which keys a `.env` file supplied (real environment variables win); never their values. */
export interface DotenvUse {
  path: string;
  keys: string[];
}

/**
 * Like loadConfig, validating only the groups a command uses, and saying
 * which keys `.env` set, so the caller can name the file once at start-up.
 */
export function loadCommandConfig(
  uses: readonly ConfigGroup[],
  overrides: Record<string, string | undefined> = {},
): { config: Config; dotenv: DotenvUse | undefined } {
  const envFile = path.resolve('.env');
  let dotenv: DotenvUse | undefined;
  if (existsSync(envFile)) {
    const before = new Set(Object.keys(process.env));
    const loaded = loadDotenv({ path: envFile, quiet: true });
    const keys = Object.keys(loaded.parsed ?? {}).filter((k) => !before.has(k));
    if (keys.length) dotenv = { path: envFile, keys };
  }
  const source = keepUsedGroups({ ...process.env, ...overrides }, uses);
  return { config: parseConfig(source), dotenv };
}
