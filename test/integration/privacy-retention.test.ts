import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import {
  auditLog,
  campaigns,
  decisionEvents,
  drafts,
  leads,
  messages,
  reviewRequests,
} from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { createLogger } from '../../src/logger.ts';
import { purgeExpiredContent } from '../../src/privacy/purge-expired-content.ts';
import { retentionProbe } from '../../src/privacy/retention-probe.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const OLD = new Date('2026-01-10T09:00:00Z');
const RECENT = new Date('2026-05-25T09:00:00Z');

let db: TestDatabase;
let dir: string;
let outboxDir: string;
const ids: { old: string[]; recent: string; openDraft: string; sentDraft: string } = {
  old: [],
  recent: '',
  openDraft: '',
  sentDraft: '',
};

async function seedReply(
  workspaceId: string,
  leadId: string,
  campaignId: string,
  n: number,
  at: Date,
) {
  const [m] = await db.db
    .insert(messages)
    .values({
      workspaceId,
      leadId,
      campaignId,
      direction: 'inbound',
      source: 'generic',
      providerMessageId: `p-${n}`,
      threadKey: `t-${n}`,
      fromEmail: 'anna@example.com',
      subject: 'Re: our call',
      text: `Anna Lindqvist here, reply ${n}`,
      html: '<p>Anna Lindqvist</p>',
      headers: { from: 'Anna Lindqvist <anna@example.com>' },
      raw: {
        lead: { email: 'anna@example.com' },
        priorMessages: [{ direction: 'outbound', text: 'Hi Anna' }],
        platformRefs: { statsId: `s-${n}` },
      },
      occurredAt: at,
    })
    .returning();
  await db.db.insert(decisionEvents).values([
    {
      messageId: m!.id,
      step: 'gates',
      outcome: 'passed',
      detail: { evidence: 'Anna Lindqvist here' },
      at,
    },
    {
      messageId: m!.id,
      step: 'decide',
      outcome: 'review',
      reason: 'below_threshold',
      detail: { confidence: 0.7, gate: 85, note: 'the lead, Anna, asks about pricing' },
      at,
    },
  ]);
  return m!.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'autosend-retention-'));
  outboxDir = path.join(dir, 'outbox');
  const ws = await createWorkspace(db.db, 'test', { name: 'Alpha' });
  const [campaign] = await db.db
    .insert(campaigns)
    .values({ workspaceId: ws.id, platform: 'generic', externalId: 'c1', name: 'Outreach' })
    .returning();
  const [lead] = await db.db
    .insert(leads)
    .values({ workspaceId: ws.id, email: 'anna@example.com', firstName: 'Anna' })
    .returning();
  for (let n = 1; n <= 5; n++) ids.old.push(await seedReply(ws.id, lead!.id, campaign!.id, n, OLD));
  ids.recent = await seedReply(ws.id, lead!.id, campaign!.id, 6, RECENT);
  const [sent] = await db.db
    .insert(drafts)
    .values({
      messageId: ids.old[0]!,
      body: 'Hi Anna, Tuesday at 10?',
      evaluatorReason: 'Anna asked for a time',
      model: 'offline',
      status: 'sent',
      confidence: 0.9,
      createdAt: OLD,
    })
    .returning();
  ids.sentDraft = sent!.id;
  await db.db.insert(reviewRequests).values({
    workspaceId: ws.id,
    draftId: sent!.id,
    reason: 'below_threshold',
    status: 'approved',
    decidedAt: OLD,
    editedBody: 'Hi Anna, Tuesday at 10 works',
  });
  // Old but still waiting for a reviewer: never purged, or its send would be empty.
  const [open] = await db.db
    .insert(drafts)
    .values({
      messageId: ids.old[1]!,
      body: 'Hi Anna, waiting for review',
      model: 'offline',
      status: 'generated',
      createdAt: OLD,
    })
    .returning();
  ids.openDraft = open!.id;
  mkdirSync(outboxDir, { recursive: true });
  writeFileSync(path.join(outboxDir, 'old.eml'), 'To: anna@example.com');
  utimesSync(path.join(outboxDir, 'old.eml'), OLD, OLD);
  writeFileSync(path.join(outboxDir, 'new.eml'), 'To: anna@example.com');
});

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({
  db: db.db,
  logger: createLogger('silent'),
  outboxDir,
  backfillLogDir: path.join(dir, 'logs'),
});

describe('retention purge', () => {
  it('reports retention as off on /readyz before anything ran', async () => {
    const [name, check] = await retentionProbe(db.db, { retention: { days: undefined } })();
    expect(name).toBe('retention');
    expect(check).toMatchObject({ ok: true, detail: { on: false, lastPurge: null } });
  });

  it('purges the content of old rows only, in batches, and keeps rows and decisions', async () => {
    const report = await purgeExpiredContent(deps(), { days: 30, now: NOW, batchSize: 2 });
    expect(report.counts).toMatchObject({
      messages: 5,
      decisionEvents: 10,
      drafts: 1,
      reviewEdits: 1,
      outboxFiles: 1,
    });
    expect(report.more).toBe(false);

    const rows = await db.db.select().from(messages);
    expect(rows).toHaveLength(6);
    for (const m of rows.filter((r) => ids.old.includes(r.id))) {
      // The platform's ids stay: a follow-up still sends through them.
      expect(m).toMatchObject({ text: '', html: null, headers: {} });
      expect(Object.keys(m.raw as object)).toEqual(['platformRefs']);
      expect(m.contentPurgedAt).toEqual(NOW);
      expect(m.subject).toBe('Re: our call');
    }
    const recent = rows.find((r) => r.id === ids.recent)!;
    expect(recent.text).toBe('Anna Lindqvist here, reply 6');
    expect(recent.contentPurgedAt).toBeNull();

    const events = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, ids.old[0]!));
    expect(events.map((e) => [e.step, e.outcome, e.reason])).toEqual([
      ['gates', 'passed', null],
      ['decide', 'review', 'below_threshold'],
    ]);
    expect(events[1]!.detail).toEqual({
      confidence: 0.7,
      gate: 85,
      purgedByRetention: '2026-06-01',
    });
    expect(JSON.stringify(events)).not.toContain('Anna');

    const [sent] = await db.db.select().from(drafts).where(eq(drafts.id, ids.sentDraft));
    expect(sent).toMatchObject({
      body: '',
      evaluatorReason: null,
      status: 'sent',
      confidence: 0.9,
    });
    const [open] = await db.db.select().from(drafts).where(eq(drafts.id, ids.openDraft));
    expect(open!.body).toBe('Hi Anna, waiting for review');
    const [review] = await db.db.select().from(reviewRequests);
    expect(review!.editedBody).toBeNull();

    expect(existsSync(path.join(outboxDir, 'old.eml'))).toBe(false);
    expect(existsSync(path.join(outboxDir, 'new.eml'))).toBe(true);
  });

  it('explain still reads the trail and says the body was purged, and when', async () => {
    const [report] = await explainReply(db.db, { messageIdOrLeadEmail: ids.old[0]! });
    expect(report!.message.excerpt).toBe('[body purged by retention on 2026-06-01]');
    expect(report!.message.contentRemoved).toBe('body purged by retention on 2026-06-01');
    expect(report!.draft!.body).toBe('[body purged by retention on 2026-06-01]');
    expect(report!.events.map((e) => e.step)).toEqual(['gates', 'decide']);
    expect(report!.verdict).toMatch(/^Held for review: below_threshold/);
  });

  it('is idempotent, and records each run (audit, /readyz)', async () => {
    const again = await purgeExpiredContent(deps(), { days: 30, now: NOW });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'retention.purge'));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actor: 'system:retention',
      after: { days: 30, counts: { messages: 5 } },
    });
    const [, check] = await retentionProbe(db.db, { retention: { days: 30 } }, () => NOW)();
    expect(check).toMatchObject({
      ok: true,
      detail: { on: true, days: 30, lastPurge: { at: NOW.toISOString(), counts: { messages: 0 } } },
    });
    const [, late] = await retentionProbe(
      db.db,
      { retention: { days: 30 } },
      () => new Date(NOW.getTime() + 3 * 86_400_000),
    )();
    expect(late.ok).toBe(false);
  });

  it('stops at its batch limit and says more is left', async () => {
    await db.db.update(messages).set({ contentPurgedAt: null }).where(eq(messages.id, ids.old[0]!));
    await db.db.update(messages).set({ contentPurgedAt: null }).where(eq(messages.id, ids.old[1]!));
    const partial = await purgeExpiredContent(deps(), {
      days: 30,
      now: NOW,
      batchSize: 1,
      maxBatches: 1,
    });
    expect(partial).toMatchObject({ more: true, counts: { messages: 1 } });
  });
});
