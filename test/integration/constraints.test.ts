import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let workspaceId: string;
let leadId: string;
let campaignId: string;

async function rejects(sql: string, params: unknown[], constraint: string) {
  await expect(db.pool.query(sql, params)).rejects.toMatchObject({ constraint });
}

async function insertMessage(providerId: string, ws = workspaceId): Promise<string> {
  const r = await db.pool.query(
    `insert into messages (workspace_id, lead_id, campaign_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
     values ($1,$2,$3,'inbound','generic',$4,'t1','lead@example.com', now()) returning id`,
    [ws, leadId, campaignId, providerId],
  );
  return r.rows[0].id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ws = await db.pool.query(
    `insert into workspaces (name, webhook_key, webhook_secret) values ('Acme', 'key-1', 's') returning id`,
  );
  workspaceId = ws.rows[0].id;
  const lead = await db.pool.query(
    `insert into leads (workspace_id, email) values ($1, 'Jane.Doe@Example.com') returning id`,
    [workspaceId],
  );
  leadId = lead.rows[0].id;
  const c = await db.pool.query(
    `insert into campaigns (workspace_id, platform, external_id, name) values ($1,'generic','c1','Q3') returning id`,
    [workspaceId],
  );
  campaignId = c.rows[0].id;
});
afterAll(() => db.drop());

describe('constraints that make bad states impossible', () => {
  it('a lead email is unique per workspace, case-insensitively', async () => {
    await rejects(
      `insert into leads (workspace_id, email) values ($1, 'jane.doe@example.COM')`,
      [workspaceId],
      'leads_workspace_email_unique',
    );
    const other = await db.pool.query(
      `insert into workspaces (name, webhook_key, webhook_secret) values ('Other', 'key-2', 's') returning id`,
    );
    await db.pool.query(
      `insert into leads (workspace_id, email) values ($1, 'jane.doe@example.com')`,
      [other.rows[0].id],
    );
  });

  it('a provider message id cannot be stored twice in one workspace', async () => {
    await insertMessage('prov-1');
    await expect(insertMessage('prov-1')).rejects.toMatchObject({
      constraint: 'messages_provider_id_unique',
    });
  });

  it('a send ledger key is taken once', async () => {
    const messageId = await insertMessage('prov-2');
    const d = await db.pool.query(
      `insert into drafts (message_id, body, model) values ($1, 'hi', 'offline') returning id`,
      [messageId],
    );
    const sql = `insert into send_ledger (idempotency_key, draft_id, sender) values ($1, $2, 'outbox')`;
    await db.pool.query(sql, [`draft:${d.rows[0].id}`, d.rows[0].id]);
    await rejects(
      sql,
      [`draft:${d.rows[0].id}`, d.rows[0].id],
      'send_ledger_idempotency_key_unique',
    );
  });

  it('draft confidence stays within 0..1 and versions are unique per message', async () => {
    const messageId = await insertMessage('prov-3');
    await rejects(
      `insert into drafts (message_id, body, model, confidence) values ($1, 'x', 'm', 1.2)`,
      [messageId],
      'drafts_confidence_range',
    );
    await db.pool.query(`insert into drafts (message_id, body, model) values ($1, 'x', 'm')`, [
      messageId,
    ]);
    await rejects(
      `insert into drafts (message_id, body, model) values ($1, 'y', 'm')`,
      [messageId],
      'drafts_message_version_unique',
    );
  });

  it('a campaign gate is a whole percent and the delay window is ordered', async () => {
    await rejects(
      `update campaigns set confidence_gate = 101 where id = $1`,
      [campaignId],
      'campaigns_gate_percent',
    );
    await rejects(
      `update campaigns set send_delay_min_seconds = 500, send_delay_max_seconds = 100 where id = $1`,
      [campaignId],
      'campaigns_delay_window',
    );
    await rejects(
      `insert into campaigns (workspace_id, platform, external_id, name) values ($1,'generic','c1','dup')`,
      [workspaceId],
      'campaigns_platform_external_unique',
    );
  });

  it('reviewers must look like an email, a member id or a channel', async () => {
    const sql = `insert into campaign_reviewers (campaign_id, kind, target) values ($1, $2, $3)`;
    await db.pool.query(sql, [campaignId, 'email', 'ops@agency.com']);
    await db.pool.query(sql, [campaignId, 'slack_member', 'U012ABCDEF']);
    await db.pool.query(sql, [campaignId, 'slack_channel', '#replies']);
    await rejects(sql, [campaignId, 'email', 'not-an-email'], 'campaign_reviewers_target_form');
    await rejects(
      sql,
      [campaignId, 'slack_member', 'ops@agency.com'],
      'campaign_reviewers_target_form',
    );
  });

  it('a lead flag always carries its reason', async () => {
    await rejects(
      `update leads set opted_out_at = now() where id = $1`,
      [leadId],
      'leads_opted_out_why',
    );
    await db.pool.query(
      `update leads set bounced_at = now(), bounced_reason = '550 5.1.1' where id = $1`,
      [leadId],
    );
  });

  it('a paused follow-up always says why, and only a paused one has a pause reason', async () => {
    const seq = await db.pool.query(
      `insert into followup_sequences (workspace_id, name) values ($1, 'seq') returning id`,
      [workspaceId],
    );
    const sql = `insert into followup_instances (sequence_id, lead_id, status, pause_reason) values ($1, $2, $3, $4)`;
    await rejects(sql, [seq.rows[0].id, leadId, 'paused', null], 'followup_instances_pause_reason');
    await rejects(
      sql,
      [seq.rows[0].id, leadId, 'active', 'lead_replied'],
      'followup_instances_pause_reason',
    );
    await db.pool.query(sql, [seq.rows[0].id, leadId, 'paused', 'lead_replied']);
    await rejects(
      sql,
      [seq.rows[0].id, leadId, 'paused', 'awaiting_approval'],
      'followup_instances_lead_unique',
    );
  });
});
