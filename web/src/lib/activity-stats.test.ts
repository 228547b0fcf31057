import { describe, expect, it } from 'vitest';
import { confidenceHistogram, perDay } from './activity-stats.ts';

describe('confidenceHistogram', () => {
  it('puts scores in 10-point buckets, 100 % in the top one, and skips unscored drafts', () => {
    const at = '2026-03-01T10:00:00Z';
    const h = confidenceHistogram([
      { confidence: 0.84, status: 'generated', createdAt: at },
      { confidence: 0.85, status: 'sent', createdAt: at },
      { confidence: 1, status: 'sent', createdAt: at },
      { confidence: 0.02, status: 'rejected', createdAt: at },
      { confidence: null, status: 'failed', createdAt: at },
    ]);
    expect(h.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2, 1]);
  });
});

describe('perDay', () => {
  it('counts replies and draft outcomes per UTC day, oldest first', () => {
    const rows = perDay(
      [{ occurredAt: '2026-03-02T09:00:00Z' }, { occurredAt: '2026-03-01T23:59:00Z' }],
      [
        { confidence: 0.9, status: 'sent', createdAt: '2026-03-02T09:01:00Z' },
        { confidence: 0.5, status: 'generated', createdAt: '2026-03-02T09:02:00Z' },
      ],
    );
    expect(rows).toEqual([
      { day: '2026-03-01', replies: 1, sent: 0, held: 0, rejected: 0 },
      { day: '2026-03-02', replies: 1, sent: 1, held: 1, rejected: 0 },
    ]);
  });
});
