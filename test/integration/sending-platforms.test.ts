import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setSendingConnection } from '../../src/admin/sending-connections.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import {
  decisionEvents,
  drafts,
  messages,
  reviewRequests,
  sendingConnections,
  sendLedger,
} from '../../src/db/schema.ts';
import { AutosendError } from '../../src/errors.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { resumeHeldSends } from '../../src/sending/resume-held-sends.ts';
import { makeReplySendHandler } from '../../src/sending/send-reply.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type PlatformPeer, startPlatformPeer } from '../peers/platform-peer.ts';
import { seedCampaign, seedReply } from './sending-seed.ts';

const SECRET_KEY = 'k'.repeat(40);
const logger = createLogger('silent');
let tdb: TestDatabase;
let queue: JobQueue;
let peer: PlatformPeer;
let dataDir: string;
const now = new Date('2026-03-02T10:00:00Z');

type Platform = 'smartlead' | 'instantly' | 'emailbison';

const REFS: Record<Platform, Record<string, string>> = {
  smartlead: { statsId: 'stats-77', replyMessageId: '<sl-reply-1@mail.example.com>' },
  instantly: { replyToUuid: '0199-email-1', eaccount: 'sam@acme.io' },
  emailbison: { replyId: '5151', senderEmailId: '42' },
};

function handler(timeoutMs = 2000) {
  const config = parseConfig({
    DATA_DIR: dataDir,
    SENDER: 'outbox',
    AUTOSEND_SECRET_KEY: SECRET_KEY,
    PLATFORM_API_TIMEOUT_MS: String(timeoutMs),
  });
  return makeReplySendHandler({ db: tdb.db, config, logger, queue, now: () => now });
}

async function connect(workspaceId: string, platform: Platform) {
  const input =
    platform === 'smartlead'
      ? { kind: 'smartlead', apiKey: 'sl-key-1234567890', baseUrl: peer.url }
      : platform === 'instantly'
        ? { kind: 'instantly', apiKey: 'in-key-1234567890', baseUrl: peer.url }
        : { kind: 'emailbison', token: 'eb-token-1234567890', baseUrl: `${peer.url}/eb` };
  await setSendingConnection(tdb.db, 'test', workspaceId, input, { secretKey: SECRET_KEY });
}

/** A campaign of the platform, a connection (unless told not to) and one reply with the webhook's ids. */
async function platformReply(
  platform: Platform,
  options: { connect?: boolean; refs?: Record<string, string> } = {},
) {
  const ids = await seedCampaign(tdb.db, {
    platform,
    externalId: platform === 'smartlead' ? '3131' : `camp-${platform}`,
    sendingHoursStart: null,
    sendingHoursEnd: null,
  });
  if (options.connect !== false) await connect(ids.workspaceId, platform);
  const reply = await seedReply(tdb.db, ids);
  await tdb.db
    .update(messages)
    .set({ source: platform, raw: { platformRefs: options.refs ?? REFS[platform] } })
    .where(eq(messages.id, reply.inboundId));
  return { ...ids, ...reply };
}

async function draftRow(draftId: string) {
  const [d] = await tdb.db.select().from(drafts).where(eq(drafts.id, draftId));
  return d!;
}

async function sendEvents(draftId: string) {
  return tdb.db
    .select()
    .from(decisionEvents)
    .where(and(eq(decisionEvents.draftId, draftId), eq(decisionEvents.step, 'send')))
    .orderBy(decisionEvents.id);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  peer = await startPlatformPeer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-platforms-'));
});
afterAll(async () => {
  await peer?.close();
  await queue?.stop({ graceful: false });
  await tdb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  peer.requests.length = 0;
  peer.delivered.length = 0;
});

describe('replies in the lead’s thread through the platform', () => {
  it('Smartlead: reply-email-thread with the webhook’s stats_id and message id', async () => {
    const r = await platformReply('smartlead');
    const result = await handler()({ draftId: r.draftId });
    expect(result).toMatchObject({ outcome: 'sent' });
    expect(peer.delivered).toHaveLength(1);
    const req = peer.delivered[0]!;
    expect(req.path).toBe('/api/v1/campaigns/3131/reply-email-thread');
    expect(req.query.get('api_key')).toBe('sl-key-1234567890');
    expect(req.body).toMatchObject({
      email_stats_id: 'stats-77',
      reply_message_id: '<sl-reply-1@mail.example.com>',
      to_email: r.leadEmail,
    });
    expect((req.body as { email_body: string }).email_body).toContain('Tuesday works.');
    const d = await draftRow(r.draftId);
    expect(d.status).toBe('sent');
    const [out] = await tdb.db.select().from(messages).where(eq(messages.id, d.sentMessageId!));
    expect(out).toMatchObject({ direction: 'outbound', threadKey: r.threadKey });
    expect(out!.raw).toMatchObject({ platformIds: { statsId: 'stats-77' } });
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.draftId, r.draftId));
    expect(ledger).toMatchObject({ status: 'sent', sender: 'smartlead' });
  });

  it('Instantly: emails/reply from the receiving eaccount with email_id as reply_to_uuid', async () => {
    const r = await platformReply('instantly');
    expect(await handler()({ draftId: r.draftId })).toMatchObject({ outcome: 'sent' });
    const req = peer.delivered[0]!;
    expect(req.headers.authorization).toBe('Bearer in-key-1234567890');
    expect(req.body).toMatchObject({
      eaccount: 'sam@acme.io',
      reply_to_uuid: '0199-email-1',
      subject: 'Re: Quick question about Acme',
      body: { text: expect.stringContaining('Tuesday works.') },
    });
    const d = await draftRow(r.draftId);
    const [out] = await tdb.db.select().from(messages).where(eq(messages.id, d.sentMessageId!));
    // The platform's own ids are kept: its Message-ID threads the next inbound reply.
    expect(out!.rfcMessageId).toMatch(/^<instantly-sent-\d+@mail\.example\.com>$/);
    expect(out!.raw).toMatchObject({
      platformIds: { emailId: expect.stringMatching(/^0199-sent-/) },
    });
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.draftId, r.draftId));
    expect(ledger!.providerMessageId).toMatch(/^0199-sent-/);
  });

  it('EmailBison: replies/{reply.id}/reply on the instance URL with the sender email id', async () => {
    const r = await platformReply('emailbison');
    expect(await handler()({ draftId: r.draftId })).toMatchObject({ outcome: 'sent' });
    const req = peer.delivered[0]!;
    expect(req.path).toBe('/eb/api/replies/5151/reply');
    expect(req.headers.authorization).toBe('Bearer eb-token-1234567890');
    expect(req.body).toMatchObject({
      sender_email_id: 42,
      to_emails: [{ email_address: r.leadEmail }],
      message: expect.stringContaining('Tuesday works.'),
    });
    const d = await draftRow(r.draftId);
    const [out] = await tdb.db.select().from(messages).where(eq(messages.id, d.sentMessageId!));
    expect(out!.raw).toMatchObject({ platformIds: { replyId: expect.stringMatching(/^90\d\d$/) } });
  });
});

describe('a campaign sends through its platform or not at all', () => {
  it('no connection for the platform: review no_sending_connection, nothing sent any other way', async () => {
    const r = await platformReply('smartlead', { connect: false });
    // The workspace can send SMTP/outbox: still not used for a Smartlead campaign.
    await setSendingConnection(
      tdb.db,
      'test',
      r.workspaceId,
      { kind: 'outbox' },
      { secretKey: SECRET_KEY },
    );
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'review',
      reason: 'no_sending_connection',
    });
    expect(peer.requests).toHaveLength(0);
    expect((await draftRow(r.draftId)).status).toBe('generated');
    const [review] = await tdb.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.draftId, r.draftId));
    expect(review).toMatchObject({ reason: 'no_sending_connection', status: 'open' });
    expect(await tdb.db.select().from(sendLedger).where(eq(sendLedger.draftId, r.draftId))).toEqual(
      [],
    );
  });

  it('a reply whose webhook carried no stats_id is refused before any request, naming the field', async () => {
    const r = await platformReply('smartlead', { refs: { replyMessageId: '<x@y>' } });
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'failed',
      reason: 'send_rejected',
    });
    expect(peer.requests).toHaveLength(0);
    const last = (await sendEvents(r.draftId)).at(-1)!;
    expect(JSON.stringify(last.detail)).toContain('stats_id');
  });
});

describe('platform errors, classified once in the adapter', () => {
  it('401: held for the operator, the connection marked, nothing sent', async () => {
    const r = await platformReply('instantly');
    peer.failNext({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' },
    });
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'review',
      reason: 'sending_connection_failed',
    });
    expect((await draftRow(r.draftId)).status).toBe('generated');
    expect(await tdb.db.select().from(sendLedger).where(eq(sendLedger.draftId, r.draftId))).toEqual(
      [],
    );
    const [conn] = await tdb.db
      .select()
      .from(sendingConnections)
      .where(eq(sendingConnections.workspaceId, r.workspaceId));
    expect(conn).toMatchObject({ lastCheckOk: false, lastErrorCode: 'bad_credentials' });
    expect(conn!.lastError).toContain('Invalid API key');
  });

  it('422 with the platform’s message: failed for good, the message kept', async () => {
    const r = await platformReply('emailbison');
    peer.failNext({
      status: 422,
      body: {
        message: 'The selected sender email id is invalid.',
        errors: { sender_email_id: ['invalid'] },
      },
    });
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'failed',
      reason: 'send_rejected',
    });
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.draftId, r.draftId));
    expect(ledger).toMatchObject({ status: 'failed' });
    expect(ledger!.error).toContain('The selected sender email id is invalid.');
    expect((await draftRow(r.draftId)).status).toBe('failed');
  });

  it('429 with Retry-After: deferred by the hint, without spending a retry', async () => {
    const r = await platformReply('smartlead');
    peer.failNext({
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': '120' },
    });
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'deferred',
      until: new Date(now.getTime() + 120_000).toISOString(),
    });
    const d = await draftRow(r.draftId);
    expect(d.status).toBe('generated');
    expect(d.sendAfter?.toISOString()).toBe('2026-03-02T10:02:00.000Z');
    const events = await sendEvents(r.draftId);
    expect(events.at(-1)).toMatchObject({ outcome: 'deferred', reason: 'rate_limited' });
    // The next attempt goes out, once.
    expect(await handler()({ draftId: r.draftId })).toMatchObject({ outcome: 'sent' });
    expect(peer.delivered).toHaveLength(1);
  });

  it('500: retryable (the job retries), and the retry sends exactly once', async () => {
    const r = await platformReply('instantly');
    peer.failNext({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' },
    });
    const first = handler()({ draftId: r.draftId });
    await expect(first).rejects.toBeInstanceOf(AutosendError);
    await expect(first).rejects.toMatchObject({ code: 'send_failed', retryable: true });
    expect((await draftRow(r.draftId)).status).toBe('generated');
    expect(await handler()({ draftId: r.draftId })).toMatchObject({ outcome: 'sent' });
    expect(peer.delivered).toHaveLength(1);
  });

  it('a timeout after the platform received the request ends in send_unknown, never a second send', async () => {
    const r = await platformReply('smartlead');
    peer.failNext({ hang: true });
    expect(await handler(300)({ draftId: r.draftId })).toEqual({ outcome: 'send_unknown' });
    expect((await draftRow(r.draftId)).status).toBe('send_unknown');
    expect(await handler(300)({ draftId: r.draftId })).toEqual({
      outcome: 'noop',
      status: 'send_unknown',
    });
    expect(peer.replyRequests()).toHaveLength(1);
  });
});

describe('held sends and secrets', () => {
  it('an approved draft held for a missing connection goes out once the connection is set', async () => {
    const r = await platformReply('emailbison', { connect: false });
    await tdb.db.update(drafts).set({ status: 'approved' }).where(eq(drafts.id, r.draftId));
    expect(await handler()({ draftId: r.draftId })).toEqual({
      outcome: 'review',
      reason: 'no_sending_connection',
    });
    expect(await resumeHeldSends(tdb.db, queue, { workspaceId: r.workspaceId })).toBe(0);
    await connect(r.workspaceId, 'emailbison');
    expect(await resumeHeldSends(tdb.db, queue, { workspaceId: r.workspaceId })).toBe(1);
    const jobs = await tdb.pool.query(
      `select 1 from pgboss.job where name = 'reply.send' and data->>'draftId' = $1`,
      [r.draftId],
    );
    expect(jobs.rowCount).toBe(1);
    expect(await handler()({ draftId: r.draftId })).toMatchObject({ outcome: 'sent' });
    expect(await resumeHeldSends(tdb.db, queue, { workspaceId: r.workspaceId })).toBe(0);
  });

  it('no log line carries the API key, whatever fails', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = parseConfig({
      DATA_DIR: dataDir,
      AUTOSEND_SECRET_KEY: SECRET_KEY,
      PLATFORM_API_TIMEOUT_MS: '300',
    });
    const loud = createLogger('debug', sink);
    const send = makeReplySendHandler({ db: tdb.db, config, logger: loud, queue, now: () => now });
    for (const answer of [
      { status: 401, body: { message: 'Invalid API key' } },
      { hang: true as const },
    ]) {
      const r = await platformReply('smartlead');
      peer.failNext(answer);
      await send({ draftId: r.draftId });
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('sl-key-1234567890');
  });
});
