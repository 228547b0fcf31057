import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import {
  campaigns,
  decisionEvents,
  drafts,
  leads,
  messages,
  reviewRequests,
  sendLedger,
} from '../../src/db/schema.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { addSuppression } from '../../src/privacy/suppressions.ts';
import { outboxFileName } from '../../src/sending/outbox-sender.ts';
import { makeReplySendHandler } from '../../src/sending/send-reply.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { seedCampaign, seedReply } from './sending-seed.ts';

let tdb: TestDatabase;
let queue: JobQueue;
let dataDir: string;
let ids: { workspaceId: string; campaignId: string };
const logger = createLogger('silent');

function handler(env: Record<string, string> = {}, now?: () => Date) {
  const config = parseConfig({ DATA_DIR: dataDir, SENDER: 'outbox', ...env });
  return makeReplySendHandler({ db: tdb.db, config, logger, queue, ...(now ? { now } : {}) });
}

async function draftStatus(draftId: string) {
  const [d] = await tdb.db.select().from(drafts).where(eq(drafts.id, draftId));
  return d!.status;
}

async function ledgerRows(draftId: string) {
  return tdb.db.select().from(sendLedger).where(eq(sendLedger.draftId, draftId));
}

async function outboxFiles(): Promise<string[]> {
  return (await readdir(path.join(dataDir, 'outbox')).catch(() => [])).filter((f) =>
    f.endsWith('.eml'),
  );
}

async function lastSendEvent(draftId: string) {
  const rows = await tdb.db
    .select()
    .from(decisionEvents)
    .where(and(eq(decisionEvents.draftId, draftId), eq(decisionEvents.step, 'send')))
    .orderBy(decisionEvents.id);
  return rows.at(-1);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-send-'));
  ids = await seedCampaign(tdb.db);
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
  await tdb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('reply.send to the outbox', () => {
  it('never sends to a suppressed address: the draft is superseded as suppressed', async () => {
    const reply = await seedReply(tdb.db, ids, { draft: { status: 'approved' } });
    await tdb.db.transaction((tx) =>
      addSuppression(tx, { workspaceId: null, address: reply.leadEmail, createdBy: 'test' }),
    );
    const before = await outboxFiles();
    const outcome = await handler()({ draftId: reply.draftId });
    expect(outcome).toEqual({ outcome: 'superseded', reason: 'suppressed' });
    expect(await draftStatus(reply.draftId)).toBe('superseded');
    expect(await ledgerRows(reply.draftId)).toEqual([]);
    expect(await outboxFiles()).toEqual(before);
    expect(await lastSendEvent(reply.draftId)).toMatchObject({
      outcome: 'superseded',
      reason: 'suppressed',
    });
  });

  it('writes one threaded .eml and records the send everywhere', async () => {
    const reply = await seedReply(tdb.db, ids);
    const result = await handler()({ draftId: reply.draftId });
    const messageId = `<autosend.${reply.draftId}@acme.io>`;
    expect(result).toEqual({ outcome: 'sent', messageId });

    const raw = await readFile(path.join(dataDir, 'outbox', outboxFileName(messageId)));
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe(messageId);
    expect(mail.inReplyTo).toBe(reply.rfcMessageId);
    expect(mail.references).toEqual([reply.threadKey, reply.rfcMessageId]);
    expect(mail.subject).toBe('Re: Quick question about Acme');
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address).toBe(reply.leadEmail);
    expect(mail.from?.value[0]).toMatchObject({ address: 'sam@acme.io', name: 'Sam Seller' });
    expect(mail.text).toContain('Tuesday works.');

    const [draft] = await tdb.db.select().from(drafts).where(eq(drafts.id, reply.draftId));
    expect(draft!.status).toBe('sent');
    const [outbound] = await tdb.db
      .select()
      .from(messages)
      .where(eq(messages.id, draft!.sentMessageId!));
    expect(outbound).toMatchObject({
      direction: 'outbound',
      source: 'autosend',
      providerMessageId: messageId,
      rfcMessageId: messageId,
      inReplyTo: reply.rfcMessageId,
      references: [reply.threadKey, reply.rfcMessageId],
      threadKey: reply.threadKey,
      fromEmail: 'sam@acme.io',
      toEmails: [reply.leadEmail],
    });
    const ledger = await ledgerRows(reply.draftId);
    expect(ledger).toMatchObject([
      { idempotencyKey: `draft:${reply.draftId}`, status: 'sent', sender: 'outbox' },
    ]);
    expect(await lastSendEvent(reply.draftId)).toMatchObject({ outcome: 'sent' });

    // A repeated job is a no-op: still one file, one ledger row.
    expect(await handler()({ draftId: reply.draftId })).toEqual({
      outcome: 'noop',
      status: 'sent',
    });
    expect((await outboxFiles()).filter((f) => f.includes(reply.draftId))).toHaveLength(1);
  });

  it('sends once when several workers run the same draft at the same moment', async () => {
    const reply = await seedReply(tdb.db, ids);
    const run = handler();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => run({ draftId: reply.draftId })),
    );
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r.outcome !== 'sent').map((r) => r.outcome)).not.toContain(
      'send_unknown',
    );
    expect((await outboxFiles()).filter((f) => f.includes(reply.draftId))).toHaveLength(1);
    const outbound = await tdb.db
      .select()
      .from(messages)
      .where(and(eq(messages.threadKey, reply.threadKey), eq(messages.direction, 'outbound')));
    expect(outbound).toHaveLength(1);
    expect(await ledgerRows(reply.draftId)).toHaveLength(1);
  });

  it('sends one reply per thread when two drafts of it race on two workers', async () => {
    const reply = await seedReply(tdb.db, ids);
    // A message holds one live draft (drafts_one_live_per_message), so the second
    // draft answers a second reply of the same thread, sent in the same instant.
    const [first] = await tdb.db.select().from(messages).where(eq(messages.id, reply.inboundId));
    const { id: _id, createdAt: _c, ...copy } = first!;
    const [again] = await tdb.db
      .insert(messages)
      .values({ ...copy, providerMessageId: `${copy.providerMessageId}-again` })
      .returning();
    const [second] = await tdb.db
      .insert(drafts)
      .values({ messageId: again!.id, body: 'Hi Jane, how about Wednesday?', model: 'offline' })
      .returning();
    const run = handler();
    const results = await Promise.all([
      run({ draftId: reply.draftId }),
      run({ draftId: second!.id }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['sent', 'superseded']);
    const outbound = await tdb.db
      .select()
      .from(messages)
      .where(and(eq(messages.threadKey, reply.threadKey), eq(messages.direction, 'outbound')));
    expect(outbound).toHaveLength(1);
  });

  it('refuses a second live draft of one message', async () => {
    const reply = await seedReply(tdb.db, ids);
    const insert = (status: 'generated' | 'approved' | 'shadow' | 'rejected', version: number) =>
      tdb.db
        .insert(drafts)
        .values({ messageId: reply.inboundId, version, status, body: 'x', model: 'offline' });
    await expect(insert('approved', 2)).rejects.toMatchObject({
      cause: { constraint: 'drafts_one_live_per_message' },
    });
    // Shadow drafts (never sendable) and settled ones sit beside the live draft.
    await insert('shadow', 3);
    await insert('rejected', 4);
  });

  it.each([
    ['opted out', { optedOutAt: new Date(), optedOutReason: 'asked to be removed' }],
    ['bounced', { bouncedAt: new Date(), bouncedReason: '550 5.1.1 no such user' }],
    ['booked', { bookedAt: new Date(), bookedReason: 'calendly event' }],
  ])('never sends to a lead flagged %s, even when a human approved the draft', async (_, flag) => {
    const reply = await seedReply(tdb.db, ids, { draft: { status: 'approved' } });
    await tdb.db.update(leads).set(flag).where(eq(leads.id, reply.leadId));
    expect(await handler()({ draftId: reply.draftId })).toEqual({
      outcome: 'superseded',
      reason: 'lead_flagged',
    });
    expect(await draftStatus(reply.draftId)).toBe('superseded');
    expect(await ledgerRows(reply.draftId)).toEqual([]);
    expect((await outboxFiles()).some((f) => f.includes(reply.draftId))).toBe(false);
    expect(await lastSendEvent(reply.draftId)).toMatchObject({
      outcome: 'superseded',
      reason: 'lead_flagged',
    });
  });

  it('with the kill switch on, an automatic draft goes to review; an approved one is sent', async () => {
    const auto = await seedReply(tdb.db, ids);
    const killed = handler({ AUTO_SEND_DISABLED: '1' });
    expect(await killed({ draftId: auto.draftId })).toEqual({
      outcome: 'review',
      reason: 'kill_switch',
    });
    expect(await killed({ draftId: auto.draftId })).toEqual({
      outcome: 'review',
      reason: 'kill_switch',
    });
    const reviews = await tdb.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.draftId, auto.draftId));
    expect(reviews).toMatchObject([{ reason: 'kill_switch', status: 'open' }]);
    expect(await draftStatus(auto.draftId)).toBe('generated');
    expect(await ledgerRows(auto.draftId)).toEqual([]);

    const approved = await seedReply(tdb.db, ids, { draft: { status: 'approved' } });
    expect(await killed({ draftId: approved.draftId })).toMatchObject({ outcome: 'sent' });
  });

  it('supersedes the draft when the lead wrote again during the delay', async () => {
    const reply = await seedReply(tdb.db, ids, { occurredAt: new Date(Date.now() - 20 * 60_000) });
    const [inbound] = await tdb.db.select().from(messages).where(eq(messages.id, reply.inboundId));
    await tdb.db.insert(messages).values({
      ...inbound!,
      id: undefined,
      providerMessageId: `${inbound!.providerMessageId}-2`,
      rfcMessageId: '<second@example.com>',
      text: 'Actually, Wednesday is better.',
      occurredAt: new Date(Date.now() - 60_000),
      createdAt: undefined,
    });
    expect(await handler()({ draftId: reply.draftId })).toEqual({
      outcome: 'superseded',
      reason: 'superseded',
    });
    expect(await draftStatus(reply.draftId)).toBe('superseded');
    expect(await ledgerRows(reply.draftId)).toEqual([]);
    expect(await lastSendEvent(reply.draftId)).toMatchObject({
      outcome: 'superseded',
      detail: { kind: 'newer_message', direction: 'inbound' },
    });
  });

  it('outside sending hours, waits for the window in the lead time zone', async () => {
    const { workspaceId, campaignId } = await seedCampaign(tdb.db, {
      sendingHoursStart: 9 * 60,
      sendingHoursEnd: 17 * 60,
    });
    const reply = await seedReply(
      tdb.db,
      { workspaceId, campaignId },
      { lead: { timeZone: 'America/New_York' }, occurredAt: new Date('2025-03-04T04:00:00Z') },
    );
    // 06:00 in New York (EST, UTC-5): the window opens at 09:00 local = 14:00 UTC.
    const at = new Date('2025-03-04T11:00:00Z');
    expect(await handler({}, () => at)({ draftId: reply.draftId })).toEqual({
      outcome: 'deferred',
      until: '2025-03-04T14:00:00.000Z',
    });
    const [draft] = await tdb.db.select().from(drafts).where(eq(drafts.id, reply.draftId));
    expect(draft).toMatchObject({
      status: 'generated',
      sendAfter: new Date('2025-03-04T14:00:00Z'),
    });
    const jobs = await tdb.pool.query(
      `select start_after from pgboss.job where name = 'reply.send' and data->>'draftId' = $1`,
      [reply.draftId],
    );
    expect(jobs.rows.map((r) => (r.start_after as Date).toISOString())).toEqual([
      '2025-03-04T14:00:00.000Z',
    ]);
    // Inside the window it goes out.
    const later = new Date('2025-03-04T15:00:00Z');
    expect(await handler({}, () => later)({ draftId: reply.draftId })).toMatchObject({
      outcome: 'sent',
    });
  });

  it('holds automatic sends for review once the daily cap is reached', async () => {
    const capped = await seedCampaign(tdb.db, { dailyAutoSendCap: 1 });
    const first = await seedReply(tdb.db, capped);
    const second = await seedReply(tdb.db, capped);
    expect(await handler()({ draftId: first.draftId })).toMatchObject({ outcome: 'sent' });
    expect(await handler()({ draftId: second.draftId })).toEqual({
      outcome: 'review',
      reason: 'daily_cap_reached',
    });
    const [review] = await tdb.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.draftId, second.draftId));
    expect(review).toMatchObject({ reason: 'daily_cap_reached' });
    // A human-approved draft does not count against, nor stop at, the cap.
    const third = await seedReply(tdb.db, capped, { draft: { status: 'approved' } });
    expect(await handler()({ draftId: third.draftId })).toMatchObject({ outcome: 'sent' });
    await tdb.db
      .update(campaigns)
      .set({ dailyAutoSendCap: null })
      .where(eq(campaigns.id, capped.campaignId));
  });

  it('after a crash mid-send, confirms from the outbox or marks send_unknown; never resends', async () => {
    // Crash after the file was written but before the database said so.
    const written = await seedReply(tdb.db, ids);
    await handler()({ draftId: written.draftId });
    await tdb.db
      .delete(messages)
      .where(eq(messages.providerMessageId, `<autosend.${written.draftId}@acme.io>`));
    await tdb.db
      .update(drafts)
      .set({ status: 'sending', sentMessageId: null })
      .where(eq(drafts.id, written.draftId));
    await tdb.db
      .update(sendLedger)
      .set({ status: 'sending', finishedAt: null })
      .where(eq(sendLedger.draftId, written.draftId));
    expect(await handler()({ draftId: written.draftId })).toMatchObject({
      outcome: 'sent',
      recovered: true,
    });
    expect(await draftStatus(written.draftId)).toBe('sent');

    // Crash after the key was taken, with no file: nobody can tell, so a human decides.
    const lost = await seedReply(tdb.db, ids, { draft: { status: 'sending' } });
    await tdb.db
      .insert(sendLedger)
      .values({ idempotencyKey: `draft:${lost.draftId}`, draftId: lost.draftId, sender: 'outbox' });
    expect(await handler()({ draftId: lost.draftId })).toEqual({ outcome: 'send_unknown' });
    expect(await draftStatus(lost.draftId)).toBe('send_unknown');
    expect(await ledgerRows(lost.draftId)).toMatchObject([{ status: 'unknown' }]);
    expect(await lastSendEvent(lost.draftId)).toMatchObject({ outcome: 'send_unknown' });
    expect((await outboxFiles()).some((f) => f.includes(lost.draftId))).toBe(false);
    expect(await handler()({ draftId: lost.draftId })).toEqual({
      outcome: 'noop',
      status: 'send_unknown',
    });
  });

  it('an outbox that cannot be written leaves nothing recorded and retries', async () => {
    const reply = await seedReply(tdb.db, ids);
    const blocked = await mkdtemp(path.join(os.tmpdir(), 'autosend-blocked-'));
    await writeFile(path.join(blocked, 'outbox'), 'a file where the directory should be');
    const config = parseConfig({ DATA_DIR: blocked });
    const run = makeReplySendHandler({ db: tdb.db, config, logger, queue });
    await expect(run({ draftId: reply.draftId })).rejects.toMatchObject({
      code: 'send_failed',
      retryable: true,
    });
    expect(await draftStatus(reply.draftId)).toBe('generated');
    expect(await ledgerRows(reply.draftId)).toEqual([]);
    await rm(blocked, { recursive: true, force: true });
    expect(await handler()({ draftId: reply.draftId })).toMatchObject({ outcome: 'sent' });
  });
});
