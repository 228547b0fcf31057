import type { Job } from 'pg-boss';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { jobPayloads, queuePolicies } from '../../src/jobs/queues.ts';
import type { JobHandler } from '../../src/jobs/worker.ts';

/**
 * The worker as it was before continuous fetching, kept only as the bench's
 * baseline: fetch a batch of `concurrency` jobs, run them in parallel, and
 * fetch again only when the whole batch has settled.
 */
export async function startBatchWorker(
  queue: JobQueue,
  handler: JobHandler<'inbound.process'>,
  concurrency: number,
): Promise<void> {
  const retryLimit = queuePolicies['inbound.process'].retryLimit;
  await queue.boss.work(
    'inbound.process',
    {
      localConcurrency: 1,
      batchSize: concurrency,
      burstWhenBatchFull: concurrency > 1,
      perJobResults: true,
      pollingIntervalSeconds: 2,
    },
    (jobs: Job<unknown>[]) =>
      Promise.all(
        jobs.map(async (job) => {
          try {
            const payload = jobPayloads['inbound.process'].parse(job.data);
            const output = await handler(payload, {
              id: job.id,
              retryCount: job.retryCount,
              retryLimit,
              signal: job.signal,
            });
            return { id: job.id, status: 'completed' as const, output: output ?? null };
          } catch (error) {
            return { id: job.id, status: 'failed' as const, output: { message: String(error) } };
          }
        }),
      ),
  );
}
