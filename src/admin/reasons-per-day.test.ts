import { describe, expect, it } from 'vitest';
import { reasonsPerDay, windowDays } from './reasons-per-day.ts';

describe('windowDays', () => {
  it('ends with the UTC day of now, oldest first', () => {
    expect(windowDays(new Date('2026-03-02T23:30:00-05:00'), 3)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });
});

describe('reasonsPerDay', () => {
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];

  it('keeps zero days, sums per reason and orders reasons by frequency', () => {
    const shaped = reasonsPerDay(
      [
        { day: '2026-03-01', reason: 'bounce', count: 1 },
        { day: '2026-03-03', reason: 'opt_out', count: 2 },
        { day: '2026-03-03', reason: 'bounce', count: 2 },
        { day: '2026-02-20', reason: 'auto_reply', count: 9 },
      ],
      days,
    );
    expect(shaped.reasons).toEqual(['bounce', 'opt_out']);
    expect(shaped.totals).toEqual({ bounce: 3, opt_out: 2 });
    expect(shaped.total).toBe(5);
    expect(shaped.days.map((d) => d.total)).toEqual([1, 0, 4]);
    expect(shaped.days[2]!.byReason).toEqual({ opt_out: 2, bounce: 2 });
  });

  it('answers an empty window with every day at zero', () => {
    const shaped = reasonsPerDay([], days);
    expect(shaped.reasons).toEqual([]);
    expect(shaped.days).toHaveLength(3);
    expect(shaped.days.every((d) => d.total === 0)).toBe(true);
  });
});
