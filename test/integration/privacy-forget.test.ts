import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/admin/record-audit.ts';
import {
  auditLog,
  backfillItems,
  backfillRuns,
  editExamples,
  followupTransitions,
  leads,
  messages,
  postSendOutcomes,
  reviewNotifications,
  reviewOutcomes,
  sendLedger,
  slotOffers,
  suppressions,
} from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { applyLeadEvent } from '../../src/ingest/apply-lead-event.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { loadReplyContext } from '../../src/pipeline/load-reply-context.ts';
import { hashAddress } from '../../src/privacy/address-hash.ts';
import { forgetLead } from '../../src/privacy/forget-lead.ts';
import { addSuppression } from '../../src/privacy/suppressions.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

const run = promisify(execFile);
const ADDRESS = 'anna@alpha.example';
/** Only lead A carries it: searched for in every column after the forget. */
const SURNAME = 'Lindqvist';

let h: ApiHarness;
let dir: string;
let outboxDir: string;
let logDir: string;

/** A queue that must not be used: a suppressed reply queues nothing. */
const noQueue = {
  enqueue: async () => {
    throw new Error('nothing may be queued for a suppressed address');
  },
} as unknown as JobQueue;

beforeAll(async () => {
  h = await startApiHarness();
  dir = mkdtempSync(path.join(os.tmpdir(), 'autosend-forget-'));
  outboxDir = path.join(dir, 'outbox');
  logDir = path.join(dir, 'logs');
  const db = h.db.db;
  const a = h.a;
  await db
    .update(leads)
    .set({ lastName: SURNAME, company: 'Lindqvist AB' })
    .where(eq(leads.id, a.leadId));
  await db
    .update(messages)
    .set({
      fromName: `Anna ${SURNAME}`,
      text: `Thanks, ${SURNAME} here`,
      html: `<p>${SURNAME}</p>`,
      headers: { from: `Anna ${SURNAME} <${ADDRESS}>` },
      raw: { lead: { email: ADDRESS, lastName: SURNAME } },
    })
    .where(eq(messages.id, a.messageId));
  const [outbound] = await db
    .insert(messages)
    .values({
      workspaceId: a.workspaceId,
      leadId: a.leadId,
      campaignId: a.campaignId,
      direction: 'outbound',
      source: 'autosend',
      providerMessageId: 'out-1',
      rfcMessageId: '<out-1@agency.example>',
      threadKey: 'Alpha-t1',
      fromEmail: 'sales@agency.example',
      toEmails: [ADDRESS],
      text: `Hi Anna ${SURNAME}`,
      occurredAt: new Date('2025-01-03T10:00:00Z'),
    })
    .returning();
  // Someone else's message with Anna in Cc: the address is taken out, the message stays.
  const [colleague] = await db
    .insert(leads)
    .values({ workspaceId: a.workspaceId, email: 'bo@alpha.example' })
    .returning();
  await db.insert(messages).values({
    workspaceId: a.workspaceId,
    leadId: colleague!.id,
    direction: 'inbound',
    source: 'smartlead',
    providerMessageId: 'bo-1',
    threadKey: 'bo-t1',
    fromEmail: 'bo@alpha.example',
    ccEmails: ['Anna@Alpha.example', 'carl@alpha.example'],
    text: 'Looping in a colleague',
    occurredAt: new Date('2025-01-04T10:00:00Z'),
  });
  await db.insert(slotOffers).values({
    workspaceId: a.workspaceId,
    leadId: a.leadId,
    draftId: a.draftId,
    slotStart: new Date('2025-01-10T10:00:00Z'),
    slotEnd: new Date('2025-01-10T10:30:00Z'),
    expiresAt: new Date('2025-01-10T10:00:00Z'),
  });
  await db.insert(reviewNotifications).values({
    reviewRequestId: a.reviewId,
    target: '#sales',
    status: 'sent',
    providerChannel: 'C123',
    providerTs: '1700000000.000100',
  });
  await db.insert(reviewOutcomes).values({
    workspaceId: a.workspaceId,
    campaignId: a.campaignId,
    draftId: a.draftId,
    reviewRequestId: a.reviewId,
    outcome: 'rejected',
    rejectReason: 'wrong_tone',
    rejectNote: `${SURNAME} wanted German`,
    model: 'offline',
    gate: 85,
    reviewReason: 'below_threshold',
    decidedBy: 'user:x',
    decidedAt: new Date(),
  });
  await db.insert(postSendOutcomes).values({
    workspaceId: a.workspaceId,
    draftId: a.draftId,
    sentAt: new Date(),
    outcome: 'positive',
    replyMessageId: a.messageId,
    evidence: `${SURNAME}: sounds good`,
  });
  await db.insert(editExamples).values({
    workspaceId: a.workspaceId,
    campaignId: a.campaignId,
    draftId: a.draftId,
    replyText: `from ${SURNAME}`,
    draftText: 'draft',
    sentText: 'sent',
  });
  await db.insert(sendLedger).values({
    idempotencyKey: `draft:${a.draftId}`,
    draftId: a.draftId,
    sender: 'outbox',
    status: 'sent',
  });
  await db.insert(followupTransitions).values({
    instanceId: a.followupId,
    toStatus: 'paused',
    cause: 'reply',
    detail: { note: `${SURNAME} replied` },
  });
  await db.insert(backfillItems).values({
    runId: a.runId,
    messageId: a.messageId,
    detail: { lead: { name: `Anna ${SURNAME}`, email: ADDRESS } },
  });
  await recordAudit(db, {
    workspaceId: a.workspaceId,
    actor: 'test',
    action: 'followup.first_email_sent',
    entityType: 'campaign',
    entityId: a.campaignId,
    before: null,
    after: { leadEmail: ADDRESS, enrolled: 1 },
  });
  // Files the service wrote: the outbox reply, and a backfill run's log pair.
  mkdirSync(outboxDir, { recursive: true });
  writeFileSync(path.join(outboxDir, 'out-1.eml'), `To: ${ADDRESS}\r\n\r\nHi Anna`);
  writeFileSync(path.join(outboxDir, 'other.eml'), 'To: bo@alpha.example\r\n\r\nHi Bo');
  mkdirSync(logDir, { recursive: true });
  const logPath = path.join(logDir, 'backfill-ai-auto-send-20250101T000000Z.log');
  writeFileSync(logPath, `t run=1 start\nt run=1 draft drafted Anna <${ADDRESS}>\nt run=1 end\n`);
  writeFileSync(
    logPath.replace(/\.log$/, '.jsonl'),
    `{"event":"start"}\n{"event":"drafted","messageId":"${a.messageId}"}\n{"event":"end"}\n`,
  );
  await db.update(backfillRuns).set({ logPath }).where(eq(backfillRuns.id, a.runId));
  void outbound;
});

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every text, text[] and jsonb column of every table that contains the needle, as `table.column`. */
async function columnsContaining(needle: string): Promise<string[]> {
  const cols = await h.db.pool.query<{ table_name: string; column_name: string }>(`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'jsonb', 'ARRAY', 'character varying')`);
  const found: string[] = [];
  for (const c of cols.rows) {
    const res = await h.db.pool.query(
      `select 1 from "${c.table_name}" where "${c.column_name}"::text ilike $1 limit 1`,
      [`%${needle}%`],
    );
    if (res.rowCount) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

const deps = () => ({ db: h.db.db, outboxDir, backfillLogDir: logDir });

describe('lead forget', () => {
  it('dry run: counts what would go and changes nothing', async () => {
    const before = await columnsContaining(SURNAME);
    const report = await forgetLead(
      deps(),
      { actor: 'cli:test', workspaceId: h.a.workspaceId },
      { email: ' Anna@Alpha.Example ' },
    );
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({
      leads: 1,
      messages: 2,
      drafts: 1,
      slotOffers: 1,
      reviewRequests: 1,
      followupInstances: 1,
      backfillItems: 1,
      otherMessagesScrubbed: 1,
      auditRowsRedacted: 1,
    });
    expect(report.files).toMatchObject({ outboxFilesRemoved: 1, logLinesRemoved: 2 });
    expect(report.suppression).toBeNull();
    expect(await columnsContaining(SURNAME)).toEqual(before);
    expect(existsSync(path.join(outboxDir, 'out-1.eml'))).toBe(true);
    expect(await h.db.db.select().from(suppressions)).toEqual([]);
  });

  it('refuses a bad address, naming the field', async () => {
    await expect(
      forgetLead(deps(), { actor: 'cli:test', workspaceId: h.a.workspaceId }, { email: 'anna' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { email: expect.any(String) } });
    await expect(
      forgetLead(deps(), { actor: 'cli:test', workspaceId: 'alpha' }, { email: ADDRESS }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { workspace: expect.any(String) },
    });
  });

  it('removes every trace in the workspace, keeps a hashed suppression and an audit row', async () => {
    const report = await forgetLead(
      deps(),
      { actor: 'cli:test', workspaceId: h.a.workspaceId },
      { email: ADDRESS, confirm: true },
    );
    expect(report.dryRun).toBe(false);
    expect(report.suppression).toEqual({ created: true });
    expect(report.slackMessages).toEqual([{ channel: 'C123', ts: '1700000000.000100' }]);
    expect(report.files.notScrubbed).toEqual([]);

    expect(await columnsContaining(ADDRESS)).toEqual([]);
    expect(await columnsContaining(SURNAME)).toEqual([]);
    // Workspace B's Anna is someone else: untouched.
    expect(await columnsContaining('anna@beta.example')).toContain('leads.email');
    // Bo's message stays, without Anna in Cc.
    const [bo] = await h.db.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, 'bo-1'));
    expect(bo!.ccEmails).toEqual(['carl@alpha.example']);

    expect(existsSync(path.join(outboxDir, 'out-1.eml'))).toBe(false);
    expect(existsSync(path.join(outboxDir, 'other.eml'))).toBe(true);
    const log = readFileSync(
      path.join(logDir, 'backfill-ai-auto-send-20250101T000000Z.log'),
      'utf8',
    );
    expect(log).toBe('t run=1 start\nt run=1 end\n');
    const jsonl = readFileSync(
      path.join(logDir, 'backfill-ai-auto-send-20250101T000000Z.jsonl'),
      'utf8',
    );
    expect(jsonl).not.toContain(h.a.messageId);

    const [suppression] = await h.db.db.select().from(suppressions);
    expect(suppression).toMatchObject({
      workspaceId: h.a.workspaceId,
      addressHash: hashAddress(ADDRESS),
      createdBy: 'cli:test',
    });
    const audits = await h.db.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} like 'lead.forget%'`)
      .orderBy(desc(auditLog.id));
    expect(audits.map((r) => r.action).sort()).toEqual(['lead.forget', 'lead.forget_files']);
    const main = audits.find((r) => r.action === 'lead.forget')!;
    expect(main).toMatchObject({
      actor: 'cli:test',
      workspaceId: h.a.workspaceId,
      entityId: hashAddress(ADDRESS),
      after: { addressHash: hashAddress(ADDRESS), counts: { leads: 1, messages: 2 } },
    });
    expect(JSON.stringify(audits)).not.toContain(ADDRESS);
  });

  it('a later reply from the address is refused: a tombstone without content, explained', async () => {
    const stored = await storeInboundReply({ db: h.db.db, queue: noQueue }, h.a.workspaceId, {
      source: 'smartlead',
      providerMessageId: 'again-1',
      channel: 'email',
      from: { email: 'ANNA@alpha.example', name: `Anna ${SURNAME}` },
      to: ['sales@agency.example'],
      cc: [],
      subject: `Re: ${SURNAME}`,
      text: `It is ${SURNAME} again`,
      headers: { from: ADDRESS },
      platformFlags: {},
      references: [],
      receivedAt: new Date(),
      lead: { email: ADDRESS, firstName: 'Anna', lastName: SURNAME },
      campaign: { externalId: 'Alpha-1' },
      platformRefs: {},
      priorMessages: [],
    } as never);
    expect(stored.status).toBe('suppressed');
    expect(await columnsContaining(ADDRESS)).toEqual([]);
    expect(await columnsContaining(SURNAME)).toEqual([]);
    const [report] = await explainReply(h.db.db, { messageIdOrLeadEmail: stored.messageId });
    expect(report!.verdict).toMatch(/^Skipped: suppressed/);
    expect(report!.status).toBe('skipped');
    // Redelivered: a duplicate, still nothing stored.
    const again = await storeInboundReply({ db: h.db.db, queue: noQueue }, h.a.workspaceId, {
      source: 'smartlead',
      providerMessageId: 'again-1',
      channel: 'email',
      from: { email: ADDRESS },
      to: [],
      cc: [],
      subject: '',
      text: '',
      headers: {},
      platformFlags: {},
      references: [],
      receivedAt: new Date(),
      lead: { email: ADDRESS },
      platformRefs: {},
      priorMessages: [],
    } as never);
    expect(again).toEqual({ status: 'duplicate', messageId: stored.messageId });
    // A bounce or unsubscribe event does not bring the lead back either.
    const flagged = await applyLeadEvent(h.db.db, h.a.workspaceId, {
      flag: 'opted_out',
      leadEmail: ADDRESS,
      evidence: 'unsubscribed',
      at: new Date(),
    } as never);
    expect(flagged).toEqual({ suppressed: true });
    const [s] = await h.db.db.select().from(suppressions);
    expect(s!.refusedCount).toBe(2);
  });

  it('inbound.process sees a suppression added after the reply was stored (same hash in SQL)', async () => {
    expect((await loadReplyContext(h.db.db, h.b.messageId))!.suppressed).toBeNull();
    const other = await h.db.db.transaction((tx) =>
      addSuppression(tx, {
        workspaceId: h.a.workspaceId,
        address: 'anna@beta.example',
        createdBy: 'test',
      }),
    );
    // Suppressed in workspace A only: B's reply from the same address is not.
    expect((await loadReplyContext(h.db.db, h.b.messageId))!.suppressed).toBeNull();
    await h.db.db.transaction((tx) =>
      addSuppression(tx, { workspaceId: null, address: ' Anna@Beta.example', createdBy: 'test' }),
    );
    expect((await loadReplyContext(h.db.db, h.b.messageId))!.suppressed).toBe('all');
    expect(other.addressHash).toBe(hashAddress('anna@beta.example'));
    await h.db.db.delete(suppressions).where(eq(suppressions.addressHash, other.addressHash));
  });

  it('is an admin API route; the address goes in the body, dry run unless confirm', async () => {
    const url = `/api/v1/workspaces/${h.b.workspaceId}/leads/forget`;
    const dry = await h.call(h.tokens.agency, 'POST', url, { email: 'anna@beta.example' });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, scope: 'workspace', counts: { leads: 1 } });
    const bad = await h.call(h.tokens.agency, 'POST', url, { email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.email).toBeTruthy();
    const reviewer = await h.call(
      h.tokens.reviewerA,
      'POST',
      `/api/v1/workspaces/${h.a.workspaceId}/leads/forget`,
      {
        email: 'x@y.example',
      },
    );
    expect(reviewer.status).toBe(403);
  });

  it('the CLI prints the dry run without --yes', async () => {
    const res = await run(
      process.execPath,
      ['bin/autosend.js', 'lead', 'forget', 'anna@beta.example', '--workspace', h.b.workspaceId],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.db.url,
          LOG_LEVEL: 'silent',
          DATA_DIR: dir,
          BACKFILL_LOG_DIR: logDir,
        },
      },
    );
    expect(res.stdout).toMatch(/^Dry run \(nothing changed; add --yes to forget\)/);
    expect(res.stdout).toMatch(/leads: 1/);
    const [lead] = await h.db.db.select().from(leads).where(eq(leads.email, 'anna@beta.example'));
    expect(lead).toBeTruthy();
  });
});
