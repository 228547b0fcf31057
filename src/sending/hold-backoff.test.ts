import { describe, expect, it } from 'vitest';
import { nextHeldAttempt } from './hold-backoff.ts';

const now = new Date('2026-12-01T10:00:00Z');
const waitOf = (holds: number) => (nextHeldAttempt(now, holds).getTime() - now.getTime()) / 1000;

describe('nextHeldAttempt', () => {
  it('doubles from 30 seconds and stops at 30 minutes', () => {
    expect([0, 1, 2, 3, 5, 6, 50].map(waitOf)).toEqual([30, 60, 120, 240, 960, 1800, 1800]);
  });
});
