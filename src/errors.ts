/**
 * Coded errors. Each code is either retryable (a job may try again) or
 * permanent (waits for a human fix). Expected outcomes such as skip, review or
 * low confidence are return values, never errors. Only `http/` maps codes to
 * HTTP status codes.
 */

export const ERROR_CODES = {
  config_invalid: 'permanent',
  validation_failed: 'permanent',
  not_found: 'permanent',
  conflict: 'permanent',
  unauthorized: 'permanent',
  forbidden: 'permanent',
  rate_limited: 'permanent',
  database_unavailable: 'retryable',
  ai_timeout: 'retryable',
  ai_rate_limited: 'retryable',
  ai_unavailable: 'retryable',
  ai_bad_output: 'retryable',
  ai_rejected: 'permanent',
  send_failed: 'retryable',
  send_rejected: 'permanent',
  platform_auth_failed: 'permanent',
  platform_rate_limited: 'retryable',
  platform_rejected: 'permanent',
  platform_unavailable: 'retryable',
  slack_transient: 'retryable',
  slack_permanent: 'permanent',
  source_unavailable: 'retryable',
  internal: 'retryable',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AutosendError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AutosendError';
    this.code = code;
    this.details = options.details;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code] === 'retryable';
  }
}

/** Start-up configuration problems: one line per bad variable. */
export class ConfigError extends AutosendError {
  readonly lines: string[];
  constructor(lines: string[]) {
    super('config_invalid', lines.join('\n'));
    this.name = 'ConfigError';
    this.lines = lines;
  }
}

/** A field-level validation failure; `fields` maps a dotted path to its problem. */
export class ValidationError extends AutosendError {
  readonly fields: Record<string, string>;
  constructor(message: string, fields: Record<string, string>) {
    super('validation_failed', message, { details: { fields } });
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** Wraps anything thrown into an AutosendError, keeping the original as `cause`. */
export function asAutosendError(error: unknown): AutosendError {
  if (error instanceof AutosendError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AutosendError('internal', message, { cause: error });
}
