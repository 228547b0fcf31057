import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Arbitrary constant: serialises migrations when several processes start at once. */
const MIGRATION_LOCK = 724_190_331;

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

function readJournal(): Journal {
  return JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as Journal;
}

/**
 * Applies pending migrations. Safe to run from several processes at once (an
 * advisory lock serialises them) and idempotent (applied ones are skipped).
 * Returns the tags that this call applied.
 */
export async function runMigrations(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const before = await migrationStatus(client);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    return before.pending;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export interface MigrationStatus {
  current: boolean;
  applied: number;
  pending: string[];
}

/** Compares the migrations shipped with the code against those recorded in the database. */
export async function migrationStatus(
  queryable: pg.Pool | pg.PoolClient,
): Promise<MigrationStatus> {
  const journal = readJournal();
  const exists = await queryable.query<{ ok: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  let lastApplied = 0;
  let applied = 0;
  if (exists.rows[0]?.ok) {
    const res = await queryable.query<{ last: string | null; n: string }>(
      'select max(created_at)::text as last, count(*)::text as n from drizzle.__drizzle_migrations',
    );
    lastApplied = Number(res.rows[0]?.last ?? 0);
    applied = Number(res.rows[0]?.n ?? 0);
  }
  const pending = journal.entries.filter((e) => e.when > lastApplied).map((e) => e.tag);
  return { current: pending.length === 0, applied, pending };
}
