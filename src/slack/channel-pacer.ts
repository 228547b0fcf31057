/**
 * Keeps posts to one Slack channel about `intervalMs` apart (chat.postMessage
 * allows about one message per second per channel). Per process; the job
 * queue's Retry-After handling covers what several processes add up to.
 */
export interface ChannelPacer {
  /** Resolves when a post to `channel` may go out, and books that slot. */
  wait(channel: string): Promise<void>;
}

export function makeChannelPacer(
  options: { intervalMs?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): ChannelPacer {
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nextFree = new Map<string, number>();
  return {
    async wait(channel) {
      if (intervalMs <= 0) return;
      const current = now();
      const slot = Math.max(current, nextFree.get(channel) ?? 0);
      nextFree.set(channel, slot + intervalMs);
      // Forget channels idle for a while so the map stays small.
      if (nextFree.size > 5000) {
        for (const [key, at] of nextFree) if (at < current) nextFree.delete(key);
      }
      if (slot > current) await sleep(slot - current);
    },
  };
}
