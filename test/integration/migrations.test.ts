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

describe('migration 0001 (dedupe scope)', () => {
  it('keeps existing replies and scopes existing EmailBison rows by their instance', async () => {
    const { readFileSync } = await import('node:fs');
    const { MIGRATIONS_FOLDER } = await import('../../src/db/migrate.ts');
    const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8'));
    const first = journal.entries[0];
    await db.pool.query(
      'drop schema public cascade; create schema public; drop schema if exists drizzle cascade',
    );
    // The database as 0000 left it, with rows stored under the old key.
    const sql0 = readFileSync(`${MIGRATIONS_FOLDER}/${first.tag}.sql`, 'utf8');
    for (const statement of sql0.split('--> statement-breakpoint')) await db.pool.query(statement);
    await db.pool.query(`create schema drizzle;
      create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint);
      insert into drizzle.__drizzle_migrations (hash, created_at) values ('0000', ${first.when})`);
    const ws = await db.pool.query(
      `insert into workspaces (name, webhook_key, webhook_secret) values ('Old', 'wh_old', 's') returning id`,
    );
    const wsId = ws.rows[0].id;
    const lead = await db.pool.query(
      `insert into leads (workspace_id, email) values ($1, 'x@y.io') returning id`,
      [wsId],
    );
    const insert = (source: string, id: string, raw: unknown) =>
      db.pool.query(
        `insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key, from_email, occurred_at, raw)
         values ($1, $2, 'inbound', $3, $4, 't', 'x@y.io', now(), $5)`,
        [wsId, lead.rows[0].id, source, id, JSON.stringify(raw)],
      );
    await insert('emailbison', '77123', { platformRefs: { instanceUrl: 'https://EB.io' } });
    await insert('generic', '88', {});

    expect(await runMigrations(db.pool)).toEqual(
      journal.entries.slice(1).map((e: { tag: string }) => e.tag),
    );
    const rows = await db.pool.query(
      'select source, dedupe_scope, provider_message_id from messages order by source',
    );
    expect(rows.rows).toEqual([
      { source: 'emailbison', dedupe_scope: 'https://eb.io', provider_message_id: '77123' },
      { source: 'generic', dedupe_scope: '', provider_message_id: '88' },
    ]);
    // The same id now fits beside the old row from another source.
    await insert('instantly', '77123', {});
    await expect(insert('generic', '88', {})).rejects.toThrow(/messages_provider_id_unique/);
  });
});
