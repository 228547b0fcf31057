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
 * How every worker fetches: one loop per queue taking up to `concurrency`
 * jobs at a time, run in parallel and settled one by one (`perJobResults`).
 * A full batch means a backlog, so the loop fetches again at once
 * (`burstWhenBatchFull`); new jobs wake an idle loop through NOTIFY; delayed
 * jobs (startAfter) are found by the 2 s poll. pg-boss otherwise fetches one
 * job per poll interval per loop, which caps a worker at a few jobs a second.
 * Exported so the benchmark's no-op baseline runs with exactly these settings.
 */
export function workOptions(concurrency: number) {
  return {
    localConcurrency: 1,
    batchSize: concurrency,
    burstWhenBatchFull: concurrency > 1,
    perJobResults: true,
    pollingIntervalSeconds: 2,
    notifyPollingIntervalSeconds: 2,
  } as const;
}

type Settled = { id: string; status: 'completed' | 'failed'; output?: unknown };

/**
 * Registers a handler per queue. A payload that fails its schema, or a
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
  for (const name of queues) {
    const handler = handlers[name] as JobHandler<typeof name>;
    const retryLimit = queuePolicies[name].retryLimit;
    const runOne = async (job: Job<unknown>): Promise<Settled> => {
      const log = logger.child({ queue: name, jobId: job.id, retry: job.retryCount });
      const parsed = jobPayloads[name].safeParse(job.data);
      if (!parsed.success) {
        log.error({ issues: parsed.error.issues }, 'job payload invalid; not retried');
        return {
          id: job.id,
          status: 'completed',
          output: { failed: 'validation_failed', issues: parsed.error.issues },
        };
      }
      try {
        const output = await handler(parsed.data as never, {
          id: job.id,
          retryCount: job.retryCount,
          retryLimit,
          signal: job.signal,
        });
        return { id: job.id, status: 'completed', output: output ?? null };
      } catch (thrown) {
        const error = asAutosendError(thrown);
        if (!error.retryable) {
          log.error({ err: error, code: error.code }, 'job failed permanently; not retried');
          return {
            id: job.id,
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
          id: job.id,
          status: 'failed',
          output: { code: error.code, message: error.message },
        };
      }
    };
    await queue.boss.work(name, workOptions(options.concurrency), (jobs: Job<unknown>[]) =>
      Promise.all(jobs.map(runOne)),
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
