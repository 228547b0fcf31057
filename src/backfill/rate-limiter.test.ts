import { describe, expect, it } from 'vitest';
import { makeRateLimiter } from './rate-limiter.ts';
import { runPool } from './run-pool.ts';

describe('makeRateLimiter', () => {
  it('spaces starts 60000/rpm apart on the clock it is given', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = makeRateLimiter(600, {
      now: () => now,
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    await limiter.take();
    await limiter.take();
    await limiter.take();
    expect(waits).toEqual([100, 200]);
    now = 1_000;
    await limiter.take();
    expect(waits).toEqual([100, 200]);
  });

  it('does not wait without a limit', async () => {
    const limiter = makeRateLimiter(undefined, {
      now: () => 0,
      wait: async () => {
        throw new Error('should not wait');
      },
    });
    await limiter.take();
  });
});

describe('runPool', () => {
  it('keeps at most N in flight and runs every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await Promise.resolve();
      await Promise.resolve();
      done.push(n);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing new once aborted, finishing what is in flight', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await runPool(
      [1, 2, 3, 4],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort();
      },
      controller.signal,
    );
    expect(started).toEqual([1, 2]);
  });
});
