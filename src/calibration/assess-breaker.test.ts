import { describe, expect, it } from 'vitest';
import { assessBreaker, type BreakerEvent, replayBreaker } from './assess-breaker.ts';

const settings = {
  complaintPercent: 3,
  minSends: 20,
  windowSends: 100,
  maxRejects: 3,
  rejectWindow: 10,
};

const sends = (n: number, outcome: 'positive' | 'confused' | 'complaint_or_opt_out' | 'no_reply') =>
  Array.from({ length: n }, (): BreakerEvent => ({ kind: 'post_send', outcome }));

describe('assessBreaker', () => {
  it('does not trip on complaints before the window holds 20 sends', () => {
    const v = assessBreaker(
      { postSend: ['confused', 'complaint_or_opt_out'], reviews: [] },
      settings,
    );
    expect(v.trip).toBe(false);
  });

  it('trips above 3 % complaints + confused over at least 20 sends', () => {
    const postSend = [...Array(40).fill('positive'), 'confused'];
    expect(assessBreaker({ postSend, reviews: [] }, settings).trip).toBe(false); // 1 of 41: 2.4 %
    const v = assessBreaker(
      { postSend: [...postSend, 'complaint_or_opt_out'], reviews: [] },
      settings,
    );
    expect(v).toMatchObject({ trip: true, reason: 'post_send_complaints' });
    expect(v.figures).toMatchObject({ sends: 42, complaints: 1, confused: 1, badPercent: 4.8 });
  });

  it('counts only rejections of drafts at or above the gate, over the last 10 of them', () => {
    const rejectedBelow = Array(8).fill({ rejected: true, aboveGate: false });
    const rejectedAbove = Array(4).fill({ rejected: true, aboveGate: true });
    expect(assessBreaker({ postSend: [], reviews: rejectedBelow }, settings).trip).toBe(false);
    expect(
      assessBreaker({ postSend: [], reviews: [...rejectedAbove.slice(0, 3)] }, settings).trip,
    ).toBe(false);
    expect(assessBreaker({ postSend: [], reviews: rejectedAbove }, settings)).toMatchObject({
      trip: true,
      reason: 'reviewer_rejections',
    });
    // Four old rejections pushed out of the window by ten approvals.
    const approved = Array(10).fill({ rejected: false, aboveGate: true });
    expect(
      assessBreaker({ postSend: [], reviews: [...rejectedAbove, ...approved] }, settings).trip,
    ).toBe(false);
  });
});

describe('replayBreaker', () => {
  it('opens on a replayed sequence, stays open until closed, and starts afresh after the close', () => {
    const events: BreakerEvent[] = [
      ...sends(19, 'positive'),
      { kind: 'post_send', outcome: 'confused' }, // 20 sends, 5 %: trips
      ...sends(50, 'positive'), // would dilute to 1.4 %, but only a person closes it
      { kind: 'close' },
      ...sends(5, 'complaint_or_opt_out'), // 5 of 5, but fewer than 20 sends since the close
      ...sends(15, 'positive'), // 5 of 20 = 25 %: trips again at the 20th
    ];
    const open = replayBreaker(events, settings);
    expect(open.slice(0, 19).every((o) => !o)).toBe(true);
    expect(open[19]).toBe(true);
    expect(open[69]).toBe(true);
    expect(open[70]).toBe(false); // the close
    expect(open.slice(71, 90).every((o) => !o)).toBe(true);
    expect(open[90]).toBe(true);
  });
});
