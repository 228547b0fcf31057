import net from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReviews } from '../../src/admin/list-activity.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { drafts, messages, sendLedger } from '../../src/db/schema.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { approveReview, rejectReview } from '../../src/review/review-actions.ts';
import { makeReplySendHandler } from '../../src/sending/send-reply.ts';
import { sendingReadinessProbe } from '../../src/sending/sending-health.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startSmtpSink } from '../peers/smtp-sink.ts';
import { seedCampaign, seedReply } from './sending-seed.ts';

let tdb: TestDatabase;
let queue: JobQueue;
let ids: { workspaceId: string; campaignId: string };
const logger = createLogger('silent');

/** An SMTP peer that takes the whole message, then drops the line instead of answering 250. */
function startDroppingPeer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.write('220 drop.example ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (buffer.includes('\r\n.\r\n')) socket.destroy();
        return;
      }
      let end = buffer.indexOf('\r\n');
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 drop.example\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
          return;
        } else socket.write('250 OK\r\n');
        end = buffer.indexOf('\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

function smtpHandler(port: number) {
  const config = parseConfig({ SENDER: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}` });
  return makeReplySendHandler({ db: tdb.db, config, logger, queue });
}

/** reply.send jobs waiting for a draft (the held send's next attempt). */
async function queuedSends(draftId: string) {
  const r = await tdb.pool.query<{ start_after: Date }>(
    `select start_after from pgboss.job where name = 'reply.send' and state = 'created' and data->>'draftId' = $1`,
    [draftId],
  );
  return r.rows;
}

async function state(draftId: string) {
  const [draft] = await tdb.db.select().from(drafts).where(eq(drafts.id, draftId));
  const ledger = await tdb.db.select().from(sendLedger).where(eq(sendLedger.draftId, draftId));
  const outbound = await tdb.db
    .select()
    .from(messages)
    .where(eq(messages.providerMessageId, `<autosend.${draftId}@acme.io>`));
  return { status: draft!.status, ledger, outbound };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  ids = await seedCampaign(tdb.db);
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
  await tdb?.drop();
});

describe('reply.send over SMTP', () => {
  it('delivers a reply that threads under the lead message', async () => {
    const sink = await startSmtpSink();
    try {
      const reply = await seedReply(tdb.db, ids);
      const messageId = `<autosend.${reply.draftId}@acme.io>`;
      expect(await smtpHandler(sink.port)({ draftId: reply.draftId })).toEqual({
        outcome: 'sent',
        messageId,
      });
      expect(sink.received).toHaveLength(1);
      const mail = await simpleParser(sink.received[0]!);
      expect(mail.messageId).toBe(messageId);
      expect(mail.inReplyTo).toBe(reply.rfcMessageId);
      expect(mail.references).toEqual([reply.threadKey, reply.rfcMessageId]);
      expect(mail.subject).toBe('Re: Quick question about Acme');
      expect(mail.from?.value[0]).toMatchObject({ address: 'sam@acme.io', name: 'Sam Seller' });
      expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address).toBe(reply.leadEmail);
      const after = await state(reply.draftId);
      expect(after.status).toBe('sent');
      expect(after.ledger).toMatchObject([{ status: 'sent', sender: 'smtp' }]);
      expect(after.outbound).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it('a 5xx rejection fails the draft for good', async () => {
    const sink = await startSmtpSink();
    try {
      const reply = await seedReply(tdb.db, ids);
      await tdb.pool.query(`update leads set email = 'jane@reject.example' where id = $1`, [
        reply.leadId,
      ]);
      expect(await smtpHandler(sink.port)({ draftId: reply.draftId })).toEqual({
        outcome: 'failed',
        reason: 'send_rejected',
      });
      const after = await state(reply.draftId);
      expect(after.status).toBe('failed');
      expect(after.ledger).toMatchObject([{ status: 'failed' }]);
      expect(after.ledger[0]!.error).toContain('550');
      expect(after.outbound).toEqual([]);
      expect(sink.received).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it('connection refused holds the send (no failure, retried with backoff), then it resumes', async () => {
    const reply = await seedReply(tdb.db, ids);
    const at = new Date();
    const held = await smtpHandler(await closedPort())({ draftId: reply.draftId });
    expect(held).toMatchObject({ outcome: 'held', hold: 'connection' });
    const after = await state(reply.draftId);
    expect(after).toEqual({ status: 'generated', ledger: [], outbound: [] });
    const retry = await queuedSends(reply.draftId);
    expect(retry).toHaveLength(1);
    expect(retry[0]!.start_after.getTime()).toBeGreaterThanOrEqual(at.getTime() + 29_000);
    // The next attempt, once the server is up, sends it.
    const sink = await startSmtpSink();
    try {
      expect(await smtpHandler(sink.port)({ draftId: reply.draftId })).toMatchObject({
        outcome: 'sent',
      });
      expect(sink.received).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it('a server still down on what would be the last queue retry is still held, never failed', async () => {
    const reply = await seedReply(tdb.db, ids);
    const lastAttempt = { retryCount: 3, retryLimit: 3 };
    expect(
      await smtpHandler(await closedPort())({ draftId: reply.draftId }, lastAttempt),
    ).toMatchObject({ outcome: 'held', hold: 'connection' });
    const after = await state(reply.draftId);
    expect(after.status).toBe('generated');
    expect(after.ledger).toEqual([]);
    expect(after.outbound).toEqual([]);
  });

  it('a line dropped after the message was handed over is send_unknown, never retried', async () => {
    const peer = await startDroppingPeer();
    try {
      const reply = await seedReply(tdb.db, ids);
      const run = smtpHandler(peer.port);
      expect(await run({ draftId: reply.draftId })).toEqual({ outcome: 'send_unknown' });
      const after = await state(reply.draftId);
      expect(after.status).toBe('send_unknown');
      expect(after.ledger).toMatchObject([{ status: 'unknown' }]);
      expect(await run({ draftId: reply.draftId })).toEqual({
        outcome: 'noop',
        status: 'send_unknown',
      });
      // It waits for a human in the review queue, with its Slack notification queued.
      const queueRows = await listReviews(tdb.db, ids.workspaceId, { status: 'open' });
      const review = (queueRows.items as { draftId: string; reason: string; id: string }[]).find(
        (r) => r.draftId === reply.draftId,
      );
      expect(review).toMatchObject({ reason: 'send_unknown' });
      const notify = await tdb.pool.query(
        `select 1 from pgboss.job where name = 'review.notify' and data->>'reviewRequestId' = $1`,
        [review!.id],
      );
      expect(notify.rowCount).toBe(1);
      // Approving cannot send it a second time; rejecting closes the review and keeps the truth.
      const reviewDeps = { db: tdb.db, queue, config: parseConfig({}), logger };
      await expect(
        approveReview(reviewDeps, { reviewRequestId: review!.id, actor: 'test' }),
      ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/mailbox/) });
      await rejectReview(reviewDeps, { reviewRequestId: review!.id, actor: 'test' });
      expect((await state(reply.draftId)).status).toBe('send_unknown');
      const [, check] = await sendingReadinessProbe(tdb.db)();
      expect(check.detail).toMatchObject({ sendUnknown: expect.any(Number) });
      expect((check.detail as { sendUnknown: number }).sendUnknown).toBeGreaterThanOrEqual(1);
    } finally {
      await peer.close();
    }
  });
});
