import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSendingConnection } from '../../src/admin/sending-connections.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import type { Config } from '../../src/config/load-config.ts';
import { campaigns, drafts, leads, messages, sendingConnections } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { reconcileMissedReplies } from '../../src/sending/reconcile-missed-replies.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type PlatformPeer, startPlatformPeer } from '../peers/platform-peer.ts';

/*
 * End to end per platform: its webhook in, an automatic answer out through
 * its API in the lead's thread, the platform's ids stored, the platform's
 * echo of our own answer ignored; a bounce event flags the lead; a reply the
 * webhook never delivered is recovered by reconciliation and answered once,
 * even when its webhook arrives afterwards.
 */

const SECRET_KEY = 'flow-secret-key-0123456789abcdefghijklmnop';
const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let worker: Worker;
let app: FastifyInstance;
let config: Config;
let peer: PlatformPeer;
let dataDir: string;
let workspace: { id: string; webhookKey: string; webhookSecret: string };

async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function post(source: string, payload: unknown) {
  const auth =
    source === 'instantly'
      ? { headers: { authorization: `Bearer ${workspace.webhookSecret}` }, query: '' }
      : source === 'emailbison'
        ? { headers: {}, query: `?secret=${workspace.webhookSecret}` }
        : { headers: {}, query: '' };
  const body =
    source === 'smartlead'
      ? { ...(payload as object), secret_key: workspace.webhookSecret }
      : payload;
  return app.inject({
    method: 'POST',
    url: `/webhooks/${source}/${workspace.webhookKey}${auth.query}`,
    headers: { 'content-type': 'application/json', ...auth.headers },
    payload: JSON.stringify(body),
  });
}

async function messageCount() {
  const [r] = await db.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.workspaceId, workspace.id));
  return r!.n;
}

/** Waits for the draft answering `messageId` to be sent; returns the outbound message. */
async function sentAnswer(messageId: string) {
  const draft = await until(async () => {
    const [d] = await db.db.select().from(drafts).where(eq(drafts.messageId, messageId));
    return d?.status === 'sent' ? d : undefined;
  }, 'the answer to be sent');
  const [out] = await db.db.select().from(messages).where(eq(messages.id, draft.sentMessageId!));
  return out!;
}

const ASK = 'Sounds interesting, when could we talk?';

beforeAll(async () => {
  db = await createTestDatabase();
  peer = await startPlatformPeer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-platform-flow-'));
  config = testConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    AUTOSEND_SECRET_KEY: SECRET_KEY,
    PLATFORM_API_TIMEOUT_MS: '5000',
  });
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const ws = await createWorkspace(db.db, 'test', { name: 'Flow', timeZone: 'Europe/Berlin' });
  workspace = { id: ws.id, webhookKey: ws.webhookKey, webhookSecret: ws.webhookSecret };
  for (const [platform, externalId] of [
    ['smartlead', '9181'],
    ['instantly', 'c0ffee00-0000-4000-8000-000000000002'],
    ['emailbison', '42'],
  ] as const) {
    await db.db.insert(campaigns).values({
      workspaceId: ws.id,
      platform,
      externalId,
      name: `${platform} campaign`,
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 80,
      sendDelayMinSeconds: 0,
      sendDelayMaxSeconds: 0,
      bookingLink: 'https://cal.example.com/tom/intro',
      knowledge: 'Setup $1,500 once, $12 per seat per month.',
      senderName: 'Tom',
      senderEmail: 'tom@agency.example',
      signature: 'Tom\nAgency',
      configuredAt: new Date(),
    });
  }
  const opts = { secretKey: SECRET_KEY };
  await setSendingConnection(
    db.db,
    'test',
    ws.id,
    { kind: 'smartlead', apiKey: 'sl-key-1234567890', baseUrl: peer.url },
    opts,
  );
  await setSendingConnection(
    db.db,
    'test',
    ws.id,
    { kind: 'instantly', apiKey: 'in-key-1234567890', baseUrl: peer.url },
    opts,
  );
  await setSendingConnection(
    db.db,
    'test',
    ws.id,
    { kind: 'emailbison', token: 'eb-token-1234567890', baseUrl: `${peer.url}/eb` },
    opts,
  );
  app = await buildApp({ config, database: db, queue, logger });
  worker = await startWorker({
    queue,
    handlers: buildJobHandlers({ config, database: db, queue, logger }),
    concurrency: 2,
    logger,
  });
});

afterAll(async () => {
  await app?.close();
  await worker?.drain(5_000);
  await peer?.close();
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Smartlead end to end', () => {
  it('answers in the thread through reply-email-thread; its EMAIL_SENT echo is ignored', async () => {
    const res = await post('smartlead', {
      event_type: 'EMAIL_REPLY',
      stats_id: 'b7e1c2d3-0000-4000-8000-0000000000e1',
      sl_lead_email: 'james@parker.example',
      from_email: 'tom@agency.example',
      to_email: 'james@parker.example',
      to_name: 'James Parker',
      subject: 'Re: Quick question',
      campaign_id: 9181,
      campaign_name: 'Logistics Q4',
      sent_message: {
        message_id: '<sl-out-e1@agency.example>',
        text: 'Hi James',
        time: '2026-11-18T08:00:00Z',
      },
      reply_message: {
        message_id: '<sl-in-e1@mail.example>',
        text: ASK,
        time: new Date().toISOString(),
      },
    });
    expect(res.statusCode).toBe(202);
    const out = await sentAnswer(res.json().messageId);
    const call = peer.delivered.find((r) => r.path === '/api/v1/campaigns/9181/reply-email-thread');
    expect(call?.body).toMatchObject({
      email_stats_id: 'b7e1c2d3-0000-4000-8000-0000000000e1',
      reply_message_id: '<sl-in-e1@mail.example>',
    });
    expect(out.raw).toMatchObject({
      platformIds: { statsId: 'b7e1c2d3-0000-4000-8000-0000000000e1' },
    });

    const before = await messageCount();
    const echo = await post('smartlead', {
      event_type: 'EMAIL_SENT',
      stats_id: 'b7e1c2d3-0000-4000-8000-0000000000e1',
      sl_lead_email: 'james@parker.example',
      campaign_id: 9181,
    });
    expect(echo.json()).toEqual({ ignored: 'smartlead_event:EMAIL_SENT' });
    expect(await messageCount()).toBe(before);
  });
});

describe('Instantly end to end', () => {
  it('answers from the receiving eaccount; its email_sent echo is ignored', async () => {
    const res = await post('instantly', {
      timestamp: new Date().toISOString(),
      event_type: 'reply_received',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead_email: 'lena@praxis.example',
      email_account: 'tom@agency.example',
      email_id: '0199-in-e2e-1',
      reply_subject: 'Re: Quick question',
      reply_text: ASK,
    });
    expect(res.statusCode).toBe(202);
    const out = await sentAnswer(res.json().messageId);
    const call = peer.delivered.find(
      (r) =>
        r.path === '/api/v2/emails/reply' &&
        (r.body as { reply_to_uuid: string }).reply_to_uuid === '0199-in-e2e-1',
    );
    expect(call?.body).toMatchObject({ eaccount: 'tom@agency.example' });
    expect(out.rfcMessageId).toMatch(/^<instantly-sent-\d+@mail\.example\.com>$/);

    const before = await messageCount();
    const echo = await post('instantly', {
      event_type: 'email_sent',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead_email: 'lena@praxis.example',
      email_account: 'tom@agency.example',
      email_id: (out.raw as { platformIds: { emailId: string } }).platformIds.emailId,
    });
    expect(echo.json()).toEqual({ ignored: 'instantly_event:email_sent' });
    // The same answer delivered as if it were a reply is recognised too.
    const asReply = await post('instantly', {
      event_type: 'reply_received',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead_email: 'lena@praxis.example',
      email_account: 'tom@agency.example',
      email_id: (out.raw as { platformIds: { emailId: string } }).platformIds.emailId,
      reply_text: 'Hi Lena, Tuesday works.',
    });
    expect(asReply.json()).toEqual({ ignored: 'own_reply_echo' });
    expect(await messageCount()).toBe(before);
  });

  it('an email_bounced event flags the lead with the event as evidence', async () => {
    const res = await post('instantly', {
      event_type: 'email_bounced',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead_email: 'gone@nowhere.example',
      email_account: 'tom@agency.example',
    });
    expect(res.json()).toMatchObject({ leadFlagged: 'bounced' });
    const [lead] = await db.db.select().from(leads).where(eq(leads.email, 'gone@nowhere.example'));
    expect(lead!.bouncedReason).toBe(
      'instantly email_bounced webhook (campaign c0ffee00-0000-4000-8000-000000000002)',
    );
  });

  it('a reply only reconciliation saw is answered once, also when its webhook comes later', async () => {
    peer.inbox.instantly.push({
      id: '0199-missed-1',
      timestamp_email: new Date().toISOString(),
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead: 'max@missed.example',
      eaccount: 'tom@agency.example',
      subject: 'Re: Quick question',
      body: { text: ASK },
      is_auto_reply: 0,
    });
    const [first] = await reconcileMissedReplies(
      { db: db.db, queue, logger, config },
      { now: new Date() },
    ).then((r) => r.filter((x) => x.kind === 'instantly'));
    expect(first).toMatchObject({ recovered: 1, listed: 1 });
    const [stored] = await db.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, workspace.id),
          eq(messages.providerMessageId, '0199-missed-1'),
        ),
      );
    expect(stored!.platformFlags).toMatchObject({ recoveredBy: 'reconciliation' });
    await sentAnswer(stored!.id);

    const late = await post('instantly', {
      timestamp: new Date().toISOString(),
      event_type: 'reply_received',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead_email: 'max@missed.example',
      email_account: 'tom@agency.example',
      email_id: '0199-missed-1',
      reply_text: ASK,
    });
    expect(late.json()).toEqual({ messageId: stored!.id, duplicate: true });
    const [again] = await reconcileMissedReplies(
      { db: db.db, queue, logger, config },
      { now: new Date() },
    ).then((r) => r.filter((x) => x.kind === 'instantly'));
    expect(again).toMatchObject({ recovered: 0 });
    const answers = peer.delivered.filter(
      (r) => (r.body as { reply_to_uuid?: string }).reply_to_uuid === '0199-missed-1',
    );
    expect(answers).toHaveLength(1);
    const [conn] = await db.db
      .select()
      .from(sendingConnections)
      .where(
        and(
          eq(sendingConnections.workspaceId, workspace.id),
          eq(sendingConnections.kind, 'instantly'),
        ),
      );
    expect(conn!.lastReconcileRecovered).toBe(0);
  });

  it('never takes in a reply older than the connection', async () => {
    peer.inbox.instantly.push({
      id: '0199-old-1',
      timestamp_email: '2020-01-01T00:00:00Z',
      campaign_id: 'c0ffee00-0000-4000-8000-000000000002',
      lead: 'old@missed.example',
      eaccount: 'tom@agency.example',
      body: { text: ASK },
    });
    const results = await reconcileMissedReplies(
      { db: db.db, queue, logger, config },
      { now: new Date() },
    );
    expect(results.find((r) => r.kind === 'instantly')).toMatchObject({ recovered: 0 });
    const old = await db.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, '0199-old-1'));
    expect(old).toEqual([]);
  });
});

describe('EmailBison end to end', () => {
  it('answers through replies/{id}/reply; its MANUAL_EMAIL_SENT echo is ignored', async () => {
    const res = await post('emailbison', {
      event: { type: 'LEAD_REPLIED', workspace_id: 3 },
      data: {
        campaign: { id: 42, name: 'HR Tech founders' },
        lead: { id: 9001, email: 'priya@talentloop.example', first_name: 'Priya' },
        reply: {
          id: 77123,
          from_email_address: 'priya@talentloop.example',
          email_subject: 'Re: Quick question',
          text_body: ASK,
          date_received: new Date().toISOString(),
          automated_reply: false,
        },
        sender_email: { id: 12, email: 'tom@agency.example' },
      },
    });
    expect(res.statusCode).toBe(202);
    const out = await sentAnswer(res.json().messageId);
    const call = peer.delivered.find((r) => r.path === '/eb/api/replies/77123/reply');
    expect(call?.body).toMatchObject({
      sender_email_id: 12,
      to_emails: [{ email_address: 'priya@talentloop.example' }],
    });
    expect(out.raw).toMatchObject({
      platformIds: { replyId: expect.any(String), parentReplyId: '77123' },
    });

    const before = await messageCount();
    const echo = await post('emailbison', {
      event: { type: 'MANUAL_EMAIL_SENT' },
      data: { lead: { email: 'priya@talentloop.example' }, reply: { id: 9999 } },
    });
    expect(echo.json()).toEqual({ ignored: 'manual_email_sent' });
    expect(await messageCount()).toBe(before);
  });
});

describe('reconciliation on the other platforms', () => {
  it('EmailBison: a reply only the listing has is answered in its thread; Smartlead says it is not reconciled', async () => {
    peer.inbox.emailbison.push({
      id: 88001,
      from_email_address: 'omar@missed-bison.example',
      email_subject: 'Re: Quick question',
      text_body: ASK,
      date_received: new Date().toISOString(),
      automated_reply: false,
      campaign_id: 42,
      sender_email_id: 12,
    });
    const results = await reconcileMissedReplies(
      { db: db.db, queue, logger, config },
      { now: new Date() },
    );
    expect(results.find((r) => r.kind === 'emailbison')).toMatchObject({ recovered: 1 });
    expect(results.find((r) => r.kind === 'smartlead')).toMatchObject({
      supported: false,
      recovered: 0,
      unsupportedReason: expect.stringMatching(/^not supported: .*stats_id/),
    });
    // The gap stays visible on the connection (connection list, API, /readyz), not "0 recovered".
    const [smartlead] = await db.db
      .select()
      .from(sendingConnections)
      .where(
        and(
          eq(sendingConnections.workspaceId, workspace.id),
          eq(sendingConnections.kind, 'smartlead'),
        ),
      );
    expect(smartlead).toMatchObject({ lastReconcileRecovered: null });
    expect(smartlead!.lastReconcileError).toMatch(/^not supported: /);
    const [stored] = await db.db
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, workspace.id), eq(messages.providerMessageId, '88001')));
    await sentAnswer(stored!.id);
    const call = peer.delivered.find((r) => r.path === '/eb/api/replies/88001/reply');
    expect(call?.body).toMatchObject({ sender_email_id: 12 });
  });
});
