import { describe, expect, it } from 'vitest';
import { scrubEventDetail } from './scrub-event-detail.ts';

describe('scrubEventDetail', () => {
  it('keeps figures, ids and codes; drops what the lead wrote and any address', () => {
    const detail = {
      confidence: 0.91,
      gate: 85,
      safe: true,
      reason: 'below_threshold',
      at: '2025-01-02T10:00:00.000Z',
      draftId: '0b7c9a3e-1111-4222-8333-944445555666',
      evidence: 'Please remove me, Anna Lindqvist',
      from: 'anna@example.com',
      slots: [{ start: '2025-01-10T10:00:00Z', label: 'Fri 10 Jan, 10:00' }],
      nested: { phrase: 'not interested', count: 2 },
    };
    expect(scrubEventDetail(detail, '2025-06-01')).toEqual({
      confidence: 0.91,
      gate: 85,
      safe: true,
      reason: 'below_threshold',
      at: '2025-01-02T10:00:00.000Z',
      draftId: '0b7c9a3e-1111-4222-8333-944445555666',
      slots: [{ start: '2025-01-10T10:00:00Z' }],
      nested: { count: 2 },
      purgedByRetention: '2025-06-01',
    });
  });

  it('is idempotent', () => {
    const once = scrubEventDetail({ evidence: 'hi there', n: 1 }, '2025-06-01');
    expect(scrubEventDetail(once, '2025-06-01')).toEqual(once);
  });
});
