import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReviews } from '../../src/admin/list-activity.ts';
import { createToken } from '../../src/admin/tokens.ts';
import { campaignReviewers, reviewRequests } from '../../src/db/schema.ts';
import { makeFollowupTickHandler } from '../../src/followups/followup-tick-job.ts';
import { loadFollowupReport } from '../../src/followups/load-report.ts';
import { buildApp } from '../../src/http/app.ts';
import { registerSlackInteractionRoutes } from '../../src/http/routes/slack-interactions.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { approveReview, rejectReview } from '../../src/review/review-actions.ts';
import { notifyReviewers } from '../../src/slack/notify-reviewers.ts';
import { signSlackRequest } from '../../src/slack/verify-slack-signature.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { instanceOf, seedLead, seedSequence } from './followups-seed.ts';
import { seedCampaign } from './sending-seed.ts';
import { FULL_SCOPES, TOKEN, testConfig } from './slack-fixtures.ts';

const logger = createLogger('silent');
// Wednesday 2 December 2026, 10:00 in Berlin.
const NOW = new Date('2037-12-02T09:00:00Z');
let tdb: TestDatabase;
let queue: JobQueue;
let peer: SlackPeer;
let dataDir: string;
let ids: { workspaceId: string; campaignId: string };

const config = () =>
  testConfig({
    DATA_DIR: dataDir,
    SENDER: 'outbox',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: peer.url,
  });
const tick = () =>
  makeFollowupTickHandler({ db: tdb.db, config: config(), logger, queue, now: () => NOW });
const reviewDeps = () => ({ db: tdb.db, queue, config: config(), logger });

async function outboxFiles(): Promise<string[]> {
  return (await readdir(path.join(dataDir, 'outbox')).catch(() => [])).filter((f) =>
    f.endsWith('.eml'),
  );
}

async function reviewOf(instanceId: string) {
  const rows = await tdb.db
    .select()
    .from(reviewRequests)
    .where(eq(reviewRequests.followupInstanceId, instanceId))
    .orderBy(reviewRequests.createdAt);
  return rows;
}

/** A lead enrolled in a one-step sequence whose step needs approval, ticked once. */
async function awaitingApproval() {
  const lead = await seedLead(tdb.db, ids, NOW);
  const seq = await seedSequence(
    tdb.db,
    ids,
    [
      {
        delay: '0 business days',
        body: 'Hi {{first_name}}, shall I send the pricing?',
        needsApproval: true,
      },
    ],
    [lead.email],
    NOW,
  );
  await tick()({ workspaceId: ids.workspaceId });
  const inst = await instanceOf(tdb.db, lead.id, seq.id);
  return { lead, seq, inst };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  peer = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    users: [{ id: 'U0ANNA', email: 'anna@acme.example' }],
    channels: [],
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-followups-review-'));
  ids = await seedCampaign(tdb.db);
  await tdb.db
    .insert(campaignReviewers)
    .values({ campaignId: ids.campaignId, kind: 'email', target: 'anna@acme.example' });
});
afterAll(async () => {
  await peer?.close();
  await queue?.stop({ graceful: false });
  await tdb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('follow-up steps that need approval go through the review queue', () => {
  it('waits in the queue, notifies the campaign reviewer in Slack, and goes out once approved', async () => {
    const before = await outboxFiles();
    const { inst } = await awaitingApproval();
    expect(inst).toMatchObject({ status: 'paused', pauseReason: 'awaiting_approval' });
    expect(await outboxFiles()).toEqual(before);

    const [review] = await reviewOf(inst.id);
    expect(review).toMatchObject({
      status: 'open',
      reason: 'followup_approval',
      draftId: null,
      followupStep: 1,
    });
    // The notification job was queued with it.
    const jobs = await tdb.pool.query(
      `select 1 from pgboss.job where name = 'review.notify' and data->>'reviewRequestId' = $1`,
      [review!.id],
    );
    expect(jobs.rowCount).toBe(1);

    const listed = await listReviews(tdb.db, ids.workspaceId, { status: 'open' });
    expect(listed.items.find((i) => i.id === review!.id)).toMatchObject({
      kind: 'followup',
      followupInstanceId: inst.id,
      followupStep: 1,
      body: 'Hi Jane, shall I send the pricing?',
      campaignName: 'Q3 outreach',
    });

    const notified = await notifyReviewers({ db: tdb.db, config: config(), logger }, review!.id);
    expect(notified.targets).toMatchObject([{ target: 'anna@acme.example', status: 'sent' }]);
    const post = peer.posted.find((m) => m.text.includes(review!.id));
    expect(post).toMatchObject({ user: 'U0ANNA' });
    expect(JSON.stringify(post)).toContain('shall I send the pricing?');
    expect(JSON.stringify(post)).toContain('followup_approval');
    // Notified: the report does not call it stuck, however long it waits.
    const later = await loadFollowupReport(tdb.db, {
      workspaceId: ids.workspaceId,
      approvalHours: 1,
      now: new Date(NOW.getTime() + 48 * 3600_000),
    });
    expect(JSON.stringify(later)).not.toContain(inst.id);

    const approved = await approveReview(reviewDeps(), {
      reviewRequestId: review!.id,
      actor: 'cli:anna',
    });
    expect(approved).toMatchObject({ draftId: null, followupInstanceId: inst.id });
    const [decided] = await reviewOf(inst.id);
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'cli:anna' });
    expect((await tick()({ workspaceId: ids.workspaceId })).outcomes.sent).toBe(1);
    expect((await outboxFiles()).length).toBe(before.length + 1);
    expect(await instanceOf(tdb.db, inst.leadId, inst.sequenceId)).toMatchObject({
      status: 'completed',
    });
    await expect(
      approveReview(reviewDeps(), { reviewRequestId: review!.id, actor: 'cli:anna' }),
    ).rejects.toThrow(/already approved/);
  });

  it('a step not yet notified after the approval limit is an anomaly in the report', async () => {
    const { inst } = await awaitingApproval();
    const report = await loadFollowupReport(tdb.db, {
      workspaceId: ids.workspaceId,
      approvalHours: 1,
      now: new Date(NOW.getTime() + 3 * 3600_000),
    });
    expect(JSON.stringify(report)).toContain(inst.id);
    expect(JSON.stringify(report)).toContain('approval_waiting');
  });

  it('rejecting the review never sends the step and cancels the lead’s sequence', async () => {
    const before = await outboxFiles();
    const { inst } = await awaitingApproval();
    const [review] = await reviewOf(inst.id);
    await expect(
      approveReview(reviewDeps(), {
        reviewRequestId: review!.id,
        actor: 'cli:anna',
        editedBody: 'Other words',
      }),
    ).rejects.toThrow(/edit the sequence/);
    await rejectReview(reviewDeps(), {
      reviewRequestId: review!.id,
      actor: 'cli:anna',
      note: 'too pushy',
    });
    expect((await reviewOf(inst.id))[0]).toMatchObject({
      status: 'rejected',
      decidedBy: 'cli:anna',
    });
    expect(await instanceOf(tdb.db, inst.leadId, inst.sequenceId)).toMatchObject({
      status: 'cancelled',
      stopReason: 'cancelled_by_hand',
    });
    await tick()({ workspaceId: ids.workspaceId });
    expect(await outboxFiles()).toEqual(before);
  });

  it('a reply while the step waits supersedes the review; it cannot be approved any more', async () => {
    const { lead, inst } = await awaitingApproval();
    const stored = await storeInboundReply({ db: tdb.db, queue }, ids.workspaceId, {
      source: 'generic',
      providerMessageId: `reply-${inst.id}`,
      references: [lead.threadKey],
      inReplyTo: lead.threadKey,
      from: { email: lead.email },
      to: ['sam@acme.io'],
      cc: [],
      subject: 'Re: Quick question about Acme',
      text: 'Actually, yes please.',
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
    const reviews = await tdb.db
      .select()
      .from(reviewRequests)
      .where(and(eq(reviewRequests.followupInstanceId, inst.id)));
    expect(reviews).toMatchObject([{ status: 'superseded' }]);
    await expect(
      approveReview(reviewDeps(), { reviewRequestId: reviews[0]!.id, actor: 'cli:anna' }),
    ).rejects.toThrow(/already superseded/);
  });

  it('the Approve button in Slack approves the step, and the next tick sends it', async () => {
    const SECRET = 'signing-secret-of-the-followup-test';
    const clickConfig = testConfig({
      DATA_DIR: dataDir,
      SENDER: 'outbox',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: peer.url,
      SLACK_SIGNING_SECRET: SECRET,
    });
    const app = Fastify();
    registerSlackInteractionRoutes(app, { database: tdb, queue, config: clickConfig, logger });
    await app.ready();
    try {
      const { inst } = await awaitingApproval();
      const [review] = await reviewOf(inst.id);
      await notifyReviewers({ db: tdb.db, config: clickConfig, logger }, review!.id);
      const posted = peer.posted.find((m) => m.text.includes(review!.id))!;
      const actions = (
        posted.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
      ).find((b) => b.type === 'actions')!;
      const button = actions.elements!.find((e) => e.action_id.startsWith('review_approve:'))!;
      const body = `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: 'U0ANNA' },
          container: { type: 'message', channel_id: posted.channel, message_ts: posted.ts },
          channel: { id: posted.channel },
          message: { ts: posted.ts, text: posted.text, blocks: posted.blocks },
          actions: [{ action_id: button.action_id, value: button.value }],
        }),
      )}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await app.inject({
        method: 'POST',
        url: '/slack/interactions',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
        },
        payload: body,
      });
      expect(res.json()).toMatchObject({ ok: true, outcome: 'approved' });
      expect((await reviewOf(inst.id))[0]).toMatchObject({
        status: 'approved',
        decidedBy: 'slack:U0ANNA',
      });
      expect((await tick()({ workspaceId: ids.workspaceId })).outcomes.sent).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('the dashboard API lists the step in the queue and approves it through the normal route', async () => {
    const app = await buildApp({ config: config(), database: tdb, queue, logger });
    try {
      const { token } = await createToken(tdb.db, 'test', {
        name: 'reviewer',
        role: 'reviewer',
        workspaceIds: [ids.workspaceId],
      });
      const headers = { authorization: `Bearer ${token}` };
      const { inst } = await awaitingApproval();
      const listed = await app.inject({
        method: 'GET',
        url: `/api/v1/workspaces/${ids.workspaceId}/reviews?status=open`,
        headers,
      });
      expect(listed.statusCode).toBe(200);
      const item = (listed.json() as { items: Record<string, unknown>[] }).items.find(
        (i) => i.followupInstanceId === inst.id,
      );
      expect(item).toMatchObject({ kind: 'followup', reason: 'followup_approval', draftId: null });
      const approved = await app.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${ids.workspaceId}/reviews/${String(item!.id)}/approve`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ draftId: null, followupInstanceId: inst.id });
      expect(await instanceOf(tdb.db, inst.leadId, inst.sequenceId)).toMatchObject({
        status: 'active',
        approvedStep: 1,
      });
    } finally {
      await app.close();
    }
  });
});
