import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDeliveries, reviewNotifications } from '../../src/db/schema.ts';
import { AutosendError } from '../../src/errors.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { makeChannelPacer } from '../../src/slack/channel-pacer.ts';
import { makeReviewNotifyHandler } from '../../src/slack/review-notify-job.ts';
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

let peer: SlackPeer;
let db: TestDatabase;
beforeAll(async () => {
  peer = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    users: [
      { id: 'U0ANNA', email: 'anna@acme.example' },
      { id: 'U0BEN', email: 'ben@acme.example' },
    ],
  });
  db = await createTestDatabase();
});
afterAll(async () => {
  await peer?.close();
  await db?.drop();
});

/** Stands in for pg-boss: records what the handler re-enqueues. */
function recordingQueue() {
  const enqueued: { reviewRequestId: string; startAfter: Date | undefined }[] = [];
  const queue = {
    async enqueue(
      _name: string,
      payload: { reviewRequestId: string },
      options: { startAfter?: Date } = {},
    ) {
      enqueued.push({ reviewRequestId: payload.reviewRequestId, startAfter: options.startAfter });
      return 'job';
    },
  } as unknown as JobQueue;
  return { queue, enqueued };
}

describe('a 429 storm', () => {
  it('loses no notification and DMs each reviewer once per review, with two notifiers racing', async () => {
    const campaign = await seedCampaign(db.db, ['anna@acme.example', 'U0BEN']);
    const reviews: string[] = [];
    for (let i = 0; i < 50; i++) reviews.push((await seedReview(db.db, campaign)).reviewRequestId);

    // Every second post and every third lookup answers 429 for a while.
    peer.rateLimit({ method: 'chat.postMessage', count: 60, every: 2, retryAfterSeconds: 0 });
    peer.rateLimit({ method: 'users.lookupByEmail', count: 10, every: 3, retryAfterSeconds: 0 });

    const { queue, enqueued } = recordingQueue();
    const { logger } = captureLogger();
    const config = testConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: peer.url });
    const pacer = makeChannelPacer({ intervalMs: 0 });
    // Two workers (processes) with their own caches, as in production.
    const workers = [1, 2].map(() =>
      makeReviewNotifyHandler({ db: db.db, config, logger, queue, pacer }),
    );

    let jobs = reviews.flatMap((id) => [
      { id, worker: 0 },
      { id, worker: 1 },
    ]);
    let rounds = 0;
    let rescheduled = 0;
    while (jobs.length) {
      expect(++rounds).toBeLessThan(40);
      const batch = jobs;
      jobs = [];
      await Promise.all(
        batch.map(async ({ id, worker }) => {
          try {
            await workers[worker]!({ reviewRequestId: id });
          } catch (error) {
            // What pg-boss does with a retryable error: run the job again later.
            if (error instanceof AutosendError && error.retryable) jobs.push({ id, worker });
            else throw error;
          }
        }),
      );
      const again = enqueued.splice(0);
      rescheduled += again.length;
      for (const job of again) jobs.push({ id: job.reviewRequestId, worker: rounds % 2 });
    }

    const claims = await db.db
      .select()
      .from(reviewNotifications)
      .where(inArray(reviewNotifications.reviewRequestId, reviews));
    expect(claims).toHaveLength(100);
    expect(claims.every((c) => c.status === 'sent' && c.providerTs)).toBe(true);

    const posts = peer.posted.filter((m) => reviews.some((id) => m.text.includes(id)));
    expect(posts).toHaveLength(100);
    const perReviewer = new Map<string, number>();
    for (const m of posts) {
      const id = reviews.find((r) => m.text.includes(r))!;
      const key = `${id}:${m.user}`;
      perReviewer.set(key, (perReviewer.get(key) ?? 0) + 1);
    }
    expect(perReviewer.size).toBe(100);
    expect([...perReviewer.values()].every((n) => n === 1)).toBe(true);

    const rows = await db.db
      .select()
      .from(notificationDeliveries)
      .where(inArray(notificationDeliveries.reviewRequestId, reviews));
    const limited = peer.calls.filter((c) => c.status === 429).length;
    expect(limited).toBeGreaterThanOrEqual(60); // all 60 posts limited, plus lookups the caches did not absorb
    expect(rows.filter((r) => r.ok)).toHaveLength(100);
    expect(rows.filter((r) => !r.ok).every((r) => r.errorCode === 'ratelimited')).toBe(true);
    expect(rows.filter((r) => !r.ok)).toHaveLength(limited);
    expect(rescheduled).toBeGreaterThan(0);
  });

  it('a network failure is retryable: the job throws slack_transient and the claim stays pending', async () => {
    const down = await startSlackPeer({ token: TOKEN, scopes: FULL_SCOPES });
    const url = down.url;
    await down.close(); // nothing listens there any more
    const review = await seedReview(db.db, await seedCampaign(db.db, ['U0BEN']));
    const { queue } = recordingQueue();
    const { logger } = captureLogger();
    const handler = makeReviewNotifyHandler({
      db: db.db,
      config: testConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: url }),
      logger,
      queue,
    });
    const error = await handler({ reviewRequestId: review.reviewRequestId }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AutosendError);
    expect(error).toMatchObject({ code: 'slack_transient', retryable: true });
    const claims = await db.db
      .select()
      .from(reviewNotifications)
      .where(inArray(reviewNotifications.reviewRequestId, [review.reviewRequestId]));
    expect(claims).toMatchObject([{ status: 'pending', lastErrorCode: 'network', attempts: 1 }]);
  });
});
