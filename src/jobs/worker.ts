import type { Job } from 'pg-boss';
import { asAutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  type ContinuousFetcher,
  fetchContinuously,
  type JobOutcome,
} from './fetch-continuously.ts';
import type { JobQueue } from './job-queue.ts';
import { listenForJobs } from './listen-for-jobs.ts';
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

/** How often an idle queue is polled: NOTIFY wakes it sooner, delayed jobs (startAfter) wait for this. */
export const POLL_INTERVAL_MS = 2_000;

type Settled = JobOutcome;

/**
 * Runs a handler per queue, each with `concurrency` slots kept busy: a job is
 * fetched as soon as one settles (fetch-continuously.ts), new jobs wake an
 * idle queue through NOTIFY, and the 2 s poll finds delayed ones. A payload that fails its schema, or a
 * permanent error, ends the job at once with the reason as its output (it
 * would fail the same way on every retry); a retryable error fails the job so
 * pg-boss retries it with backoff.
 */
export async function startWorker(options: {
  queue: JobQueue;
  handlers: JobHandlers;
  concurrency: number;
  logger: Logger;
}): Promise<Worker> {
  const { queue, handlers, logger } = options;
  const queues = QUEUE_NAMES.filter((name) => handlers[name]);
  const fetchers = new Map<QueueName, ContinuousFetcher>();
  for (const name of queues) {
    const handler = handlers[name] as JobHandler<typeof name>;
    const retryLimit = queuePolicies[name].retryLimit;
    const runOne = async (job: Job<unknown>, signal: AbortSignal): Promise<Settled> => {
      const log = logger.child({ queue: name, jobId: job.id, retry: job.retryCount });
      const parsed = jobPayloads[name].safeParse(job.data);
      if (!parsed.success) {
        log.error({ issues: parsed.error.issues }, 'job payload invalid; not retried');
        return {
          status: 'completed',
          output: { failed: 'validation_failed', issues: parsed.error.issues },
        };
      }
      try {
        const output = await handler(parsed.data as never, {
          id: job.id,
          retryCount: job.retryCount,
          retryLimit,
          signal,
        });
        return { status: 'completed', output: output ?? null };
      } catch (thrown) {
        const error = asAutosendError(thrown);
        if (!error.retryable) {
          log.error({ err: error, code: error.code }, 'job failed permanently; not retried');
          return {
            status: 'completed',
            output: { failed: error.code, message: error.message },
          };
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
        return {
          status: 'failed',
          output: { code: error.code, message: error.message },
        };
      }
    };
    fetchers.set(
      name,
      fetchContinuously({
        boss: queue.boss,
        name,
        concurrency: options.concurrency,
        pollIntervalMs: POLL_INTERVAL_MS,
        run: runOne,
        onError: (error) => logger.error({ err: error, queue: name }, 'job fetch or settle failed'),
      }),
    );
  }
  const closeListener = await listenForJobs(
    queue.boss,
    'pgboss',
    (name) => fetchers.get(name as QueueName)?.wake(),
    () => {
      for (const fetcher of fetchers.values()) fetcher.wake();
    },
  ).catch((error: unknown) => {
    logger.warn(
      { err: error },
      'job NOTIFY listener unavailable; new jobs are found by the 2 s poll',
    );
    return null;
  });
  logger.info({ queues, concurrency: options.concurrency }, 'worker started');
  return {
    queues,
    async drain(timeoutMs) {
      await Promise.all([...fetchers.values()].map((f) => f.stop(timeoutMs)));
      await closeListener?.();
      await queue.stop({ graceful: true, timeoutMs });
    },
  };
}
