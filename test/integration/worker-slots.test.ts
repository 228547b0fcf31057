import type { Job } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchContinuously } from '../../src/jobs/fetch-continuously.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { listenForJobs } from '../../src/jobs/listen-for-jobs.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
});

/** A promise with its resolve function, to hold a job open until the test lets it go. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('worker slots', () => {
  it('fetches the next job as soon as one of the in-flight jobs settles, while a slow one still runs', async () => {
    const name = 'test.slots';
    await queue.boss.createQueue(name);
    await queue.boss.insert(name, [{ data: { n: 1 } }, { data: { n: 2 } }, { data: { n: 3 } }]);
    const slow = gate();
    const thirdStarted = gate<number>();
    const started: number[] = [];
    const fetcher = fetchContinuously({
      boss: queue.boss,
      name,
      concurrency: 2,
      pollIntervalMs: 60_000,
      onError: (error) => {
        throw error;
      },
      run: async (job: Job<unknown>) => {
        const n = (job.data as { n: number }).n;
        started.push(n);
        if (started.length === 3) thirdStarted.open(n);
        // The first job fetched is the slow one; the others finish at once.
        if (started.length === 1) await slow.promise;
        return { status: 'completed', output: { n } };
      },
    });
    // With a batch barrier the third job would wait for the slow first one: this never resolves.
    await thirdStarted.promise;
    expect(started).toHaveLength(3);
    expect(fetcher.inFlight()).toBeGreaterThanOrEqual(1);
    slow.open();
    await fetcher.stop(5_000);
    const states = await Promise.all((await queue.boss.findJobs(name)).map((job) => job.state));
    expect(states).toEqual(['completed', 'completed', 'completed']);
  });

  it('on shutdown past the grace, aborts the running job and hands it back for a retry', async () => {
    const name = 'test.shutdown';
    await queue.boss.createQueue(name, { retryLimit: 3 });
    const [id] = [await queue.boss.send(name, {})];
    const running = gate();
    let aborted = false;
    const fetcher = fetchContinuously({
      boss: queue.boss,
      name,
      concurrency: 1,
      pollIntervalMs: 60_000,
      onError: () => {},
      run: (_job, signal) =>
        new Promise((resolve) => {
          running.open();
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve({ status: 'completed', output: {} });
          });
        }),
    });
    await running.promise;
    await fetcher.stop(0);
    expect(aborted).toBe(true);
    const job = await queue.boss.getJobById(name, id!);
    expect(job?.state).toBe('retry');
    expect(job?.output).toMatchObject({ failed: 'worker_shutdown' });
  });

  it('hears pg-boss announce a new job on the queue it landed on', async () => {
    const name = 'test.notify';
    await queue.boss.createQueue(name, { notify: true });
    const heard = gate<string>();
    const close = await listenForJobs(
      queue.boss,
      'pgboss',
      (queueName) => {
        if (queueName === name) heard.open(queueName);
      },
      () => {},
    );
    expect(close).not.toBeNull();
    await queue.boss.send(name, {});
    await expect(heard.promise).resolves.toBe(name);
    await close?.();
  });
});
