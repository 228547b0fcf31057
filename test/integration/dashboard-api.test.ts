import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import {
  backfillRuns,
  decisionEvents,
  drafts,
  messages,
  reviewRequests,
  workspaces,
} from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { seedWorkspace } from './api-fixtures.ts';
import {
  FULL_SCOPES,
  LIMITED_SCOPES,
  seedCampaign,
  seedReview,
  TOKEN,
  testConfig,
} from './slack-fixtures.ts';

/*
 * The API routes the dashboard's Slack, Activity, Follow-ups and Backfill
 * pages read: against a real database and the local Slack peer.
 */
let db: TestDatabase;
let peer: SlackPeer;
let app: FastifyInstance;
let token: string;
let dir: string;
let slackWs: { workspaceId: string; campaignId: string };

async function call(method: 'GET' | 'POST', url: string, body?: object) {
  const res = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { payload: body } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON loosely
  return { status: res.statusCode, json: JSON.parse(res.body) as any };
}

beforeAll(async () => {
  peer = await startSlackPeer({
    token: TOKEN,
    scopes: LIMITED_SCOPES,
    users: [{ id: 'U0REVIEW1', email: 'reviewer@acme.example' }],
  });
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-dash-api-'));
  const config = testConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dir,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: peer.url,
  });
  app = await buildApp({ config, database: db, logger: createLogger('silent') } as Parameters<
    typeof buildApp
  >[0]);
  token = (await createToken(db.db, 'test', { name: 'admin', role: 'admin' })).token;
  slackWs = await seedCampaign(db.db, ['reviewer@acme.example']);
});

afterAll(async () => {
  await app?.close();
  await peer?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Slack doctor and test message', () => {
  it('names the scopes a limited token lacks, the unreachable reviewer and the fix', async () => {
    peer.setScopes(LIMITED_SCOPES);
    const res = await call('GET', `/workspaces/${slackWs.workspaceId}/slack/doctor`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ configured: true, tokenSource: 'SLACK_BOT_TOKEN', ok: false });
    expect(res.json.grantedScopes).toEqual(LIMITED_SCOPES);
    expect(res.json.missingScopes).toEqual(['im:write', 'users:read', 'users:read.email']);
    expect(res.json.fix).toMatch(/users:read\.email/);
    expect(res.json.fix).not.toMatch(/conversations:write/);
    expect(res.json.report.reviewers).toEqual([
      expect.objectContaining({
        target: 'reviewer@acme.example',
        reachable: false,
        code: 'missing_scope',
        campaigns: ['Spring outreach'],
      }),
    ]);
    expect(res.json.summary).toBe('1 of 1 reviewer(s) cannot be reached in Slack');
  });

  it("returns Slack's missing_scope with the needed scope, and sends once the scopes are there", async () => {
    peer.setScopes(LIMITED_SCOPES);
    const url = `/workspaces/${slackWs.workspaceId}/slack/test-message`;
    const refused = await call('POST', url, { to: 'reviewer@acme.example', text: 'Test one' });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({
      ok: false,
      method: 'dm_by_email',
      error: { method: 'users.lookupByEmail', code: 'missing_scope', needed: 'users:read.email' },
    });
    expect(peer.posted.some((m) => m.text === 'Test one')).toBe(false);

    peer.setScopes(FULL_SCOPES);
    const sent = await call('POST', url, { to: 'reviewer@acme.example', text: 'Test two' });
    expect(sent.json).toMatchObject({ ok: true, method: 'dm_by_email', error: null });
    expect(peer.posted.find((m) => m.text === 'Test two')?.user).toBe('U0REVIEW1');
    const doctor = await call('GET', `/workspaces/${slackWs.workspaceId}/slack/doctor`);
    expect(doctor.json).toMatchObject({ ok: true, missingScopes: [], fix: null });
  });

  it('says why a stored workspace token cannot be used, instead of a server error', async () => {
    const other = await seedCampaign(db.db, ['reviewer@acme.example'], 'Locked');
    await db.db
      .update(workspaces)
      .set({ slackBotTokenEncrypted: 'v1:sealed-elsewhere' })
      .where(eq(workspaces.id, other.workspaceId));
    const res = await call('GET', `/workspaces/${other.workspaceId}/slack/doctor`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/AUTOSEND_SECRET_KEY/);
  });

  it('refuses a target that is no email, member or channel, naming the field', async () => {
    const res = await call('POST', `/workspaces/${slackWs.workspaceId}/slack/test-message`, {
      to: 'not a reviewer',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toHaveProperty('to');
  });
});

describe('skips and holds per reason', () => {
  it('counts each skipped reply once per reason and each hold by review reason, per day', async () => {
    const a = await seedWorkspace(db.db, 'Reasons');
    // A second event for the same skipped reply must not count it twice.
    await db.db.insert(decisionEvents).values({
      messageId: a.messageId,
      step: 'decide',
      outcome: 'skipped',
      reason: 'opt_out',
    });
    const campaign = { workspaceId: a.workspaceId, campaignId: a.campaignId };
    await seedReview(db.db, campaign);
    for (const ageDays of [0, 40]) {
      const held = await seedReview(db.db, campaign);
      await db.db
        .update(reviewRequests)
        .set({ reason: 'kill_switch', createdAt: new Date(Date.now() - ageDays * 86_400_000) })
        .where(eq(reviewRequests.id, held.reviewRequestId));
    }
    const res = await call('GET', `/workspaces/${a.workspaceId}/activity/reasons?days=7`);
    expect(res.status).toBe(200);
    expect(res.json.days).toBe(7);
    expect(res.json.skips.totals).toEqual({ opt_out: 1 });
    expect(res.json.holds.totals).toEqual({ below_threshold: 2, kill_switch: 1 });
    expect(res.json.holds.reasons).toEqual(['below_threshold', 'kill_switch']);
    expect(res.json.holds.days).toHaveLength(7);
    expect(res.json.holds.days.at(-1).total).toBe(3);

    const bad = await call('GET', `/workspaces/${a.workspaceId}/activity/reasons?days=0`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty('days');
  });
});

describe('activity summary', () => {
  const DAY = 86_400_000;

  /** `count` inbound replies of the workspace's lead, received `at`, each with a draft made then. */
  async function seedReplies(
    ws: { workspaceId: string; leadId: string },
    tag: string,
    at: Date,
    draftsOf: (i: number) => { status: 'sent' | 'rejected' | 'failed'; confidence: number | null },
    count: number,
  ) {
    const rows = await db.db
      .insert(messages)
      .values(
        Array.from({ length: count }, (_, i) => ({
          workspaceId: ws.workspaceId,
          leadId: ws.leadId,
          direction: 'inbound' as const,
          source: 'generic',
          providerMessageId: `${tag}-${i}`,
          threadKey: `${tag}-${i}`,
          fromEmail: 'lead@prospect.example',
          text: 'Sounds good',
          occurredAt: at,
        })),
      )
      .returning({ id: messages.id });
    await db.db.insert(drafts).values(
      rows.map((m, i) => ({
        messageId: m.id,
        body: 'Hi',
        model: 'offline',
        createdAt: at,
        ...draftsOf(i),
      })),
    );
    return rows.map((r) => r.id);
  }

  it('counts every reply and draft of the period exactly, beyond 200 rows, and only this workspace', async () => {
    // seedWorkspace adds a reply received in 2025 (outside) and a draft made now at 60 % with an open review.
    const a = await seedWorkspace(db.db, 'Volume');
    const now = new Date();
    const today = await seedReplies(
      a,
      'today',
      now,
      (i) =>
        i < 130
          ? { status: 'sent', confidence: 0.92 }
          : i < 230
            ? { status: 'rejected', confidence: 0.7 }
            : { status: 'failed', confidence: null },
      250,
    );
    // Backfill shadow drafts are comparisons, not decisions: left out of the histogram.
    await db.db.insert(drafts).values(
      today.slice(0, 3).map((messageId) => ({
        messageId,
        version: 2,
        body: 'Hi',
        model: 'offline',
        status: 'shadow' as const,
        confidence: 0.3,
      })),
    );
    await seedReplies(
      a,
      'three-days',
      new Date(now.getTime() - 3 * DAY),
      () => ({ status: 'sent', confidence: 0.55 }),
      2,
    );
    await seedReplies(
      a,
      'ten-days',
      new Date(now.getTime() - 10 * DAY),
      () => ({ status: 'sent', confidence: 0.15 }),
      5,
    );
    const b = await seedWorkspace(db.db, 'Elsewhere');
    await seedReplies(b, 'other', now, () => ({ status: 'sent', confidence: 0.05 }), 10);

    const res = await call('GET', `/workspaces/${a.workspaceId}/activity/summary?days=7`);
    expect(res.status).toBe(200);
    expect(res.json.days).toBe(7);
    expect(res.json.totals).toEqual({ replies: 252, sent: 132, held: 1, rejected: 100 });
    expect(res.json.perDay).toHaveLength(7);
    expect(res.json.perDay.at(-1)).toEqual({
      day: now.toISOString().slice(0, 10),
      replies: 250,
      sent: 130,
      held: 1,
      rejected: 100,
    });
    expect(res.json.perDay.at(-4)).toMatchObject({ replies: 2, sent: 2, held: 0, rejected: 0 });
    expect(res.json.from).toBe(res.json.perDay[0].day);
    expect(res.json.confidence.buckets.map((bucket: { count: number }) => bucket.count)).toEqual([
      0, 0, 0, 0, 0, 2, 1, 100, 0, 130,
    ]);
    expect(res.json.confidence.total).toBe(233);

    // A longer period takes in the older replies too.
    const month = await call('GET', `/workspaces/${a.workspaceId}/activity/summary?days=30`);
    expect(month.json.perDay).toHaveLength(30);
    expect(month.json.totals).toEqual({ replies: 257, sent: 137, held: 1, rejected: 100 });
    expect(month.json.confidence.buckets[1].count).toBe(5);

    const bad = await call('GET', `/workspaces/${a.workspaceId}/activity/summary?days=91`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty('days');
  });
});

describe('follow-ups list and backfill log', () => {
  it('says what each paused follow-up waits for, with its campaign', async () => {
    const a = await seedWorkspace(db.db, 'Nudges');
    const res = await call('GET', `/workspaces/${a.workspaceId}/followups?status=paused`);
    expect(res.json.items).toEqual([
      expect.objectContaining({
        id: a.followupId,
        campaignId: a.campaignId,
        pauseReason: 'lead_replied',
        meaning: expect.stringMatching(/active conversation/),
      }),
    ]);
  });

  it("returns a run's log, and says so when the file is not on this server", async () => {
    const a = await seedWorkspace(db.db, 'Logs');
    const logPath = path.join(dir, 'backfill-test.log');
    await writeFile(logPath, 'line one\nline two\n');
    const [run] = await db.db
      .insert(backfillRuns)
      .values({ workspaceId: a.workspaceId, mode: 'shadow', status: 'completed', logPath })
      .returning();
    const res = await call('GET', `/workspaces/${a.workspaceId}/backfills/${run!.id}/log`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ text: 'line one\nline two\n', truncated: false, size: 18 });

    const [gone] = await db.db
      .insert(backfillRuns)
      .values({
        workspaceId: a.workspaceId,
        mode: 'shadow',
        status: 'completed',
        logPath: path.join(dir, 'missing.log'),
      })
      .returning();
    const missing = await call('GET', `/workspaces/${a.workspaceId}/backfills/${gone!.id}/log`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toMatch(/not on this server's disk/);
  });
});
