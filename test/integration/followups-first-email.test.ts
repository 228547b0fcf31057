import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import { campaigns, followupInstances, leads, messages, workspaces } from '../../src/db/schema.ts';
import { createSequence } from '../../src/followups/manage-sequences.ts';
import { buildApp } from '../../src/http/app.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let workspaceId = '';
let adminToken = '';
const KEY = 'wh_first_email_7Qp2';
const SECRET = 'first-email-secret-4';
const campaignIds: Record<string, string> = {};

/** A campaign on the platform with one follow-up sequence. */
async function campaignWithSequence(
  platform: 'smartlead' | 'instantly' | 'emailbison' | 'generic',
  externalId: string,
) {
  const [c] = await db.db
    .insert(campaigns)
    .values({
      workspaceId,
      platform,
      externalId,
      name: `${platform} campaign`,
      responseMode: 'AI_AUTO_SEND',
      senderEmail: 'sam@acme.io',
    })
    .returning({ id: campaigns.id });
  await createSequence(
    db.db,
    { workspaceId, actor: 'test' },
    {
      campaignId: c!.id,
      name: 'Nudges',
      steps: [{ delay: '3 business days', body: 'Hi {{first_name|there}}, any thoughts?' }],
    },
  );
  campaignIds[platform] = c!.id;
}

function post(source: string, payload: unknown, headers: Record<string, string> = {}, query = '') {
  return app.inject({
    method: 'POST',
    url: `/webhooks/${source}/${KEY}${query}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });
}

async function instancesOf(email: string) {
  return db.db
    .select({ instance: followupInstances })
    .from(followupInstances)
    .innerJoin(leads, eq(leads.id, followupInstances.leadId))
    .where(eq(leads.email, email));
}

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'First email', webhookKey: KEY, webhookSecret: SECRET })
    .returning({ id: workspaces.id });
  workspaceId = ws!.id;
  adminToken = (
    await createToken(db.db, 'test', { name: 'a', role: 'admin', workspaceIds: [workspaceId] })
  ).token;
  await campaignWithSequence('smartlead', '9181');
  await campaignWithSequence('instantly', 'c0ffee-01');
  await campaignWithSequence('emailbison', '42');
  await campaignWithSequence('generic', 'own-1');
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

describe('the campaign’s first email enrols the lead in its follow-ups', () => {
  it('Smartlead EMAIL_SENT for sequence 1 enrols; a later step does not', async () => {
    const sent = {
      event_type: 'EMAIL_SENT',
      event_timestamp: '2026-11-18T08:00:00+00:00',
      stats_id: 'b7e1c2d3-0000-4000-8000-000000000009',
      sl_email_lead_id: '1482999',
      sl_lead_email: 'ann@parkerlogistics.com',
      from_email: 'alex@agency-mail.io',
      to_email: 'ann@parkerlogistics.com',
      subject: 'Some more conversions?',
      campaign_id: 9181,
      campaign_name: 'Logistics Q4',
      sequence_number: 1,
      sent_message: {
        message_id: '<sl-out-9@agency-mail.io>',
        text: 'Hi Ann',
        time: '2026-11-18T08:00:00Z',
      },
      secret_key: SECRET,
    };
    const res = await post('smartlead', sent);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ followupsEnrolled: 1 });
    const [row] = await instancesOf('ann@parkerlogistics.com');
    expect(row!.instance).toMatchObject({
      status: 'active',
      enrolledBy: 'first_email',
      nextStep: 1,
    });
    // Three business days after the send (Wed 18 Nov → Mon 23 Nov).
    expect(row!.instance.nextRunAt?.toISOString().slice(0, 10)).toBe('2026-11-23');
    // The opener is kept as our message with its thread ids: a follow-up can reply in its thread.
    const opener = await db.db
      .select()
      .from(messages)
      .where(eq(messages.leadId, row!.instance.leadId));
    expect(opener).toMatchObject([
      {
        direction: 'outbound',
        source: 'smartlead',
        campaignId: campaignIds.smartlead,
        rfcMessageId: '<sl-out-9@agency-mail.io>',
        raw: { platformRefs: { statsId: 'b7e1c2d3-0000-4000-8000-000000000009' } },
      },
    ]);

    const later = await post('smartlead', {
      ...sent,
      sl_lead_email: 'bob@parkerlogistics.com',
      to_email: 'bob@parkerlogistics.com',
      sequence_number: 2,
    });
    expect(later.json()).toEqual({ ignored: 'smartlead_event:EMAIL_SENT' });
    expect(await instancesOf('bob@parkerlogistics.com')).toEqual([]);
    // A repeated delivery changes nothing.
    expect((await post('smartlead', sent)).json()).toMatchObject({ followupsEnrolled: 0 });
    expect(await instancesOf('ann@parkerlogistics.com')).toHaveLength(1);
    expect(
      await db.db.select().from(messages).where(eq(messages.leadId, row!.instance.leadId)),
    ).toHaveLength(1);
  });

  it('Instantly email_sent with is_first enrols; is_first false does not', async () => {
    const sent = {
      timestamp: '2026-11-18T08:00:00.000Z',
      event_type: 'email_sent',
      workspace: 'ws-1',
      campaign_id: 'c0ffee-01',
      campaign_name: 'SaaS founders',
      lead_email: 'cara@founders.example',
      email_account: 'sam@acme.io',
      step: 1,
      variant: 1,
      is_first: true,
      email_id: '0199-sent-1',
      email_subject: 'Quick question',
      email_text: 'Hi Cara',
    };
    const auth = { authorization: `Bearer ${SECRET}` };
    expect((await post('instantly', sent, auth)).json()).toMatchObject({ followupsEnrolled: 1 });
    const notFirst = await post(
      'instantly',
      { ...sent, lead_email: 'dan@founders.example', is_first: false, step: 2 },
      auth,
    );
    expect(notFirst.json()).toEqual({ ignored: 'instantly_event:email_sent' });
    expect(await instancesOf('dan@founders.example')).toEqual([]);
  });

  it('EmailBison CONTACT_FIRST_EMAILED enrols; an unknown campaign is skipped by name', async () => {
    const sent = {
      event: { type: 'CONTACT_FIRST_EMAILED', name: 'Contact First Emailed', workspace_id: 1 },
      data: {
        campaign: { id: 42, name: 'Bison Q4' },
        lead: { id: 9, email: 'eve@bison.example', first_name: 'Eve' },
        scheduled_email: { id: 77, sequence_step_order: 1, sent_at: '2026-11-18T08:00:00Z' },
        sender_email: { id: 12, email: 'sam@acme.io' },
      },
    };
    const res = await post('emailbison', sent, {}, `?secret=${SECRET}`);
    expect(res.json()).toMatchObject({ followupsEnrolled: 1 });
    const unknown = await post(
      'emailbison',
      {
        ...sent,
        data: { ...sent.data, campaign: { id: 999 }, lead: { email: 'fay@bison.example' } },
      },
      {},
      `?secret=${SECRET}`,
    );
    expect(unknown.json()).toEqual({ ignored: 'first_email_sent:unknown_campaign' });
    expect(await instancesOf('fay@bison.example')).toEqual([]);
  });

  it('the API records a first email for any campaign; a lead who already replied is left alone', async () => {
    const url = `/api/v1/workspaces/${workspaceId}/campaigns/${campaignIds.generic}/first-email-sent`;
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const bad = await app.inject({ method: 'POST', url, headers, payload: { leadEmail: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('leadEmail');
    const ok = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { leadEmail: 'Gus@Own.example', sentAt: '2026-11-18T08:00:00Z' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ enrolled: 1 });
    expect(await instancesOf('gus@own.example')).toHaveLength(1);

    const [hal] = await db.db
      .insert(leads)
      .values({ workspaceId, email: 'hal@own.example' })
      .returning({ id: leads.id });
    await db.db.insert(messages).values({
      workspaceId,
      leadId: hal!.id,
      campaignId: campaignIds.generic!,
      direction: 'inbound',
      source: 'generic',
      providerMessageId: 'hal-1',
      threadKey: '<t-hal@own.example>',
      fromEmail: 'hal@own.example',
      text: 'Tell me more',
      occurredAt: new Date('2026-11-17T08:00:00Z'),
    });
    const replied = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { leadEmail: 'hal@own.example' },
    });
    expect(replied.json()).toEqual({ enrolled: 0, skipped: 'lead_already_replied' });
    expect(await instancesOf('hal@own.example')).toEqual([]);
  });
});
