import { z } from 'zod';

/**
 * Every queue and the payload its jobs carry: one map, validated with zod when
 * a job is taken off the queue.
 */
export const jobPayloads = {
  'inbound.process': z.object({ messageId: z.uuid() }),
  'reply.send': z.object({ draftId: z.uuid() }),
  'followup.tick': z.object({ workspaceId: z.uuid().optional() }),
  'availability.refresh': z.object({ workspaceId: z.uuid() }),
  'review.notify': z.object({ reviewRequestId: z.uuid() }),
  'platform.reconcile': z.object({ workspaceId: z.uuid().optional() }),
  'outcomes.tick': z.object({}),
  'retention.purge': z.object({}),
} as const;

export type QueueName = keyof typeof jobPayloads;
export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;

export const QUEUE_NAMES = Object.keys(jobPayloads) as QueueName[];

/** Retry policy per queue: transient failures back off; permanent ones fail at once (see errors.ts). */
export const queuePolicies: Record<
  QueueName,
  { retryLimit: number; retryDelay: number; expireInSeconds: number }
> = {
  'inbound.process': { retryLimit: 5, retryDelay: 10, expireInSeconds: 15 * 60 },
  // A send is never blindly retried by the queue: reply.send decides from the ledger.
  'reply.send': { retryLimit: 3, retryDelay: 30, expireInSeconds: 10 * 60 },
  'followup.tick': { retryLimit: 2, retryDelay: 60, expireInSeconds: 10 * 60 },
  'availability.refresh': { retryLimit: 3, retryDelay: 30, expireInSeconds: 5 * 60 },
  // Transient Slack failures retry with backoff; permanent ones wait for `slack retry`.
  'review.notify': { retryLimit: 8, retryDelay: 5, expireInSeconds: 5 * 60 },
  // The next scheduled run is the retry: failures are recorded per connection.
  'platform.reconcile': { retryLimit: 0, retryDelay: 60, expireInSeconds: 10 * 60 },
  // no_reply outcomes and breaker checks; the next tick is the retry.
  'outcomes.tick': { retryLimit: 0, retryDelay: 60, expireInSeconds: 10 * 60 },
  // Batches commit one by one; the next hourly run continues where this one stopped.
  'retention.purge': { retryLimit: 0, retryDelay: 60, expireInSeconds: 30 * 60 },
};
