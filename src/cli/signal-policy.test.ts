import { describe, expect, it } from 'vitest';
import { DUPLICATE_WINDOW_MS, judgeSignal } from './signal-policy.ts';

describe('judgeSignal', () => {
  const first = { signal: 'SIGINT', at: 10_000 };
  it.each([
    ['the first signal stops gracefully', undefined, 'SIGTERM', 0, 'stop'],
    [
      'Ctrl-C forwarded by npm right after the terminal one is the same request',
      first,
      'SIGINT',
      10_005,
      'duplicate',
    ],
    [
      'the same signal again a moment later forces',
      first,
      'SIGINT',
      10_000 + DUPLICATE_WINDOW_MS,
      'force',
    ],
    ['a different signal forces at once', first, 'SIGTERM', 10_001, 'force'],
  ] as const)('%s', (_name, previous, signal, now, verdict) => {
    expect(judgeSignal(previous, signal, now)).toBe(verdict);
  });
});
