import type { PgBoss } from 'pg-boss';

/**
 * Calls `onQueue(name)` whenever pg-boss announces new jobs on a notify-enabled
 * queue, on one dedicated connection (pg-boss's `Db.listen`, which reconnects
 * with backoff and calls `onReconnect` so missed announcements are recovered by
 * a fetch). Returns the close function, or null when the database cannot LISTEN
 * (then the poll alone finds new jobs).
 *
 * The channel is pg-boss's own (`plans.notifyChannelSql`: 'pgboss_' and the
 * first 24 hex digits of sha224 of the schema name); it is not part of
 * pg-boss's documented API, so the worker test that wakes an idle worker is
 * what guards it across upgrades.
 */
export async function listenForJobs(
  boss: PgBoss,
  schema: string,
  onQueue: (name: string) => void,
  onReconnect: () => void,
): Promise<(() => Promise<void>) | null> {
  const db = boss.getDb();
  if (typeof db.listen !== 'function') return null;
  const { rows } = await db.executeSql(
    `SELECT 'pgboss_' || left(encode(sha224($1::text::bytea), 'hex'), 24) AS channel`,
    [schema],
  );
  const channel = (rows[0] as { channel: string }).channel;
  const handle = await db.listen(channel, onQueue, onReconnect);
  return () => handle.close();
}
