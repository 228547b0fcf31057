import { describe, expect, it } from 'vitest';
import { activityPerDay, confidenceBucketOf, confidenceHistogram } from './activity-per-day.ts';

describe('activityPerDay', () => {
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];

  it('keeps every day of the window, merges rows of one day and sums the totals', () => {
    const shaped = activityPerDay(
      [
        { day: '2026-03-01', replies: 4 },
        { day: '2026-03-01', sent: 2, held: 1 },
        { day: '2026-03-03', sent: 1, rejected: 3 },
        { day: '2026-02-20', replies: 9, sent: 9 },
      ],
      days,
    );
    expect(shaped.days).toEqual([
      { day: '2026-03-01', replies: 4, sent: 2, held: 1, rejected: 0 },
      { day: '2026-03-02', replies: 0, sent: 0, held: 0, rejected: 0 },
      { day: '2026-03-03', replies: 0, sent: 1, held: 0, rejected: 3 },
    ]);
    expect(shaped.totals).toEqual({ replies: 4, sent: 3, held: 1, rejected: 3 });
  });

  it('answers an empty window with every day at zero', () => {
    const shaped = activityPerDay([], days);
    expect(shaped.days.map((d) => d.day)).toEqual(days);
    expect(shaped.totals).toEqual({ replies: 0, sent: 0, held: 0, rejected: 0 });
  });
});

describe('confidence buckets', () => {
  it('rounds to whole percent before bucketing and puts 100 % in the top bucket', () => {
    expect([0, 0.02, 0.099, 0.1, 0.69999, 0.84, 0.85, 0.995, 1].map(confidenceBucketOf)).toEqual([
      0, 0, 1, 1, 7, 8, 8, 9, 9,
    ]);
  });

  it('always has ten buckets of 10 points, summing counts of one bucket', () => {
    const h = confidenceHistogram([
      { bucket: 8, count: 2 },
      { bucket: 8, count: 1 },
      { bucket: 0, count: 4 },
      { bucket: 12, count: 7 },
    ]);
    expect(h.buckets.map((b) => b.count)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 3, 0]);
    expect(h.buckets[9]).toEqual({ from: 90, to: 100, count: 0 });
    expect(h.total).toBe(7);
  });
});
