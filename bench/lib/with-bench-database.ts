import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import type { Logger } from '../../src/logger.ts';

/**
 * Runs `body` against a fresh, migrated database, dropped afterwards.
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a server where a database may
 * be created; without either, an embedded server in a temporary directory.
 */
export async function withBenchDatabase<T>(
  logger: Logger,
  body: (url: string) => Promise<T>,
): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bench-'));
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      preferredPort: 56500,
      logger,
    });
    admin = embedded.url;
  }
  const name = `autosend_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    const migrationPool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    await runMigrations(migrationPool);
    await migrationPool.end();
    return await body(url.toString());
  } finally {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
