import { and, count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, decisionEvents, leads, messages, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
const A = { id: '', key: 'wh_acme_7Kq2', secret: 'secret-acme-1' };
const B = { id: '', key: 'wh_bolt_9Zx4', secret: 'secret-bolt-2' };

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
  const rows = await db.db
    .insert(workspaces)
    .values([
      { name: 'Acme Agency', webhookKey: A.key, webhookSecret: A.secret },
      { name: 'Bolt Outreach', webhookKey: B.key, webhookSecret: B.secret },
    ])
    .returning({ id: workspaces.id });
  A.id = rows[0]!.id;
  B.id = rows[1]!.id;
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

function genericReply(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    campaign: { id: 'q4-saas-founders', name: 'Q4 SaaS founders' },
    lead: { email: 'Maria.Lopez@northwind.io', firstName: 'Maria', company: 'Northwind' },
    mailbox: 'alex@agency-mail.io',
    subject: 'Re: Cutting onboarding time',
    text: 'Sounds interesting, could we talk Thursday?',
    messageId: `<${id}@mail.gmail.com>`,
    inReplyTo: '<out-77@agency-mail.io>',
    ...overrides,
  };
}

function postSigned(key: string, secret: string, payload: unknown, raw?: string) {
  const body = raw ?? JSON.stringify(payload);
  return app.inject({
    method: 'POST',
    url: `/webhooks/generic/${key}`,
    headers: {
      'content-type': 'application/json',
      'x-autosend-signature': signGenericBody(secret, body),
    },
    payload: body,
  });
}

async function messageCount(workspaceId: string) {
  const [row] = await db.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.workspaceId, workspaceId));
  return row!.n;
}

async function jobsFor(messageId: string) {
  const r = await db.pool.query(
    `select state, data from pgboss.job where name = 'inbound.process' and data->>'messageId' = $1`,
    [messageId],
  );
  return r.rows;
}

async function totalJobs() {
  const r = await db.pool.query(
    `select count(*)::int as n from pgboss.job where name = 'inbound.process'`,
  );
  return r.rows[0].n as number;
}

describe('POST /webhooks/generic/:workspaceKey', () => {
  let firstId = '';

  it('stores a signed reply with its lead, a discovered campaign, a trail event and one job', async () => {
    const res = await postSigned(A.key, A.secret, genericReply('gen-1'));
    expect(res.statusCode).toBe(202);
    firstId = res.json().messageId;
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);

    const [msg] = await db.db.select().from(messages).where(eq(messages.id, firstId));
    expect(msg).toMatchObject({
      workspaceId: A.id,
      direction: 'inbound',
      source: 'generic',
      providerMessageId: 'gen-1',
      fromEmail: 'maria.lopez@northwind.io',
      threadKey: '<out-77@agency-mail.io>',
      text: 'Sounds interesting, could we talk Thursday?',
      rfcMessageId: '<gen-1@mail.gmail.com>',
    });
    expect(msg!.raw).toMatchObject({ mailbox: 'alex@agency-mail.io' });

    const [lead] = await db.db.select().from(leads).where(eq(leads.id, msg!.leadId));
    expect(lead).toMatchObject({
      email: 'maria.lopez@northwind.io',
      firstName: 'Maria',
      company: 'Northwind',
    });

    const [campaign] = await db.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, msg!.campaignId!));
    expect(campaign).toMatchObject({
      workspaceId: A.id,
      platform: 'generic',
      externalId: 'q4-saas-founders',
      name: 'Q4 SaaS founders',
      responseMode: 'MANUAL',
      configuredAt: null,
    });

    const events = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, firstId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      step: 'ingest',
      outcome: 'stored',
      detail: { campaign: 'discovered' },
    });

    const jobs = await jobsFor(firstId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toEqual({ messageId: firstId });
  });

  it('answers a repeated provider message id with 200 and creates nothing', async () => {
    const before = { messages: await messageCount(A.id), jobs: await totalJobs() };
    const res = await postSigned(A.key, A.secret, genericReply('gen-1', { text: 'changed' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ messageId: firstId, duplicate: true });
    expect(await messageCount(A.id)).toBe(before.messages);
    expect(await totalJobs()).toBe(before.jobs);
    expect(await jobsFor(firstId)).toHaveLength(1);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const before = { messages: await messageCount(A.id), jobs: await totalJobs() };
    const body = JSON.stringify(
      genericReply('gen-unsigned', { lead: { email: 'new.person@x.io' } }),
    );
    const wrong = await postSigned(A.key, 'not-the-secret', null, body);
    const missing = await app.inject({
      method: 'POST',
      url: `/webhooks/generic/${A.key}`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    const tampered = await app.inject({
      method: 'POST',
      url: `/webhooks/generic/${A.key}`,
      headers: {
        'content-type': 'application/json',
        'x-autosend-signature': signGenericBody(A.secret, body),
      },
      payload: body.replace('gen-unsigned', 'gen-tampered'),
    });
    for (const res of [wrong, missing, tampered]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
    expect(await messageCount(A.id)).toBe(before.messages);
    expect(await totalJobs()).toBe(before.jobs);
    const [lead] = await db.db.select().from(leads).where(eq(leads.email, 'new.person@x.io'));
    expect(lead).toBeUndefined();
  });

  it('refuses an invalid payload with 400 naming each field, and stores nothing', async () => {
    const before = { messages: await messageCount(A.id), jobs: await totalJobs() };
    const res = await postSigned(A.key, A.secret, {
      lead: { email: 'not-an-address' },
      text: 'hello',
      to: ['ok@x.io', 'broken'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'invalid generic payload',
        fields: {
          id: 'is required',
          'lead.email': 'must be an email address',
          'to.1': 'must be an email address',
        },
      },
    });
    const notJson = await postSigned(A.key, A.secret, null, '{"id": "x",');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { $: 'not valid JSON' },
    });
    expect(await messageCount(A.id)).toBe(before.messages);
    expect(await totalJobs()).toBe(before.jobs);
  });

  it('accepts a timestamped signature', async () => {
    const body = JSON.stringify(genericReply('gen-ts'));
    const ts = Math.floor(Date.now() / 1000);
    const res = await app.inject({
      method: 'POST',
      url: `/webhooks/generic/${A.key}`,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-autosend-timestamp': String(ts),
        'x-autosend-signature': signGenericBody(A.secret, body, ts),
      },
      payload: body,
    });
    expect(res.statusCode).toBe(202);
  });

  it('fills empty lead fields without overwriting what is there, and reuses the campaign', async () => {
    const res = await postSigned(
      A.key,
      A.secret,
      genericReply('gen-2', {
        lead: {
          email: 'MARIA.LOPEZ@northwind.io',
          firstName: 'Mariana',
          lastName: 'Lopez',
          company: 'Other',
        },
      }),
    );
    expect(res.statusCode).toBe(202);
    const rows = await db.db
      .select()
      .from(leads)
      .where(
        and(eq(leads.workspaceId, A.id), sql`lower(${leads.email}) = 'maria.lopez@northwind.io'`),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ firstName: 'Maria', lastName: 'Lopez', company: 'Northwind' });
    const found = await db.db.select().from(campaigns).where(eq(campaigns.workspaceId, A.id));
    expect(found).toHaveLength(1);
  });

  it('stores a reply for a configured campaign against it, and one with no campaign', async () => {
    const [configured] = await db.db
      .insert(campaigns)
      .values({
        workspaceId: A.id,
        platform: 'generic',
        externalId: 'configured-1',
        name: 'Configured',
        responseMode: 'AI_AUTO_SEND',
        configuredAt: new Date(),
      })
      .returning({ id: campaigns.id });
    const known = await postSigned(
      A.key,
      A.secret,
      genericReply('gen-3', { campaign: { id: 'configured-1' } }),
    );
    const none = await postSigned(A.key, A.secret, genericReply('gen-4', { campaign: null }));
    const [k] = await db.db.select().from(messages).where(eq(messages.id, known.json().messageId));
    const [n] = await db.db.select().from(messages).where(eq(messages.id, none.json().messageId));
    expect(k!.campaignId).toBe(configured!.id);
    expect(n!.campaignId).toBeNull();
    const [event] = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, n!.id));
    expect(event!.detail).toMatchObject({ campaign: 'none' });
  });
});

describe('concurrent deliveries', () => {
  it('stores one message and one job when the same reply arrives twice at once', async () => {
    const payload = genericReply('race-1', { lead: { email: 'race@northwind.io' } });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => postSigned(A.key, A.secret, payload)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 202]);
    const ids = new Set(results.map((r) => r.json().messageId));
    expect(ids.size).toBe(1);
    expect(await jobsFor([...ids][0]!)).toHaveLength(1);
    const rows = await db.db.select().from(leads).where(eq(leads.email, 'race@northwind.io'));
    expect(rows).toHaveLength(1);
  });
});

describe('workspace isolation and routing', () => {
  it('answers 404 for an unknown workspace key or source', async () => {
    expect((await postSigned('wh_nope', A.secret, genericReply('x'))).statusCode).toBe(404);
    const res = await app.inject({
      method: 'POST',
      url: `/webhooks/hubspot/${A.key}`,
      payload: '{}',
    });
    expect(res.statusCode).toBe(404);
  });

  it("a workspace's secret cannot write through another workspace's key", async () => {
    const before = { a: await messageCount(A.id), b: await messageCount(B.id) };
    const res = await postSigned(B.key, A.secret, genericReply('cross-1'));
    expect(res.statusCode).toBe(401);
    expect(await messageCount(B.id)).toBe(before.b);

    // Signed for B, it lands in B only: same provider id as A's message is no duplicate there.
    const own = await postSigned(B.key, B.secret, genericReply('gen-1'));
    expect(own.statusCode).toBe(202);
    const [row] = await db.db.select().from(messages).where(eq(messages.id, own.json().messageId));
    expect(row!.workspaceId).toBe(B.id);
    expect(await messageCount(A.id)).toBe(before.a);
    const [lead] = await db.db.select().from(leads).where(eq(leads.id, row!.leadId));
    expect(lead!.workspaceId).toBe(B.id);
  });

  it('answers 503 when the process has no job queue', async () => {
    const noQueue = await buildApp({
      config: testConfig(),
      database: db,
      logger: createLogger('silent'),
    });
    try {
      const body = JSON.stringify(genericReply('no-queue'));
      const res = await noQueue.inject({
        method: 'POST',
        url: `/webhooks/generic/${A.key}`,
        headers: {
          'content-type': 'application/json',
          'x-autosend-signature': signGenericBody(A.secret, body),
        },
        payload: body,
      });
      expect(res.statusCode).toBe(503);
    } finally {
      await noQueue.close();
    }
  });
});
