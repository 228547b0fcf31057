import type { Config } from './config/load-config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { runMigrations } from './db/migrate.ts';
import type { Logger } from './logger.ts';

export interface DatabaseRuntime {
  database: Database;
  /** The connection URL in use (contains the embedded server's local password: never log it). */
  url: string;
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded server when it is unset,
 * then applies pending migrations (unless `migrate: false`).
 */
export async function openDatabaseRuntime(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<DatabaseRuntime> {
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.embedded.dataDir,
        preferredPort: config.embedded.port,
        logger,
      });
  const url = config.database.url ?? embedded!.url;
  const database = openDatabase(url, {
    poolMax: config.database.poolMax,
    connectTimeoutMs: config.database.connectTimeoutMs,
    statementTimeoutMs: config.database.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
  });
  const close = async () => {
    await database.close();
    await embedded?.stop();
  };
  try {
    await database.pool.query('select 1');
    if (options.migrate !== false) {
      const applied = await runMigrations(database.pool);
      logger.info({ applied }, applied.length ? 'migrations applied' : 'migrations current');
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { database, url, embedded, close };
}
