import type { WebClient } from '@slack/web-api';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobPayload } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { type ChannelPacer, makeChannelPacer } from './channel-pacer.ts';
import { makeEmailLookupCache } from './email-lookup-cache.ts';
import { makeSlackClient } from './make-slack-client.ts';
import { type NotifyResult, notifyReviewers } from './notify-reviewers.ts';

/** Counts per status, the job's output (visible in pg-boss). */
function summarize(result: NotifyResult) {
  const count = (s: string) => result.targets.filter((t) => t.status === s).length;
  return {
    open: result.open,
    sent: count('sent'),
    failed: count('failed'),
    pending: count('pending'),
    skipped: count('skipped'),
  };
}

/**
 * The review.notify job. Permanent Slack failures are recorded and end the
 * job (they wait for a fix and `autosend slack retry`). A 429 re-enqueues the
 * job to start after Slack's Retry-After; other transient failures throw a
 * retryable slack_transient so pg-boss retries with backoff.
 */
export function makeReviewNotifyHandler(deps: {
  db: Db;
  config: Config;
  logger: Logger;
  queue: JobQueue;
  /** Override of the per-channel pacing (tests); default about one post per second per channel. */
  pacer?: ChannelPacer;
}) {
  // Shared by every job this process runs: the lookup cache, the per-channel pacing, one client per token.
  const cache = makeEmailLookupCache();
  const pacer = deps.pacer ?? makeChannelPacer();
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = makeSlackClient(token, { apiUrl: deps.config.slack.apiUrl });
      clients.set(token, client);
    }
    return client;
  };
  return async (payload: JobPayload<'review.notify'>) => {
    const result = await notifyReviewers(
      { db: deps.db, config: deps.config, logger: deps.logger, cache, pacer, clientFor },
      payload.reviewRequestId,
    );
    const summary = summarize(result);
    if (result.retryAfterSeconds !== undefined) {
      const startAfter = new Date(Date.now() + result.retryAfterSeconds * 1000);
      await deps.queue.enqueue(
        'review.notify',
        { reviewRequestId: payload.reviewRequestId },
        { startAfter },
      );
      deps.logger.warn(
        {
          reviewRequestId: payload.reviewRequestId,
          retryAfterSeconds: result.retryAfterSeconds,
          ...summary,
        },
        'Slack rate limit: review notification rescheduled after Retry-After',
      );
      return { ...summary, rescheduledAt: startAfter.toISOString() };
    }
    if (result.transient) {
      throw new AutosendError(
        'slack_transient',
        'Slack was unreachable for some reviewers; retrying',
        {
          details: { reviewRequestId: payload.reviewRequestId, ...summary },
        },
      );
    }
    return summary;
  };
}
