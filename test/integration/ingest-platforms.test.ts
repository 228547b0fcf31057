import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, messages, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let workspaceId = '';
const KEY = 'wh_platforms_3Jd8';
const SECRET = 'platform-secret-9';

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Platforms', webhookKey: KEY, webhookSecret: SECRET })
    .returning({ id: workspaces.id });
  workspaceId = ws!.id;
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

function post(source: string, payload: unknown, headers: Record<string, string> = {}, query = '') {
  return app.inject({
    method: 'POST',
    url: `/webhooks/${source}/${KEY}${query}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });
}

async function stored(messageId: string) {
  const [row] = await db.db.select().from(messages).where(eq(messages.id, messageId));
  const jobs = await db.pool.query(
    `select 1 from pgboss.job where name = 'inbound.process' and data->>'messageId' = $1`,
    [messageId],
  );
  return { row: row!, jobs: jobs.rowCount };
}

async function messageCount() {
  const [r] = await db.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.workspaceId, workspaceId));
  return r!.n;
}

const smartlead = {
  event_type: 'EMAIL_REPLY',
  stats_id: 'b7e1c2d3-0000-4000-8000-000000000001',
  stats_thread_id: 'thr-1',
  sl_email_lead_id: '1482956',
  sl_lead_email: 'james.parker@parkerlogistics.com',
  from_email: 'alex@agency-mail.io',
  to_email: 'james.parker@parkerlogistics.com',
  to_name: 'James Parker',
  subject: 'Re: Some more conversions?',
  campaign_id: 9181,
  campaign_name: 'Logistics Q4',
  event_timestamp: '2026-11-19T09:35:01+00:00',
  sent_message: {
    message_id: '<sl-out-1@agency-mail.io>',
    text: 'Hi James',
    time: '2026-11-18T08:00:00Z',
  },
  reply_message: {
    message_id: '<sl-in-1@mail.gmail.com>',
    text: 'Send me times.',
    time: '2026-11-19T09:35:00Z',
  },
  secret_key: SECRET,
  leadCorrespondence: {
    targetLeadEmail: 'james.parker@parkerlogistics.com',
    replyReceivedFrom: 'nina@parkerlogistics.com',
  },
};

describe('platform webhooks', () => {
  it('Smartlead: authenticated by secret_key, stored with refs and the replying colleague', async () => {
    const res = await post('smartlead', smartlead);
    expect(res.statusCode).toBe(202);
    const { row, jobs } = await stored(res.json().messageId);
    expect(jobs).toBe(1);
    expect(row).toMatchObject({
      source: 'smartlead',
      providerMessageId: `${smartlead.stats_id}:<sl-in-1@mail.gmail.com>`,
      fromEmail: 'nina@parkerlogistics.com',
      threadKey: 'thr-1',
    });
    expect(row.raw).toMatchObject({
      mailbox: 'alex@agency-mail.io',
      platformRefs: { statsId: smartlead.stats_id },
      lead: { email: 'james.parker@parkerlogistics.com' },
      priorMessages: [{ direction: 'outbound', text: 'Hi James' }],
    });
    const [campaign] = await db.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, row.campaignId!));
    expect(campaign).toMatchObject({
      platform: 'smartlead',
      externalId: '9181',
      configuredAt: null,
    });

    const again = await post('smartlead', smartlead);
    expect(again.json()).toEqual({ messageId: res.json().messageId, duplicate: true });
  });

  it('Smartlead: a wrong secret_key is 401', async () => {
    const res = await post('smartlead', { ...smartlead, secret_key: 'guess', stats_id: 'other' });
    expect(res.statusCode).toBe(401);
  });

  it('Smartlead: a non-reply event is acknowledged and ignored', async () => {
    const before = await messageCount();
    const res = await post('smartlead', { event_type: 'EMAIL_OPEN', secret_key: SECRET });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ignored: 'smartlead_event:EMAIL_OPEN' });
    expect(await messageCount()).toBe(before);
  });

  it('Instantly: authenticated by a Bearer header, auto-reply flagged', async () => {
    const payload = {
      timestamp: '2026-11-19T14:02:11.000Z',
      event_type: 'auto_reply_received',
      workspace: 'ws-uuid',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      campaign_name: 'Dental DACH',
      lead_email: 'dr.weber@praxis-weber.de',
      email_account: 'lena@agency-mail.io',
      email_id: '01J9Z8K6T3Q2M1N0P9R8S7T6U5',
      reply_subject: 'Automatische Antwort',
      reply_text: 'Ich bin bis 30.11. nicht im Büro.',
    };
    expect((await post('instantly', payload)).statusCode).toBe(401);
    const res = await post('instantly', payload, { authorization: `Bearer ${SECRET}` });
    expect(res.statusCode).toBe(202);
    const { row, jobs } = await stored(res.json().messageId);
    expect(jobs).toBe(1);
    expect(row.platformFlags).toMatchObject({
      isAutoReply: true,
      eventType: 'auto_reply_received',
    });
    expect(row.raw).toMatchObject({ platformRefs: { replyToUuid: '01J9Z8K6T3Q2M1N0P9R8S7T6U5' } });
  });

  it('EmailBison: authenticated by ?secret=, manual_email_sent ignored', async () => {
    const payload = {
      event: {
        type: 'LEAD_REPLIED',
        instance_url: 'https://send.agency-bison.com',
        workspace_id: 3,
      },
      data: {
        campaign: { id: 42, name: 'HR Tech founders' },
        lead: { id: 9001, email: 'priya@talentloop.io', first_name: 'Priya' },
        reply: {
          id: 77123,
          from_email_address: 'priya@talentloop.io',
          text_body: 'Happy to chat.',
          date_received: '2026-11-19T16:45:00Z',
          automated_reply: false,
        },
        sender_email: { id: 12, email: 'sam@agency-mail.io' },
      },
    };
    expect((await post('emailbison', payload, {}, '?secret=wrong')).statusCode).toBe(401);
    const res = await post('emailbison', payload, {}, `?secret=${SECRET}`);
    expect(res.statusCode).toBe(202);
    const { row, jobs } = await stored(res.json().messageId);
    expect(jobs).toBe(1);
    expect(row).toMatchObject({ source: 'emailbison', providerMessageId: '77123' });

    const before = await messageCount();
    const manual = await post(
      'emailbison',
      { event: { type: 'MANUAL_EMAIL_SENT' }, data: payload.data },
      {},
      `?secret=${SECRET}`,
    );
    expect(manual.json()).toEqual({ ignored: 'manual_email_sent' });
    expect(await messageCount()).toBe(before);
  });

  it('a platform payload missing fields is 400 naming them by the platform path', async () => {
    const res = await post(
      'emailbison',
      { event: { type: 'LEAD_REPLIED' }, data: {} },
      { 'x-autosend-secret': SECRET },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject({
      'data.reply.id': 'is required',
      'data.reply.from_email_address': 'is required',
    });
  });
});
