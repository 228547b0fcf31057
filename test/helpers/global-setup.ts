import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDashboardBuilt } from '../../scripts/build-dashboard.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { withDatabase } from './database-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the test server that may create and drop databases. */
    adminUrl: string;
    /** A migrated database (schema + pg-boss) that each test file clones. */
    templateDatabase: string;
  }
}

/**
 * Uses the real PostgreSQL at TEST_DATABASE_URL when set (CI), else starts an
 * embedded server in a temporary directory, so `npm test` passes on a fresh
 * machine. Builds one migrated template database; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  await ensureDashboardBuilt();
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-test-pg-'));
    await chmod(dataDir, 0o755); // the postgres user must enter it when tests run as root
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      preferredPort: 55432,
      logger,
    });
    adminUrl = embedded.url;
  }
  const template = `autosend_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 2 });
  await runMigrations(pool);
  await pool.end();
  const queue = await startJobQueue(templateUrl, logger, { schedule: false, supervise: false });
  await queue.stop({ graceful: false });

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`autosend_t%_${process.pid}_%`],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
    }
    await admin.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
