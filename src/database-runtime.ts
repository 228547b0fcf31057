import type { Config } from './config/load-config.ts';
import { type Database, openDatabase } from './db/client.ts';
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
  type WhenServerRuns,
} from './db/embedded-postgres.ts';
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
 * Connects to DATABASE_URL, or to the embedded server when it is unset: the
 * one a running Autosend already started on the same data directory (CLI
 * commands, the default), else one of its own. Services pass
 * `whenEmbeddedRuns: 'refuse'`: two services must not share one embedded
 * server. Then applies pending migrations (unless `migrate: false`).
 */
export async function openDatabaseRuntime(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean; whenEmbeddedRuns?: WhenServerRuns } = {},
): Promise<DatabaseRuntime> {
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.embedded.dataDir,
        preferredPort: config.embedded.port,
        logger,
        whenRunning: options.whenEmbeddedRuns ?? 'attach',
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
