import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * Migration 0012 on a database that holds two live drafts of one message
 * (possible before the constraint): the draft furthest along is kept, the
 * others superseded with their open reviews, and the unique index is built.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/**
 * Puts the database back as 0011 left it: 0012's indexes gone. (Later
 * migrations are applied too, so the migrator would not re-run 0012 alone:
 * the test applies its file as the migrator does, in one transaction.)
 */
async function undo0012() {
  await db.pool.query(`
    drop index drafts_one_live_per_message;
    drop index messages_workspace_occurred_idx;
    drop index leads_workspace_created_idx;
    drop index review_requests_status_created_idx;
    drop index review_requests_workspace_created_idx;
    drop index notification_deliveries_attempted_idx;
    drop index followup_instances_updated_idx;
    create index review_requests_open_idx on review_requests (workspace_id, status, created_at);`);
}

async function apply0012() {
  const file = path.join(MIGRATIONS_FOLDER, '0012_keyset_and_live_drafts.sql');
  const statements = readFileSync(file, 'utf8').split('--> statement-breakpoint');
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } finally {
    client.release();
  }
}

describe('migration 0012 (one live draft per message)', () => {
  it('supersedes all but the draft furthest along, closes their reviews, then builds the index', async () => {
    await undo0012();
    const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
    const ws = (
      await q(
        `insert into workspaces (name, webhook_key, webhook_secret) values ('Old', 'wh_0012', 's') returning id`,
      )
    ).rows[0].id;
    const lead = (
      await q(`insert into leads (workspace_id, email) values ($1, 'x@y.io') returning id`, [ws])
    ).rows[0].id;
    const message = async (n: number) =>
      (
        await q(
          `insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
           values ($1, $2, 'inbound', 'generic', $3, 't', 'x@y.io', now()) returning id`,
          [ws, lead, `m${n}`],
        )
      ).rows[0].id as string;
    const draft = async (messageId: string, version: number, status: string) =>
      (
        await q(
          `insert into drafts (message_id, version, status, body, model) values ($1, $2, $3, 'b', 'm') returning id`,
          [messageId, version, status],
        )
      ).rows[0].id as string;
    const [m1, m2, m3] = [await message(1), await message(2), await message(3)];
    const older = await draft(m1, 1, 'generated');
    const newer = await draft(m1, 2, 'generated');
    const review = (
      await q(
        `insert into review_requests (workspace_id, draft_id, reason) values ($1, $2, 'low') returning id`,
        [ws, older],
      )
    ).rows[0].id;
    const inFlight = await draft(m2, 1, 'sending');
    const later = await draft(m2, 2, 'generated');
    const approved = await draft(m3, 1, 'approved');
    const shadow = await draft(m3, 2, 'shadow');

    await apply0012();

    const status = async (id: string) =>
      (await q('select status from drafts where id = $1', [id])).rows[0].status;
    expect(await status(older)).toBe('superseded');
    expect(await status(newer)).toBe('generated');
    expect(await status(inFlight)).toBe('sending');
    expect(await status(later)).toBe('superseded');
    expect(await status(approved)).toBe('approved');
    expect(await status(shadow)).toBe('shadow');
    expect((await q('select status from review_requests where id = $1', [review])).rows).toEqual([
      { status: 'superseded' },
    ]);
    const trail = await q(
      `select draft_id, outcome, detail->>'by' as by from decision_events where step = 'decide' order by draft_id`,
    );
    expect(trail.rows).toEqual(
      expect.arrayContaining([
        { draft_id: older, outcome: 'superseded', by: newer },
        { draft_id: later, outcome: 'superseded', by: inFlight },
      ]),
    );
    expect(trail.rows).toHaveLength(2);
    await expect(draft(m1, 3, 'approved')).rejects.toThrow(/drafts_one_live_per_message/);
  });
});
