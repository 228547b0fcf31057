import type { Job } from 'pg-boss';
import { asAutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from './job-queue.ts';
import { type JobPayload, jobPayloads, QUEUE_NAMES, type QueueName } from './queues.ts';

export type JobHandler<Q extends QueueName> = (
  payload: JobPayload<Q>,
  job: { id: string; retryCount: number; signal: AbortSignal },
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
        try {
          return await handler(parsed.data as never, job);
        } catch (thrown) {
          const error = asAutosendError(thrown);
          if (!error.retryable) {
            log.error({ err: error, code: error.code }, 'job failed permanently; not retried');
            return { failed: error.code, message: error.message };
          }
          log.warn({ err: error, code: error.code }, 'job failed; will retry with backoff');
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
