import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign, updateCampaign } from '../../src/admin/campaigns.ts';
import { openBreakersProbe } from '../../src/calibration/breakers-probe.ts';
import { closeCampaignBreaker } from '../../src/calibration/campaign-breaker.ts';
import {
  applyRecommendedGate,
  loadCampaignCalibration,
} from '../../src/calibration/load-calibration.ts';
import { recordNoReplyOutcomes } from '../../src/calibration/record-post-send-outcome.ts';
import type { Config } from '../../src/config/load-config.ts';
import {
  auditLog,
  campaignReviewers,
  campaigns,
  drafts,
  editExamples,
  postSendOutcomes,
  reviewOutcomes,
  reviewRequests,
  workspaces,
} from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { approveReview } from '../../src/review/review-actions.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { FULL_SCOPES } from './slack-fixtures.ts';

/*
 * The whole loop with the local Slack peer and the outbox sender: reviews of
 * a MANUAL campaign become calibration evidence, `campaign calibrate` prints
 * the table and applies the recommendation, automatic sends follow, the
 * leads' complaints trip the circuit breaker (Slack alert), the next reply
 * goes to review with breaker_open, and a person closes the breaker.
 */

const run = promisify(execFile);
const logger = createLogger('silent');
const SECRET = 'whsec-calibration-flow';
const TOKEN = 'xoxb-calibration-flow';
let db: TestDatabase;
let queue: JobQueue;
let worker: Worker;
let app: FastifyInstance;
let config: Config;
let slack: SlackPeer;
let dataDir: string;
let campaignId: string;
let workspaceId: string;
let resumedId: string;

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

function cli(...args: string[]) {
  return run(process.execPath, ['bin/autosend.js', ...args], {
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });
}

async function postReply(id: string, email: string, text: string): Promise<string> {
  const body = JSON.stringify({
    id,
    receivedAt: new Date().toISOString(),
    campaign: { id: 'cal-campaign' },
    lead: { email, firstName: 'Jane', lastName: 'Roe', company: 'Acme' },
    from: { email },
    mailbox: 'tom@agency.example',
    to: ['tom@agency.example'],
    subject: 'Re: Quick question',
    text,
    messageId: `<${id}@mail.example>`,
    references: [`<root-${email}@agency.example>`],
  });
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/generic/cal-key',
    headers: {
      'content-type': 'application/json',
      'x-autosend-signature': signGenericBody(SECRET, body),
    },
    payload: body,
  });
  expect(res.statusCode).toBe(202);
  return (res.json() as { messageId: string }).messageId;
}

async function reviewOf(messageId: string) {
  return until(async () => {
    const [row] = await db.db
      .select({ review: reviewRequests, draft: drafts })
      .from(reviewRequests)
      .innerJoin(drafts, eq(drafts.id, reviewRequests.draftId))
      .where(eq(drafts.messageId, messageId));
    return row;
  }, `a review of ${messageId}`);
}

const reviewDeps = () => ({ db: db.db, queue, config, logger });

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-calibration-'));
  slack = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    channels: [{ id: 'C0CALIB01', name: 'sales', botIsMember: true }],
  });
  config = testConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.url,
    BREAKER_MIN_SENDS: '2',
  });
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Calibration', webhookKey: 'cal-key', webhookSecret: SECRET })
    .returning();
  const [c] = await db.db
    .insert(campaigns)
    .values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: 'cal-campaign',
      name: 'Calibrated campaign',
      responseMode: 'MANUAL',
      confidenceGate: 99,
      sendDelayMinSeconds: 0,
      sendDelayMaxSeconds: 0,
      bookingLink: 'https://cal.example.com/tom/intro',
      knowledge: 'Setup $1,500 once, $12 per seat per month.',
      senderName: 'Tom',
      senderEmail: 'tom@agency.example',
      signature: 'Tom\nAgency',
      configuredAt: new Date(),
    })
    .returning();
  campaignId = c!.id;
  workspaceId = ws!.id;
  await db.db
    .insert(campaignReviewers)
    .values({ campaignId, kind: 'slack_channel', target: '#sales' });
  app = await buildApp({ config, database: db, queue, logger, probes: [openBreakersProbe(db.db)] });
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
  await slack?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const GOOD = 'Sounds interesting, when could we talk?';

describe('calibration, post-send outcomes and the circuit breaker, end to end', () => {
  it('records every review of a MANUAL campaign as evidence, with its score', async () => {
    const messageIds: string[] = [];
    for (let i = 0; i < 31; i++) {
      messageIds.push(await postReply(`cal-${i}`, `lead${i}@acme.example`, GOOD));
    }
    const held = [];
    for (const id of messageIds) held.push(await reviewOf(id));
    // MANUAL drafts are scored too: every one has its confidence.
    expect(
      held.every((h) => h.draft.confidence !== null && h.review.reason === 'mode_manual'),
    ).toBe(true);
    for (const h of held.slice(0, 29)) {
      await approveReview(reviewDeps(), { reviewRequestId: h.review.id, actor: 'user:test' });
    }
    // One edited approval (kept as a house-style example, names replaced) and one CLI rejection.
    const edited = held[29]!;
    await approveReview(reviewDeps(), {
      reviewRequestId: edited.review.id,
      actor: 'user:test',
      editedBody: `Hi Jane, happy to talk. Does Tuesday suit you? Call me on +1 415 555 0101.\n\nTom\nAgency`,
    });
    await cli('review', 'reject', held[30]!.review.id, '--reason', 'wrong_tone', '--note', 'pushy');
    const outcomes = await db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.campaignId, campaignId));
    expect(outcomes).toHaveLength(31);
    expect(outcomes.filter((o) => o.outcome === 'approved_as_is')).toHaveLength(29);
    const edit = outcomes.find((o) => o.outcome === 'approved_edited')!;
    expect(edit.charsChanged).toBeGreaterThan(0);
    expect(edit).toMatchObject({
      gate: 99,
      reviewReason: 'mode_manual',
      model: edited.draft.model,
    });
    expect(edit.category).toBeTruthy();
    const rejected = outcomes.find((o) => o.outcome === 'rejected')!;
    expect(rejected).toMatchObject({ rejectReason: 'wrong_tone', rejectNote: 'pushy' });
    const [example] = await db.db.select().from(editExamples);
    expect(example!.sentText).toContain('Hi [name], happy to talk');
    expect(example!.sentText).toContain('[phone]');
    expect(example!.sentText).not.toContain('Jane');
  });

  it('`campaign calibrate` prints the table; --apply sets the recommended gate (audited)', async () => {
    // 29 of 31 approved as is: a 75 % target is provable, 95 % is not.
    const ref = { workspaceId, campaignId };
    const strict = await loadCampaignCalibration(db.db, ref);
    expect(strict.calibration.recommendedGate).toBeNull();
    expect(strict.calibration.notEnoughEvidence?.why).toMatch(/no gate/);
    await expect(applyRecommendedGate(db.db, 'user:test', ref)).rejects.toThrow(/no gate to apply/);
    await updateCampaign(db.db, 'user:test', ref, { targetPrecision: 75 });
    const printed = await cli('campaign', 'calibrate', campaignId);
    expect(printed.stdout).toMatch(/gate\s+auto-sent\s+reviewed\s+as-is\s+share\s+lower95/);
    expect(printed.stdout).toMatch(/^50%\s+31 \(100%\)\s+31\s+29\s+94%\s+79\.3%\s+← recommended/m);
    expect(printed.stdout).toMatch(/apply it with: autosend campaign calibrate/);
    const json = await loadCampaignCalibration(db.db, ref);
    expect(json.scope).toBe('campaign');
    expect(json.calibration.gates).toHaveLength(50);
    expect(json.calibration.buckets).toHaveLength(10);
    const [rejected] = await db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.outcome, 'rejected'));
    // Every draft here scores the same (at least 50): the lowest gate tested has all the evidence.
    expect(Math.round(rejected!.confidence! * 100)).toBeGreaterThanOrEqual(50);
    expect(json.calibration.recommendedGate).toBe(50);
    const [campaignBefore] = await db.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, campaignId));
    expect(campaignBefore!.confidenceGate).toBe(99); // calibrate alone never changes the gate
    const applied = await cli('campaign', 'calibrate', campaignId, '--apply');
    expect(applied.stdout).toMatch(/^gate set to \d+%/);
    const [after] = await db.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(after!.confidenceGate).toBe(json.calibration.recommendedGate);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'campaign.calibration_apply'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toEqual({ confidenceGate: 99 });
  });

  it('complaints after automatic sends trip the breaker; the next reply goes to review with breaker_open', async () => {
    await db.db
      .update(campaigns)
      .set({ responseMode: 'AI_AUTO_SEND' })
      .where(eq(campaigns.id, campaignId));
    const sentIds: string[] = [];
    for (const n of [100, 101]) {
      const id = await postReply(`auto-${n}`, `auto${n}@acme.example`, GOOD);
      const sent = await until(async () => {
        const [d] = await db.db.select().from(drafts).where(eq(drafts.messageId, id));
        if (d && d.status !== 'generated' && d.status !== 'sending' && d.status !== 'approved')
          return d;
        const [held] = d
          ? await db.db.select().from(reviewRequests).where(eq(reviewRequests.draftId, d.id))
          : [];
        return held ? { ...d!, status: `review: ${held.reason}` } : undefined;
      }, `the automatic send of ${id}`);
      expect(sent.status).toBe('sent');
      sentIds.push(id);
    }
    const postedBefore = slack.posted.length;
    const decided = (m: string) =>
      until(async () => {
        const r = await explainReply(db.db, { messageIdOrLeadEmail: m });
        return r[0] && r[0].status !== 'pending' ? r[0] : undefined;
      }, `the decision on ${m}`);
    const c1 = await postReply(
      'complaint-100',
      'auto100@acme.example',
      'Who is this? How did you get my email?',
    );
    await decided(c1);
    const c2 = await postReply(
      'complaint-101',
      'auto101@acme.example',
      'Who are you? I never asked for this.',
    );
    const outcomes = await until(async () => {
      const rows = await db.db
        .select()
        .from(postSendOutcomes)
        .where(eq(postSendOutcomes.campaignId, campaignId));
      return rows.length === 2 ? rows : undefined;
    }, 'two post-send outcomes');
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['complaint_or_opt_out', 'confused']);
    // The reply that tripped the breaker is not answered automatically either.
    expect((await decided(c2)).status).not.toMatch(/sent|scheduled/);
    const opened = await until(async () => {
      const [c] = await db.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
      return c?.breakerOpenedAt ? c : undefined;
    }, 'the breaker to open');
    expect(opened.breakerReason).toBe('post_send_complaints');
    const alert = await until(
      async () =>
        slack.posted.slice(postedBefore).find((p) => /stopped sending automatically/.test(p.text)),
      'the Slack alert',
    );
    expect(alert.text).toContain('autosend campaign breaker close');

    const next = await postReply('after-breaker', 'fresh@acme.example', GOOD);
    const { review } = await reviewOf(next);
    expect(review.reason).toBe('breaker_open');
    const [report] = await explainReply(db.db, { messageIdOrLeadEmail: next });
    expect(report!.verdict).toMatch(/breaker_open/);

    const view = await getCampaign(db.db, workspaceId, campaignId);
    expect(view.breaker).toMatchObject({ open: true, reason: 'post_send_complaints' });
    const health = (await app.inject({ method: 'GET', url: '/readyz' })).json();
    expect(health.warnings).toContain('breakers');
    expect(health.checks.breakers.detail.open[0]).toMatchObject({
      campaignId,
      reason: 'post_send_complaints',
    });
  });

  it('a person closes the breaker (audited); automatic sends resume', async () => {
    const closed = await cli(
      'campaign',
      'breaker',
      'close',
      campaignId,
      '--note',
      'fixed the copy',
    );
    expect(closed.stdout).toMatch(/closed the circuit breaker/);
    const [c] = await db.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(c!.breakerOpenedAt).toBeNull();
    expect(c!.breakerClosedAt).not.toBeNull();
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaign.breaker_close'), eq(auditLog.entityId, campaignId)));
    expect(audit!.after).toMatchObject({ open: false, note: 'fixed the copy' });
    await expect(
      closeCampaignBreaker(db.db, 'user:test', { workspaceId, campaignId }),
    ).rejects.toThrow(/not open/);
    resumedId = await postReply('resumed', 'resumed@acme.example', GOOD);
    await until(async () => {
      const [d] = await db.db.select().from(drafts).where(eq(drafts.messageId, resumedId));
      return d?.status === 'sent';
    }, 'an automatic send after the close');
  });

  it('marks automatic sends without an answer no_reply once the window has passed', async () => {
    const later = new Date(Date.now() + 73 * 3600_000);
    // Not yet: the window is still open.
    expect(await recordNoReplyOutcomes({ db: db.db, config, logger }, new Date())).toBe(0);
    const recorded = await recordNoReplyOutcomes({ db: db.db, config, logger }, later);
    expect(recorded).toBeGreaterThanOrEqual(1);
    const [resumedDraft] = await db.db.select().from(drafts).where(eq(drafts.messageId, resumedId));
    const [row] = await db.db
      .select()
      .from(postSendOutcomes)
      .where(eq(postSendOutcomes.draftId, resumedDraft!.id));
    expect(row).toMatchObject({ outcome: 'no_reply', replyMessageId: null });
    // The complaints keep their outcome; nothing is recorded twice.
    const all = await db.db.select().from(postSendOutcomes);
    expect(
      all.filter((o) => o.outcome === 'complaint_or_opt_out' || o.outcome === 'confused'),
    ).toHaveLength(2);
    expect(await recordNoReplyOutcomes({ db: db.db, config, logger }, later)).toBe(0);
  });
});
