import type { Job, PgBoss } from 'pg-boss';

/** What a job's run settles to: pg-boss completes or fails it with this output. */
export type JobOutcome = { status: 'completed' | 'failed'; output: unknown };

export interface ContinuousFetcher {
  /** Jobs running right now. */
  inFlight(): number;
  /** Fetch now instead of at the next poll (new jobs were announced). */
  wake(): void;
  /**
   * Stops fetching and waits for in-flight jobs up to `timeoutMs`; then aborts
   * the signal of those still running and fails them (`worker_shutdown`), so
   * they are retried by another worker instead of waiting for expiry.
   */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Keeps `concurrency` jobs of one queue running: whenever a slot frees, the
 * free slots are fetched at once (one `fetch` of that many jobs), so a slow job
 * never holds the others back (no batch barrier). A short fetch means the
 * queue is drained: the loop then waits for `wake()` (NOTIFY) or the poll.
 * Each job is completed or failed on its own as it settles.
 */
export function fetchContinuously(options: {
  boss: PgBoss;
  name: string;
  concurrency: number;
  pollIntervalMs: number;
  run: (job: Job<unknown>, signal: AbortSignal) => Promise<JobOutcome>;
  onError: (error: unknown) => void;
}): ContinuousFetcher {
  const { boss, name, concurrency, run, onError } = options;
  const running = new Map<
    string,
    { attempt: { id: string; retryCount: number }; abort: AbortController }
  >();
  const settling = new Set<Promise<void>>();
  let stopping = false;
  // One waiter at a time (the loop). `woken` remembers a wake() that came while
  // the loop was fetching, so it is not lost.
  let waiter: (() => void) | null = null;
  let woken = false;
  const release = () => {
    const resolve = waiter;
    waiter = null;
    resolve?.();
  };
  /** Resolves when a slot frees (or stop()). */
  const waitForSlot = () =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      waiter = resolve;
    });
  /** Resolves on wake(), a freed slot, stop(), or after `ms` (the poll). */
  const waitForWork = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(release, ms);
      waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const settle = async (job: Job<unknown>, outcome: JobOutcome) => {
    const entry = running.get(job.id);
    // Failed by stop() after its grace: no longer this worker's to settle.
    if (!entry) return;
    try {
      // With the attempt, pg-boss refuses to settle a job that expired and was claimed again.
      if (outcome.status === 'completed') {
        await boss.complete(name, entry.attempt, outcome.output as object);
      } else {
        await boss.fail(name, entry.attempt, outcome.output as object);
      }
    } catch (error) {
      // The job stays active; pg-boss's supervisor expires it and it is retried.
      onError(error);
    }
  };

  const start = (job: Job<unknown>) => {
    const abort = new AbortController();
    running.set(job.id, { attempt: { id: job.id, retryCount: job.retryCount }, abort });
    // No abort at expireInSeconds: as under pg-boss's own work(), a handler that
    // outruns its expiry runs to its end (the supervisor hands the job to a
    // retry, the send ledger keeps that from sending twice, and the settle
    // below, fenced by the attempt, is refused). Cutting sends off at expiry
    // would make a slow machine never finish one.
    const settled: Promise<void> = run(job, abort.signal)
      .catch(
        (error: unknown): JobOutcome => ({ status: 'failed', output: { message: String(error) } }),
      )
      .then((outcome) => settle(job, outcome))
      .finally(() => {
        running.delete(job.id);
        settling.delete(settled);
        release();
      });
    settling.add(settled);
  };

  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await waitForSlot();
        continue;
      }
      woken = false;
      let fetched = 0;
      try {
        const jobs = await boss.fetch(name, { batchSize: free });
        fetched = jobs.length;
        if (stopping && jobs.length) {
          // Claimed while stopping: hand them straight back for another worker.
          await boss.fail(
            name,
            jobs.map((j) => ({ id: j.id, retryCount: j.retryCount })),
            {
              failed: 'worker_shutdown',
            },
          );
          break;
        }
        for (const job of jobs) start(job);
      } catch (error) {
        onError(error);
      }
      // A full fetch means a backlog: go round again at once (waiting for a slot).
      if (fetched < free) await waitForWork(options.pollIntervalMs);
    }
  })();

  return {
    inFlight: () => running.size,
    wake() {
      woken = true;
      release();
    },
    async stop(timeoutMs) {
      stopping = true;
      release();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const all = Promise.all([...settling]).then(() => 'settled' as const);
      const result = await Promise.race([all, graceOver]);
      clearTimeout(timer);
      if (result === 'settled') return;
      const left = [...running.entries()];
      running.clear();
      for (const [, entry] of left) entry.abort.abort(new Error('worker shutdown'));
      if (left.length) {
        await boss
          .fail(
            name,
            left.map(([, entry]) => entry.attempt),
            { failed: 'worker_shutdown' },
          )
          .catch(onError);
      }
    },
  };
}
