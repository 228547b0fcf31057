import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { followupTransitions, leads, messages, sendLedger } from '../../src/db/schema.ts';
import { makeFollowupTickHandler } from '../../src/followups/followup-tick-job.ts';
import { actOnInstance } from '../../src/followups/instance-actions.ts';
import { followupLedgerKey } from '../../src/followups/load-instance-context.ts';
import { pauseForOutOfOffice, snoozeForLaterReply } from '../../src/followups/pause-for-reply.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { deliveryError, type EmailSender } from '../../src/sending/email-sender.ts';
import { makeOutboxSender, outboxFileName } from '../../src/sending/outbox-sender.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { instanceOf, seedLead, seedSequence } from './followups-seed.ts';
import { seedCampaign } from './sending-seed.ts';

let tdb: TestDatabase;
let queue: JobQueue;
let dataDir: string;
let ids: { workspaceId: string; campaignId: string };
const logger = createLogger('silent');
// Wednesday 2 December 2026, 10:00 in Berlin.
const NOW = new Date('2037-12-02T09:00:00Z');

function tick(
  options: {
    now?: Date;
    env?: Record<string, string>;
    emailSender?: EmailSender;
    db?: TestDatabase['db'];
  } = {},
) {
  const config = parseConfig({ DATA_DIR: dataDir, SENDER: 'outbox', ...options.env });
  return makeFollowupTickHandler({
    db: options.db ?? tdb.db,
    config,
    logger,
    now: () => options.now ?? NOW,
    ...(options.emailSender ? { emailSender: options.emailSender } : {}),
  });
}

async function outboxFiles(sub = ''): Promise<string[]> {
  return (await readdir(path.join(dataDir, 'outbox', sub)).catch(() => [])).filter((f) =>
    /\.(eml|json)$/.test(f),
  );
}

async function history(instanceId: string) {
  return tdb.db
    .select()
    .from(followupTransitions)
    .where(eq(followupTransitions.instanceId, instanceId))
    .orderBy(asc(followupTransitions.id));
}

const email = (body: string, extra: Record<string, unknown> = {}) => ({
  delay: '0 business days',
  body,
  ...extra,
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-followups-'));
  ids = await seedCampaign(tdb.db);
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
  await tdb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('followup.tick sends due steps', () => {
  it('sends a due step once, in the lead’s thread, and schedules the next in business days', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(
      tdb.db,
      ids,
      [
        email('{Hi|Hello} {{first_name}}, did you see my note?'),
        { delay: '2 business days', body: 'Last try, {{first_name}}.' },
      ],
      [lead.email],
      NOW,
    );
    const before = await outboxFiles();
    const result = await tick()({});
    expect(result.outcomes.sent).toBe(1);
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({ status: 'active', nextStep: 2, lastSentAt: NOW });
    // Wednesday + 2 business days = Friday, same local time.
    expect(inst.nextRunAt?.toISOString()).toBe('2037-12-04T09:00:00.000Z');
    const file = `autosend.followup.${inst.id}.1@acme.io`;
    const files = await outboxFiles();
    expect(files.filter((f) => !before.includes(f))).toEqual([outboxFileName(`<${file}>`)]);
    const mail = await simpleParser(
      await readFile(path.join(dataDir, 'outbox', outboxFileName(`<${file}>`))),
    );
    expect(mail.text?.trim()).toMatch(/^(Hi|Hello) Jane, did you see my note\?$/);
    expect(mail.subject).toBe('Re: Quick question about Acme');
    expect(mail.inReplyTo).toBe(lead.threadKey);
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.idempotencyKey, followupLedgerKey(inst.id, 1)));
    expect(ledger).toMatchObject({
      status: 'sent',
      draftId: null,
      followupStep: 1,
      sender: 'outbox',
    });
    const outbound = await tdb.db
      .select()
      .from(messages)
      .where(and(eq(messages.leadId, lead.id), eq(messages.source, 'autosend_followup')));
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.threadKey).toBe(lead.threadKey);
    expect((await history(inst.id)).map((h) => h.cause)).toEqual(['enrolled_hand', 'step_sent']);
    // Nothing more today: the next step is not due.
    expect((await tick()({})).outcomes.sent).toBeUndefined();
    // Friday: the last step goes out and the sequence completes.
    await tick({ now: new Date('2037-12-04T09:05:00Z') })({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      status: 'completed',
      stopReason: 'finished',
      nextStep: 3,
    });
  });

  it('two workers and overlapping ticks send each step exactly once', async () => {
    const leadsSeeded = await Promise.all(
      Array.from({ length: 6 }, () => seedLead(tdb.db, ids, NOW)),
    );
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('Nudge for {{first_name}}')],
      leadsSeeded.map((l) => l.email),
      NOW,
    );
    const second = openDatabase(tdb.url, { poolMax: 5 });
    try {
      const workerA = tick();
      const workerB = tick({ db: second.db });
      const results = await Promise.all([workerA({}), workerB({}), workerA({}), workerB({})]);
      const sent = results.reduce((n, r) => n + (r.outcomes.sent ?? 0), 0);
      expect(sent).toBe(6);
    } finally {
      await second.close();
    }
    for (const lead of leadsSeeded) {
      const inst = await instanceOf(tdb.db, lead.id, seq.id);
      expect(inst.status).toBe('completed');
      const rows = await tdb.db
        .select()
        .from(sendLedger)
        .where(eq(sendLedger.followupInstanceId, inst.id));
      expect(rows).toHaveLength(1);
      const files = (await outboxFiles()).filter((f) => f.includes(inst.id));
      expect(files).toHaveLength(1);
    }
  });

  it('after a redeploy mid-send: confirmed from the outbox, never sent twice; unconfirmed pauses as send_uncertain', async () => {
    const a = await seedLead(tdb.db, ids, NOW);
    const b = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('Hello {{first_name}}'), { delay: '3bd', body: 'Again' }],
      [a.email, b.email],
      NOW,
    );
    const ia = await instanceOf(tdb.db, a.id, seq.id);
    const ib = await instanceOf(tdb.db, b.id, seq.id);
    // The old process took both keys and died; it had written a's file but not b's.
    for (const inst of [ia, ib]) {
      await tdb.db.insert(sendLedger).values({
        idempotencyKey: followupLedgerKey(inst.id, 1),
        followupInstanceId: inst.id,
        followupStep: 1,
        sender: 'outbox',
        status: 'sending',
        startedAt: NOW,
      });
    }
    const messageIdA = `<autosend.followup.${ia.id}.1@acme.io>`;
    await makeOutboxSender(path.join(dataDir, 'outbox')).send({
      from: { address: 'sam@acme.io' },
      to: [a.email],
      subject: 'Re: x',
      text: 'Hello Jane',
      messageId: messageIdA,
      inReplyTo: undefined,
      references: [],
    });
    const filesBefore = await outboxFiles();
    const result = await tick()({});
    expect(result.outcomes).toMatchObject({ recovered: 1, send_uncertain: 1 });
    expect(await outboxFiles()).toEqual(filesBefore);
    expect(await instanceOf(tdb.db, a.id, seq.id)).toMatchObject({ status: 'active', nextStep: 2 });
    const pausedB = await instanceOf(tdb.db, b.id, seq.id);
    expect(pausedB).toMatchObject({ status: 'paused', pauseReason: 'send_uncertain', nextStep: 1 });
    expect(pausedB.lastError).toMatch(/interrupted/);
    // Later ticks leave it to a human.
    await tick({ now: new Date('2037-12-03T09:00:00Z') })({});
    expect(await outboxFiles()).toEqual(filesBefore);
  });

  it('a send that certainly failed is retried next tick; an unknown outcome is never retried', async () => {
    const a = await seedLead(tdb.db, ids, NOW);
    const b = await seedLead(tdb.db, ids, NOW);
    const seqA = await seedSequence(tdb.db, ids, [email('One')], [a.email], NOW);
    const failing: EmailSender = {
      name: 'smtp',
      send: async () => {
        throw deliveryError('not_sent', 'connection refused');
      },
    };
    expect((await tick({ emailSender: failing })({})).outcomes.send_failed).toBeGreaterThanOrEqual(
      1,
    );
    const ia = await instanceOf(tdb.db, a.id, seqA.id);
    expect(ia).toMatchObject({ status: 'active', nextStep: 1 });
    expect(ia.lastError).toMatch(/connection refused/);
    expect(
      await tdb.db.select().from(sendLedger).where(eq(sendLedger.followupInstanceId, ia.id)),
    ).toHaveLength(0);
    await tick()({});
    expect(await instanceOf(tdb.db, a.id, seqA.id)).toMatchObject({
      status: 'completed',
      lastError: null,
    });

    const seqB = await seedSequence(tdb.db, ids, [email('Two')], [b.email], NOW);
    const unknown: EmailSender = {
      name: 'smtp',
      send: async () => {
        throw deliveryError('unknown', 'timeout after DATA');
      },
    };
    await tick({ emailSender: unknown })({});
    const ib = await instanceOf(tdb.db, b.id, seqB.id);
    expect(ib).toMatchObject({ status: 'paused', pauseReason: 'send_uncertain' });
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.followupInstanceId, ib.id));
    expect(ledger!.status).toBe('unknown');
  });

  it('resuming an uncertain send needs the person to say whether it was delivered; either answer sends it once at most', async () => {
    const unknown: EmailSender = {
      name: 'smtp',
      send: async () => {
        throw deliveryError('unknown', 'timeout after DATA');
      },
    };
    const notDelivered = await seedLead(tdb.db, ids, NOW);
    const delivered = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('Checking in'), { delay: '3bd', body: 'Last one' }],
      [notDelivered.email, delivered.email],
      NOW,
    );
    await tick({ emailSender: unknown })({});
    const a = await instanceOf(tdb.db, notDelivered.id, seq.id);
    const b = await instanceOf(tdb.db, delivered.id, seq.id);
    expect([a.pauseReason, b.pauseReason]).toEqual(['send_uncertain', 'send_uncertain']);
    const act = (instanceId: string, delivered?: boolean) =>
      actOnInstance(
        tdb.db,
        { workspaceId: ids.workspaceId, instanceId, actor: 'user:ops' },
        'resume',
        delivered === undefined ? {} : { delivered },
      );
    await expect(act(a.id)).rejects.toMatchObject({
      fields: { delivered: expect.stringMatching(/required/) },
    });
    expect(await instanceOf(tdb.db, notDelivered.id, seq.id)).toMatchObject({
      pauseReason: 'send_uncertain',
    });

    await act(a.id, false);
    await act(b.id, true);
    const filesBefore = await outboxFiles();
    const result = await tick()({});
    expect(result.outcomes).toMatchObject({ sent: 1, recovered: 1 });
    const files = (await outboxFiles()).filter((f) => !filesBefore.includes(f));
    // Not delivered: step 1 sent again, once. Delivered: recorded, nothing sent.
    expect(files.filter((f) => f.includes(a.id))).toHaveLength(1);
    expect(files.filter((f) => f.includes(b.id))).toHaveLength(0);
    for (const lead of [notDelivered, delivered]) {
      expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
        status: 'active',
        nextStep: 2,
      });
    }
    expect((await instanceOf(tdb.db, delivered.id, seq.id)).lastError).toMatch(
      /recorded as sent: delivery confirmed by user:ops/,
    );
    // Further ticks before step 2 is due send nothing more.
    await tick()({});
    expect(await outboxFiles()).toHaveLength(filesBefore.length + 1);
  });

  it('respects the campaign’s sending hours in the lead’s zone', async () => {
    const hours = await seedCampaign(tdb.db, {
      sendingHoursStart: 9 * 60,
      sendingHoursEnd: 17 * 60,
    });
    const lead = await seedLead(tdb.db, hours, NOW, { timeZone: 'America/New_York' });
    const seq = await seedSequence(tdb.db, hours, [email('Hi {{first_name}}')], [lead.email], NOW);
    // 09:00Z is 04:00 in New York: deferred to 09:00 there (14:00Z).
    await tick()({ workspaceId: hours.workspaceId });
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({ status: 'active', nextStep: 1 });
    expect(inst.nextRunAt?.toISOString()).toBe('2037-12-02T14:00:00.000Z');
    expect((await history(inst.id)).at(-1)).toMatchObject({ cause: 'outside_sending_hours' });
    await tick({ now: new Date('2037-12-02T14:01:00Z') })({ workspaceId: hours.workspaceId });
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({ status: 'completed' });
  });

  it('sends at most one follow-up per lead per channel per day, across sequences', async () => {
    const other = await seedCampaign(tdb.db);
    const lead = await seedLead(tdb.db, other, NOW);
    await seedSequence(tdb.db, other, [email('From sequence one')], [lead.email], NOW, {
      name: 'one',
    });
    await seedSequence(tdb.db, other, [email('From sequence two')], [lead.email], NOW, {
      name: 'two',
    });
    const r = await tick()({ workspaceId: other.workspaceId });
    expect(r.outcomes.sent).toBe(1);
    const sent = await tdb.db
      .select()
      .from(messages)
      .where(and(eq(messages.leadId, lead.id), eq(messages.source, 'autosend_followup')));
    expect(sent).toHaveLength(1);
  });

  it('holds everything while the kill switch is on', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [email('Hi')], [lead.email], NOW);
    const r = await tick({ env: { AUTO_SEND_DISABLED: '1' } })({});
    expect(r.outcomes.kill_switch).toBeGreaterThanOrEqual(1);
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      status: 'active',
      nextStep: 1,
      lastSentAt: null,
    });
  });

  it('never sends to a booked, bounced or opted-out lead, whatever the state', async () => {
    const booked = await seedLead(tdb.db, ids, NOW);
    const bounced = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [email('Hi')], [booked.email, bounced.email], NOW);
    await tdb.db
      .update(leads)
      .set({ bookedAt: NOW, bookedReason: 'calendar event' })
      .where(eq(leads.id, booked.id));
    await tdb.db
      .update(leads)
      .set({ bouncedAt: NOW, bouncedReason: 'dsn' })
      .where(eq(leads.id, bounced.id));
    await tick()({});
    expect(await instanceOf(tdb.db, booked.id, seq.id)).toMatchObject({
      status: 'completed',
      stopReason: 'booked',
      lastSentAt: null,
    });
    expect(await instanceOf(tdb.db, bounced.id, seq.id)).toMatchObject({
      status: 'cancelled',
      stopReason: 'bounced',
      lastSentAt: null,
    });
  });
});

describe('pauses that end by themselves', () => {
  it('a reply pauses the lead’s follow-ups in the transaction that stores it', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [email('Hi')], [lead.email], NOW);
    const stored = await storeInboundReply({ db: tdb.db, queue }, ids.workspaceId, {
      source: 'generic',
      providerMessageId: `reply-${lead.id}`,
      references: [lead.threadKey],
      inReplyTo: lead.threadKey,
      from: { email: lead.email },
      to: ['sam@acme.io'],
      cc: [],
      subject: 'Re: Quick question about Acme',
      text: 'Tell me more',
      headers: {},
      platformFlags: {},
      receivedAt: NOW,
      channel: 'email',
      lead: { email: lead.email },
      platformRefs: {},
      priorMessages: [],
      campaign: null,
    } as never);
    expect(stored.status).toBe('created');
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({ status: 'paused', pauseReason: 'lead_replied', nextRunAt: null });
    expect((await history(inst.id)).at(-1)).toMatchObject({
      cause: 'inbound_reply',
      detail: { messageId: (stored as { messageId: string }).messageId },
    });
    expect((await tick()({})).outcomes.sent ?? 0).toBe(0);
  });

  it('resumes after the ghost period of quiet after OUR last message, at the next step', async () => {
    const lead = await seedLead(tdb.db, ids, NOW, {}, 20);
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('Step one'), email('Step two')],
      [lead.email],
      new Date(NOW.getTime() - 15 * 86_400_000),
      { ghostDays: 7 },
    );
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    const thread = {
      workspaceId: ids.workspaceId,
      leadId: lead.id,
      campaignId: ids.campaignId,
      threadKey: lead.threadKey,
      source: 'generic',
      subject: 'Re: x',
      text: 'x',
    };
    await tdb.db.insert(messages).values([
      {
        ...thread,
        direction: 'inbound',
        providerMessageId: `in-${inst.id}`,
        fromEmail: lead.email,
        occurredAt: new Date(NOW.getTime() - 9 * 86_400_000),
      },
      {
        ...thread,
        direction: 'outbound',
        providerMessageId: `out-${inst.id}`,
        fromEmail: 'sam@acme.io',
        occurredAt: new Date(NOW.getTime() - 6 * 86_400_000),
      },
    ]);
    await tdb.db.transaction(async (tx) => {
      const { pauseForInbound } = await import('../../src/followups/pause-for-reply.ts');
      await pauseForInbound(tx, {
        leadId: lead.id,
        messageId: 'm',
        at: new Date(NOW.getTime() - 9 * 86_400_000),
      });
    });
    // Six days of quiet: still paused.
    await tick()({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      status: 'paused',
      pauseReason: 'lead_replied',
    });
    // Eight days: resumes, and the next tick sends step one.
    const day8 = new Date(NOW.getTime() + 2 * 86_400_000);
    await tick({ now: day8 })({});
    expect((await history(inst.id)).at(-1)).toMatchObject({
      cause: 'conversation_quiet',
      toStatus: 'active',
    });
    await tick({ now: day8 })({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      status: 'active',
      nextStep: 2,
    });
  });

  it('out of office with a return date resumes the day after it (not before)', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [{ delay: '1bd', body: 'Hi' }], [lead.email], NOW);
    await tdb.db.transaction((tx) =>
      pauseForOutOfOffice(tx, {
        leadId: lead.id,
        text: 'Ich bin zurück am 7.12.',
        receivedAt: NOW,
        zone: 'Europe/Berlin',
        now: NOW,
      }),
    );
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({
      status: 'paused',
      pauseReason: 'out_of_office',
      pauseDetail: { returnDate: '2037-12-07' },
    });
    expect(inst.pausedUntil?.toISOString()).toBe('2037-12-07T23:00:00.000Z');
    await tick({ now: new Date('2037-12-07T20:00:00Z') })({});
    expect((await instanceOf(tdb.db, lead.id, seq.id)).status).toBe('paused');
    await tick({ now: new Date('2037-12-08T08:00:00Z') })({});
    expect((await history(inst.id)).at(-1)).toMatchObject({ cause: 'return_date_passed' });
  });

  it('out of office without a date pauses for the default period', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [email('Hi')], [lead.email], NOW);
    await tdb.db.transaction((tx) =>
      pauseForOutOfOffice(tx, {
        leadId: lead.id,
        text: 'I am out of the office with limited access to email.',
        receivedAt: NOW,
        zone: null,
        now: NOW,
      }),
    );
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst.pausedUntil?.toISOString()).toBe(
      new Date(NOW.getTime() + 7 * 86_400_000).toISOString(),
    );
  });

  it('“reach out in March” snoozes until 1 March', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(tdb.db, ids, [email('Hi')], [lead.email], NOW);
    await tdb.db.transaction((tx) =>
      snoozeForLaterReply(tx, {
        leadId: lead.id,
        text: 'Not now — reach out in March.',
        receivedAt: NOW,
        zone: 'Europe/Berlin',
        now: NOW,
      }),
    );
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({ pauseReason: 'lead_snoozed' });
    expect(inst.pausedUntil?.toISOString()).toBe('2038-02-28T23:00:00.000Z');
    await tick({ now: new Date('2038-02-28T22:00:00Z') })({});
    expect((await instanceOf(tdb.db, lead.id, seq.id)).status).toBe('paused');
    await tick({ now: new Date('2038-03-01T08:00:00Z') })({});
    expect((await history(inst.id)).at(-1)).toMatchObject({
      cause: 'snooze_ended',
      toStatus: 'active',
    });
  });

  it('a step needing approval waits for it, then goes out', async () => {
    const lead = await seedLead(tdb.db, ids, NOW);
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('Hi {{first_name}}', { needsApproval: true })],
      [lead.email],
      NOW,
    );
    await tick()({});
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({
      status: 'paused',
      pauseReason: 'awaiting_approval',
      pauseDetail: { step: 1, body: 'Hi Jane' },
    });
    await actOnInstance(
      tdb.db,
      { workspaceId: ids.workspaceId, instanceId: inst.id, actor: 'cli:ann' },
      'approve',
      {},
      NOW,
    );
    await tick()({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      status: 'completed',
      stopReason: 'finished',
    });
  });

  it('an sms step waits for a phone number and resumes by itself when it arrives', async () => {
    const lead = await seedLead(tdb.db, ids, NOW, { phone: null });
    const seq = await seedSequence(
      tdb.db,
      ids,
      [{ delay: '0bd', channel: 'sms', body: 'Hi {{first_name}}, quick text' }],
      [lead.email],
      NOW,
    );
    await tick()({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      pauseReason: 'awaiting_enrichment',
      pauseDetail: { needs: 'phone' },
    });
    await tdb.db.update(leads).set({ phone: '+49 170 1234567' }).where(eq(leads.id, lead.id));
    await tick()({});
    await tick()({});
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst.status).toBe('completed');
    const file = (await outboxFiles('sms')).find((f) => f.includes(inst.id))!;
    const sms = JSON.parse(await readFile(path.join(dataDir, 'outbox', 'sms', file), 'utf8'));
    expect(sms).toMatchObject({
      channel: 'sms',
      to: '+49 170 1234567',
      text: 'Hi Jane, quick text',
    });
  });

  it('a template field the lead lacks pauses naming it, then resumes when the data arrives', async () => {
    const lead = await seedLead(tdb.db, ids, NOW, { company: null });
    const seq = await seedSequence(
      tdb.db,
      ids,
      [email('How is {{company}} doing, {{first_name}}?')],
      [lead.email],
      NOW,
    );
    await tick()({});
    expect(await instanceOf(tdb.db, lead.id, seq.id)).toMatchObject({
      pauseReason: 'missing_lead_data',
      pauseDetail: { fields: ['company'] },
    });
    await tdb.db.update(leads).set({ company: 'Initech' }).where(eq(leads.id, lead.id));
    await tick()({});
    await tick()({});
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    const mail = await simpleParser(
      await readFile(
        path.join(dataDir, 'outbox', outboxFileName(`<autosend.followup.${inst.id}.1@acme.io>`)),
      ),
    );
    expect(mail.text?.trim()).toBe('How is Initech doing, Jane?');
  });
});
