import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationStatus, runMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('migrations', () => {
  it('are current on a cloned database and re-running them changes nothing', async () => {
    expect((await migrationStatus(db.pool)).current).toBe(true);
    const tablesBefore = await db.pool.query(
      `select count(*)::int as n from pg_tables where schemaname='public'`,
    );
    expect(await runMigrations(db.pool)).toEqual([]);
    expect(await runMigrations(db.pool)).toEqual([]);
    const tablesAfter = await db.pool.query(
      `select count(*)::int as n from pg_tables where schemaname='public'`,
    );
    expect(tablesAfter.rows[0].n).toBe(tablesBefore.rows[0].n);
  });

  it('apply once when several processes migrate an empty database at the same time', async () => {
    await db.pool.query(
      'drop schema public cascade; create schema public; drop schema drizzle cascade',
    );
    expect((await migrationStatus(db.pool)).current).toBe(false);
    const results = await Promise.all([
      runMigrations(db.pool),
      runMigrations(db.pool),
      runMigrations(db.pool),
    ]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const status = await migrationStatus(db.pool);
    expect(status).toMatchObject({ current: true, pending: [] });
    const tables = await db.pool.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname='public' order by 1`,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        'workspaces',
        'users',
        'workspace_members',
        'campaigns',
        'leads',
        'messages',
        'drafts',
        'send_ledger',
        'review_requests',
        'notification_deliveries',
        'decision_events',
        'followup_sequences',
        'followup_steps',
        'followup_instances',
        'availability_cache',
        'slot_offers',
        'backfill_runs',
        'backfill_items',
      ]),
    );
  });
});
