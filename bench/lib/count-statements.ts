import pg from 'pg';

/**
 * Counts the statements every pg client in this process sends, by the
 * connection's application_name ('autosend' for the app's pool,
 * 'autosend-jobs' for pg-boss), by wrapping `pg.Client.prototype.query` — the
 * driver's one entry point for a round trip. Each call is one round trip
 * (a multi-statement text counts once, as it travels once).
 */
export function countStatements() {
  const counts = new Map<string, number>();
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: the driver's overloads
  (pg.Client.prototype as any).query = function counted(this: pg.Client, ...args: unknown[]) {
    const params = (this as unknown as { connectionParameters?: { application_name?: string } })
      .connectionParameters;
    const name = params?.application_name ?? 'other';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    // biome-ignore lint/suspicious/noExplicitAny: forwarding the driver's overloads
    return (original as any).apply(this, args);
  };
  return {
    /** Statements so far per application_name. */
    snapshot: () => Object.fromEntries(counts),
    /** Statements since `before` for one application_name. */
    since: (before: Record<string, number>, name: string) =>
      (counts.get(name) ?? 0) - (before[name] ?? 0),
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}
