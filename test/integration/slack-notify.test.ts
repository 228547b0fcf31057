import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decisionEvents,
  notificationDeliveries,
  reviewNotifications,
  reviewRequests,
  workspaces,
} from '../../src/db/schema.ts';
import { notifyReviewers } from '../../src/slack/notify-reviewers.ts';
import { retryFailedNotifications } from '../../src/slack/retry-failed-notifications.ts';
import { sealSecret } from '../../src/slack/secret-box.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import {
  captureLogger,
  FULL_SCOPES,
  LIMITED_SCOPES,
  seedCampaign,
  seedReview,
  TOKEN,
  testConfig,
} from './slack-fixtures.ts';

const users = [
  { id: 'U0ANNA', email: 'anna@acme.example' },
  { id: 'U0BEN', email: 'ben@acme.example' },
  { id: 'U0NOTAB', email: 'notab@acme.example', messagesTab: false },
];
const channels = [{ id: 'C0REVIEWS', name: 'reviews' }];

let peer: SlackPeer;
let db: TestDatabase;
beforeAll(async () => {
  peer = await startSlackPeer({ token: TOKEN, scopes: FULL_SCOPES, users, channels });
  db = await createTestDatabase();
});
afterAll(async () => {
  await peer?.close();
  await db?.drop();
});

function deps(env: Record<string, string | undefined> = { SLACK_BOT_TOKEN: TOKEN }) {
  const { logger, lines } = captureLogger();
  return {
    deps: { db: db.db, config: testConfig({ SLACK_API_URL: peer.url, ...env }), logger },
    lines,
  };
}
const deliveries = (reviewRequestId: string) =>
  db.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.reviewRequestId, reviewRequestId))
    .orderBy(notificationDeliveries.attemptedAt);
const claims = (reviewRequestId: string) =>
  db.db
    .select()
    .from(reviewNotifications)
    .where(eq(reviewNotifications.reviewRequestId, reviewRequestId));
const postsFor = (reviewRequestId: string) =>
  peer.posted.filter((m) => m.text.includes(reviewRequestId));

describe('review notifications in Slack', () => {
  it('DMs a reviewer found by email, once, with the review in the message', async () => {
    peer.setScopes(FULL_SCOPES);
    const review = await seedReview(db.db, await seedCampaign(db.db, ['anna@acme.example']));
    const { deps: d } = deps();
    const result = await notifyReviewers(d, review.reviewRequestId);
    expect(result.targets).toMatchObject([{ target: 'anna@acme.example', status: 'sent' }]);

    const [post] = postsFor(review.reviewRequestId);
    expect(post).toMatchObject({ channel: 'D0ANNA', user: 'U0ANNA' });
    expect(post!.text).toContain('Dana <');
    expect(post!.text).toContain('Prospect Co');
    expect(post!.text).toContain('Campaign: Spring outreach');
    expect(post!.text).toContain('72% vs gate 85%');
    expect(post!.text).toContain(`https://autosend.example/reviews/${review.reviewRequestId}`);
    const blocks = JSON.stringify(post!.blocks);
    expect(blocks).toContain('what does it cost?');
    expect(blocks).not.toContain('Hi Dana\\n'); // the quoted thread is cut off
    expect(blocks).toContain('price not in the campaign knowledge');
    expect(blocks).toContain('unknown_price');

    expect(await deliveries(review.reviewRequestId)).toMatchObject([
      {
        target: 'anna@acme.example',
        method: 'dm_by_email',
        ok: true,
        providerChannel: 'D0ANNA',
        providerTs: post!.ts,
        errorCode: null,
      },
    ]);
    expect(await claims(review.reviewRequestId)).toMatchObject([
      { status: 'sent', method: 'dm_by_email', providerTs: post!.ts, attempts: 1 },
    ]);
    const events = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, review.messageId));
    expect(events).toMatchObject([
      {
        step: 'notify',
        outcome: 'sent',
        detail: { target: 'anna@acme.example', method: 'dm_by_email' },
      },
    ]);

    // A second run (another process, a retried job) does not DM again.
    const again = await notifyReviewers(d, review.reviewRequestId);
    expect(again.targets).toMatchObject([{ status: 'skipped' }]);
    expect(postsFor(review.reviewRequestId)).toHaveLength(1);
  });

  it('posts to the member id when the DM cannot be opened (no im:write) and records that path', async () => {
    peer.setScopes(['users:read', 'users:read.email', 'chat:write']);
    const review = await seedReview(
      db.db,
      await seedCampaign(db.db, ['ben@acme.example', 'notab@acme.example']),
    );
    const { deps: d, lines } = deps();
    const result = await notifyReviewers(d, review.reviewRequestId);
    expect(result.targets.map((t) => [t.target, t.status])).toEqual([
      ['ben@acme.example', 'sent'],
      ['notab@acme.example', 'failed'],
    ]);
    const rows = await deliveries(review.reviewRequestId);
    expect(rows.find((r) => r.target === 'ben@acme.example')).toMatchObject({
      method: 'post_to_member_id',
      ok: true,
      neededScopes: 'im:write',
      providerChannel: 'D0BEN',
    });
    expect(rows.find((r) => r.target === 'notab@acme.example')).toMatchObject({
      method: 'post_to_member_id',
      ok: false,
      errorCode: 'messages_tab_disabled',
    });
    expect(
      lines.some(
        (l) => l.level === 40 && String(l.msg).includes('posted to the member id instead'),
      ),
    ).toBe(true);
  });

  it('posts to a public channel with chat:write.public', async () => {
    peer.setScopes(LIMITED_SCOPES);
    const review = await seedReview(db.db, await seedCampaign(db.db, ['#reviews']));
    const { deps: d } = deps();
    await notifyReviewers(d, review.reviewRequestId);
    expect(postsFor(review.reviewRequestId)).toMatchObject([{ channel: 'C0REVIEWS' }]);
    expect(await deliveries(review.reviewRequestId)).toMatchObject([
      { method: 'channel', ok: true, providerChannel: 'C0REVIEWS' },
    ]);
  });

  it('records a missing scope loudly, keeps the review open, and `slack retry` sends once fixed', async () => {
    peer.setScopes(LIMITED_SCOPES);
    const review = await seedReview(db.db, await seedCampaign(db.db, ['anna@acme.example']));
    const { deps: d, lines } = deps();
    const result = await notifyReviewers(d, review.reviewRequestId);
    expect(result.targets).toMatchObject([{ status: 'failed' }]);
    expect(await deliveries(review.reviewRequestId)).toMatchObject([
      {
        method: 'dm_by_email',
        ok: false,
        errorCode: 'missing_scope',
        neededScopes: 'users:read.email',
        providedScopes: LIMITED_SCOPES.join(','),
      },
    ]);
    const error = lines.find((l) => l.level === 50);
    expect(error).toMatchObject({
      code: 'missing_scope',
      missingScopes: 'users:read.email',
      target: 'anna@acme.example',
    });
    expect(String(error!.msg)).toContain('missing scopes: users:read.email');
    const [rr] = await db.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.id, review.reviewRequestId));
    expect(rr!.status).toBe('open');

    // The job does not loop on it: another run leaves the failed claim alone.
    expect((await notifyReviewers(d, review.reviewRequestId)).targets).toMatchObject([
      { status: 'skipped' },
    ]);

    peer.setScopes(FULL_SCOPES);
    const retried = await retryFailedNotifications(d);
    expect(
      retried.find((r) => r.reviewRequestId === review.reviewRequestId)?.targets,
    ).toMatchObject([{ status: 'sent' }]);
    expect(postsFor(review.reviewRequestId)).toHaveLength(1);
    expect(await claims(review.reviewRequestId)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('records a revoked token as a permanent failure', async () => {
    const revokedPeer = await startSlackPeer({ token: TOKEN, scopes: FULL_SCOPES, users });
    try {
      revokedPeer.revoke();
      const review = await seedReview(
        db.db,
        await seedCampaign(db.db, ['anna@acme.example', 'U0BEN']),
      );
      const { deps: d } = deps({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: revokedPeer.url });
      const result = await notifyReviewers(d, review.reviewRequestId);
      expect(result.transient).toBe(false);
      expect(result.targets.map((t) => t.status)).toEqual(['failed', 'failed']);
      expect((await deliveries(review.reviewRequestId)).map((r) => r.errorCode)).toEqual([
        'token_revoked',
        'token_revoked',
      ]);
    } finally {
      await revokedPeer.close();
    }
  });

  it('without a Slack token: a loud recorded failure, not silence; sent once a token is set', async () => {
    const review = await seedReview(db.db, await seedCampaign(db.db, ['ben@acme.example']));
    const { deps: d, lines } = deps({ SLACK_BOT_TOKEN: undefined });
    const result = await notifyReviewers(d, review.reviewRequestId);
    expect(result.targets).toMatchObject([{ status: 'failed' }]);
    expect(await deliveries(review.reviewRequestId)).toMatchObject([
      { ok: false, errorCode: 'slack_not_configured', method: 'dm_by_email' },
    ]);
    expect(lines.some((l) => l.level === 50 && l.code === 'slack_not_configured')).toBe(true);

    peer.setScopes(FULL_SCOPES);
    const { deps: configured } = deps();
    await retryFailedNotifications(configured);
    expect(postsFor(review.reviewRequestId)).toHaveLength(1);
  });

  it('a campaign without reviewers is a recorded failure', async () => {
    const review = await seedReview(db.db, await seedCampaign(db.db, []));
    const { deps: d, lines } = deps();
    await notifyReviewers(d, review.reviewRequestId);
    expect(await deliveries(review.reviewRequestId)).toMatchObject([
      { ok: false, errorCode: 'no_reviewers', target: '(none)' },
    ]);
    expect(lines.some((l) => l.level === 50 && l.code === 'no_reviewers')).toBe(true);
    const events = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, review.messageId));
    expect(events).toMatchObject([{ step: 'notify', outcome: 'failed', reason: 'no_reviewers' }]);
  });

  it("uses a workspace's own encrypted token over SLACK_BOT_TOKEN", async () => {
    const key = 's'.repeat(40);
    const wsPeer = await startSlackPeer({
      token: 'xoxb-workspace-token',
      scopes: FULL_SCOPES,
      users,
    });
    try {
      const campaign = await seedCampaign(db.db, ['U0ANNA']);
      await db.db
        .update(workspaces)
        .set({ slackBotTokenEncrypted: sealSecret('xoxb-workspace-token', key) })
        .where(eq(workspaces.id, campaign.workspaceId));
      const review = await seedReview(db.db, campaign);
      const { deps: d } = deps({
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_API_URL: wsPeer.url,
        AUTOSEND_SECRET_KEY: key,
      });
      const result = await notifyReviewers(d, review.reviewRequestId);
      expect(result.targets).toMatchObject([{ status: 'sent' }]);
      expect(wsPeer.posted).toHaveLength(1);
    } finally {
      await wsPeer.close();
    }
  });
});
