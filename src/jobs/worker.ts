import type { Job } from 'pg-boss';
import { asAutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from './job-queue.ts';
import {
  type JobPayload,
  jobPayloads,
  QUEUE_NAMES,
  type QueueName,
  queuePolicies,
} from './queues.ts';

export interface JobInfo {
  id: string;
  /** Retries before this attempt (0 on the first). */
  retryCount: number;
  /** Retries the queue allows: `retryCount >= retryLimit` is the last attempt. */
  retryLimit: number;
  signal: AbortSignal;
}

export type JobHandler<Q extends QueueName> = (
  payload: JobPayload<Q>,
  job: JobInfo,
) => Promise<unknown>;

export type JobHandlers = { [Q in QueueName]?: JobHandler<Q> };

export interface Worker {
  queues: QueueName[];
  /** Stops fetching, waits for in-flight jobs (up to the timeout), then closes the queue. */
  drain(timeoutMs: number): Promise<void>;
}

/**
 * Registers a handler per queue. A payload that fails its schema, or a
 * permanent error, ends the job at once with the reason as its output (it
 * would fail the same way on every retry); a retryable error is rethrown so
 * pg-boss retries with backoff.
 */
export async function startWorker(options: {
  queue: JobQueue;
  handlers: JobHandlers;
  concurrency: number;
  logger: Logger;
}): Promise<Worker> {
  const { queue, handlers, logger } = options;
  const queues = QUEUE_NAMES.filter((name) => handlers[name]);
  for (const name of queues) {
    const handler = handlers[name] as JobHandler<typeof name>;
    await queue.boss.work(
      name,
      { localConcurrency: options.concurrency, pollingIntervalSeconds: 1 },
      async ([job]: Job<unknown>[]) => {
        if (!job) return;
        const log = logger.child({ queue: name, jobId: job.id, retry: job.retryCount });
        const parsed = jobPayloads[name].safeParse(job.data);
        if (!parsed.success) {
          log.error({ issues: parsed.error.issues }, 'job payload invalid; not retried');
          return { failed: 'validation_failed', issues: parsed.error.issues };
        }
        const retryLimit = queuePolicies[name].retryLimit;
        try {
          return await handler(parsed.data as never, {
            id: job.id,
            retryCount: job.retryCount,
            retryLimit,
            signal: job.signal,
          });
        } catch (thrown) {
          const error = asAutosendError(thrown);
          if (!error.retryable) {
            log.error({ err: error, code: error.code }, 'job failed permanently; not retried');
            return { failed: error.code, message: error.message };
          }
          if (job.retryCount >= retryLimit) {
            // Never silent: the last attempt of a transient failure is an error
            // with the payload, and the job stays in pg-boss as failed.
            log.error(
              { err: error, code: error.code, payload: parsed.data, attempts: job.retryCount + 1 },
              'job failed on its last attempt; no more retries',
            );
          } else {
            log.warn({ err: error, code: error.code }, 'job failed; will retry with backoff');
          }
          throw error;
        }
      },
    );
  }
  logger.info({ queues, concurrency: options.concurrency }, 'worker started');
  return {
    queues,
    async drain(timeoutMs) {
      await queue.stop({ graceful: true, timeoutMs });
    },
  };
}
