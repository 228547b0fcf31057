import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reviewOutcomes, reviewRequests, workspaces } from '../../src/db/schema.ts';
import { type AppDeps, buildApp } from '../../src/http/app.ts';
import { registerSlackInteractionRoutes } from '../../src/http/routes/slack-interactions.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { notifyReviewers } from '../../src/slack/notify-reviewers.ts';
import { sealSecret } from '../../src/slack/secret-box.ts';
import { signSlackRequest } from '../../src/slack/verify-slack-signature.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import {
  captureLogger,
  FULL_SCOPES,
  seedCampaign,
  seedReview,
  TOKEN,
  testConfig,
} from './slack-fixtures.ts';

const SECRET = 'signing-secret-of-the-test-app';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

let peer: SlackPeer;
let db: TestDatabase;
let app: FastifyInstance;
const enqueued: { name: string; payload: unknown }[] = [];
const queue = {
  async enqueue(name: string, payload: unknown) {
    enqueued.push({ name, payload });
    return 'job';
  },
} as unknown as JobQueue;

beforeAll(async () => {
  peer = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    users: [
      { id: 'U0ANNA', email: 'anna@acme.example' },
      { id: 'U0EVE', email: 'eve@acme.example' },
    ],
  });
  db = await createTestDatabase();
  const { logger } = captureLogger();
  const config = testConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: peer.url,
    SLACK_SIGNING_SECRET: SECRET,
  });
  app = Fastify();
  registerSlackInteractionRoutes(app, { database: db, queue, config, logger, now: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await peer?.close();
  await db?.drop();
});

/**
 * Notifies Anna of a fresh review and returns the payload Slack sends for a
 * click on Approve, or for a choice in the Reject menu (a static_select:
 * `selected_option` carries the chosen option, as Slack documents).
 */
async function clickPayload(which: 'approve' | 'reject', reason = 'other') {
  const { logger } = captureLogger();
  const config = testConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: peer.url,
    SLACK_SIGNING_SECRET: SECRET,
  });
  const review = await seedReview(db.db, await seedCampaign(db.db, ['anna@acme.example']));
  await notifyReviewers({ db: db.db, config, logger }, review.reviewRequestId);
  const posted = peer.posted.find((m) => m.text.includes(review.reviewRequestId))!;
  const actions = (
    posted.blocks as {
      type: string;
      elements?: {
        type: string;
        action_id: string;
        value?: string;
        options?: { text: { text: string }; value: string }[];
      }[];
    }[]
  ).find((b) => b.type === 'actions')!;
  const element = actions.elements!.find((e) => e.action_id.startsWith(`review_${which}:`))!;
  const option = element.options?.find((o) => o.value === reason);
  const action =
    element.type === 'static_select'
      ? {
          type: 'static_select',
          action_id: element.action_id,
          block_id: `review:${review.reviewRequestId}`,
          // An option the message never offered (a forged or stale value) is sent as given.
          selected_option: option ?? { text: { type: 'plain_text', text: reason }, value: reason },
          action_ts: '1764158400.000100',
        }
      : { type: 'button', action_id: element.action_id, value: element.value };
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ANNA' },
    container: { type: 'message', channel_id: posted.channel, message_ts: posted.ts },
    channel: { id: posted.channel },
    message: { ts: posted.ts, text: posted.text, blocks: posted.blocks },
    actions: [action],
  };
  return { review, posted, body: `payload=${encodeURIComponent(JSON.stringify(payload))}` };
}

function post(body: string, options: { timestamp?: number; secret?: string } = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(NOW / 1000));
  return app.inject({
    method: 'POST',
    url: '/slack/interactions',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackRequest(options.secret ?? SECRET, timestamp, body),
    },
    payload: body,
  });
}

const statusOf = async (id: string) =>
  (await db.db.select().from(reviewRequests).where(eq(reviewRequests.id, id)))[0]!;

describe('POST /slack/interactions', () => {
  it('a validly signed Approve approves the review and updates the Slack message', async () => {
    const { review, posted, body } = await clickPayload('approve');
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, outcome: 'approved', updatedMessages: 1 });
    expect(await statusOf(review.reviewRequestId)).toMatchObject({
      status: 'approved',
      decidedBy: 'slack:U0ANNA',
    });
    expect(
      enqueued.some(
        (j) =>
          j.name === 'reply.send' && (j.payload as { draftId: string }).draftId === review.draftId,
      ),
    ).toBe(true);
    const update = peer.updated.find((m) => m.ts === posted.ts)!;
    expect(update.text).toMatch(/^Approved by <@U0ANNA> at 2026-11-26 12:00 UTC/);
    expect(JSON.stringify(update.blocks)).not.toContain('review_approve');

    // A second click is refused (already decided) without touching the review again.
    const again = await post(body);
    expect(again.json()).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('a validly signed Reject rejects the review', async () => {
    const { review, body } = await clickPayload('reject');
    const res = await post(body);
    expect(res.json()).toMatchObject({ ok: true, outcome: 'rejected' });
    expect((await statusOf(review.reviewRequestId)).status).toBe('rejected');
  });

  it('the reason picked in the Reject menu is the outcome recorded for calibration', async () => {
    const { review, posted, body } = await clickPayload('reject', 'wrong_tone');
    // The menu offers every reason by a label a reviewer reads.
    expect(JSON.stringify(posted.blocks)).toContain('"text":"Reject: wrong tone"');
    const res = await post(body);
    expect(res.json()).toMatchObject({ ok: true, outcome: 'rejected' });
    const [outcome] = await db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.draftId, review.draftId));
    expect(outcome).toMatchObject({ outcome: 'rejected', rejectReason: 'wrong_tone' });
    expect(await statusOf(review.reviewRequestId)).toMatchObject({
      status: 'rejected',
      decidedBy: 'slack:U0ANNA',
    });
    const update = peer.updated.find((m) => m.ts === posted.ts)!;
    expect(update.text).toMatch(/^Rejected by <@U0ANNA>/);
  });

  it('a reject reason outside the short list is refused, naming the field, and the review stays open', async () => {
    const { review, body } = await clickPayload('reject', 'too_expensive');
    const res = await post(body);
    expect(res.json()).toMatchObject({ ok: false, error: 'validation_failed' });
    expect(res.json().message).toContain('unknown reject reason too_expensive');
    expect((await statusOf(review.reviewRequestId)).status).toBe('open');
    const outcomes = await db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.draftId, review.draftId));
    expect(outcomes).toEqual([]);
  });

  it('refuses a stale request (older than five minutes), changing nothing', async () => {
    const { review, body } = await clickPayload('approve');
    const res = await post(body, { timestamp: Math.floor(NOW / 1000) - 301 });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ reason: 'stale' });
    expect((await statusOf(review.reviewRequestId)).status).toBe('open');
  });

  it('refuses a forged signature, changing nothing', async () => {
    const { review, body } = await clickPayload('approve');
    const res = await post(body, { secret: 'not-the-secret' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ reason: 'bad_signature' });
    // A body changed after Slack signed it (approve turned into reject) fails the same check.
    const timestamp = String(Math.floor(NOW / 1000));
    const tampered = await app.inject({
      method: 'POST',
      url: '/slack/interactions',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
      },
      payload: body.replaceAll('review_approve', 'review_reject'),
    });
    expect(tampered.statusCode).toBe(401);
    expect((await statusOf(review.reviewRequestId)).status).toBe('open');
  });

  it('is served by the service app, and refuses clicks while SLACK_SIGNING_SECRET is unset', async () => {
    const { logger } = captureLogger();
    const config = testConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: peer.url });
    // The service passes its config along with the other dependencies.
    const service = await buildApp({ database: db, queue, logger, config } as AppDeps);
    try {
      const { review, body } = await clickPayload('approve');
      const res = await service.inject({
        method: 'POST',
        url: '/slack/interactions',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: 'slack_not_configured' });
      expect((await statusOf(review.reviewRequestId)).status).toBe('open');
    } finally {
      await service.close();
    }
  });

  it('refuses an Approve from a Slack member who is not a reviewer, ephemerally, and audits it', async () => {
    // Slack's response_url, where the ephemeral answer goes.
    const answers: unknown[] = [];
    const hooks = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        answers.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    try {
      const { review, body } = await clickPayload('approve');
      const payload = JSON.parse(decodeURIComponent(body.slice('payload='.length)));
      payload.user = { id: 'U0EVE' };
      payload.response_url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/actions/1`;
      const res = await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      expect(res.json()).toMatchObject({
        ok: false,
        error: 'forbidden',
        message: 'you are not a reviewer of this campaign',
      });
      expect(await statusOf(review.reviewRequestId)).toMatchObject({ status: 'open' });
      expect(answers).toEqual([
        expect.objectContaining({
          response_type: 'ephemeral',
          replace_original: false,
          text: expect.stringContaining('you are not a reviewer of this campaign'),
        }),
      ]);
      const audits = await db.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, review.reviewRequestId));
      expect(audits).toMatchObject([{ actor: 'slack:U0EVE', action: 'review.click_refused' }]);
      // The reviewer's own click still works.
      expect((await post(body)).json()).toMatchObject({ ok: true, outcome: 'approved' });
    } finally {
      await new Promise((r) => hooks.close(r));
    }
  });

  it("identifies an email reviewer with the workspace's own Slack token when SLACK_BOT_TOKEN is unset", async () => {
    const KEY = 'slack-click-test-key-0123456789abcdefgh';
    const campaign = await seedCampaign(db.db, ['anna@acme.example']);
    await db.db
      .update(workspaces)
      .set({ slackBotTokenEncrypted: sealSecret(TOKEN, KEY) })
      .where(eq(workspaces.id, campaign.workspaceId));
    const review = await seedReview(db.db, campaign);
    const { logger } = captureLogger();
    const ownTokenOnly = Fastify();
    registerSlackInteractionRoutes(ownTokenOnly, {
      database: db,
      queue,
      config: testConfig({
        SLACK_API_URL: peer.url,
        SLACK_SIGNING_SECRET: SECRET,
        AUTOSEND_SECRET_KEY: KEY,
      }),
      logger,
      now: () => NOW,
    });
    await ownTokenOnly.ready();
    try {
      const click = (memberId: string) => {
        const body = `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'block_actions',
            user: { id: memberId },
            actions: [
              {
                action_id: `review_approve:${review.reviewRequestId}`,
                value: review.reviewRequestId,
              },
            ],
          }),
        )}`;
        const timestamp = String(Math.floor(NOW / 1000));
        return ownTokenOnly.inject({
          method: 'POST',
          url: '/slack/interactions',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': timestamp,
            'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
          },
          payload: body,
        });
      };
      expect((await click('U0EVE')).json()).toMatchObject({ ok: false, error: 'forbidden' });
      expect((await click('U0ANNA')).json()).toMatchObject({ ok: true, outcome: 'approved' });
      expect(await statusOf(review.reviewRequestId)).toMatchObject({
        status: 'approved',
        decidedBy: 'slack:U0ANNA',
      });
    } finally {
      await ownTokenOnly.close();
    }
  });
});
