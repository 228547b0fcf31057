/*
 * Whether an error means "the database is not answering" (retry later) rather
 * than "this request is wrong". The one place that looks at pg's error codes
 * and the few pg / pg-pool failures that carry no code; nothing else in the
 * code base sniffs database error text.
 */

/** SQLSTATE classes and codes of an unreachable, overloaded or shutting-down server. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03']);
const UNAVAILABLE_SYSCALL = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);
/** pg and pg-pool raise these without a code (checked in node_modules/pg{,-pool} 8.x). */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'connection timeout',
];

/** True when the error (or any error in its `cause` chain) is a database outage or timeout. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_SYSCALL.has(code)) {
      return true;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    if (typeof e.code === 'string' && e.code === 'database_unavailable') return true;
    current = e.cause;
  }
  return false;
}

/**
 * An error as it may be logged: name, code and message of each error in the
 * chain, with the SQL parameters (lead data, token hashes, webhook keys)
 * and pg's `detail` (which echoes row values) left out.
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth++) {
    const e = current as Record<string, unknown>;
    const isQueryError = typeof e.query === 'string' && 'params' in e;
    chain.push({
      name: typeof e.name === 'string' ? e.name : typeof current,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      // drizzle's message is "Failed query: <sql>\nparams: <values>": keep the statement only.
      message: isQueryError
        ? `query failed: ${String(e.query).slice(0, 300)}`
        : String(e.message ?? current),
      ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
      ...(typeof e.table === 'string' ? { table: e.table } : {}),
    });
    current = e.cause;
  }
  const stack = (error as { stack?: unknown })?.stack;
  return {
    chain,
    ...(typeof stack === 'string'
      ? {
          stack: stack
            .split('\n')
            .filter((l) => /^\s+at /.test(l))
            .slice(0, 12)
            .join('\n'),
        }
      : {}),
  };
}
