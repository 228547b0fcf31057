/**
 * Runs `work` over items with at most `concurrency` in flight. Results are
 * handed to `work` itself (it persists each one as it finishes); a failing
 * item is the worker's to record, so one failure never stops the pool. Once
 * `signal` aborts no new item starts; those in flight finish.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      if (signal?.aborted) return;
      const next = iterator.next();
      if (next.done) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
