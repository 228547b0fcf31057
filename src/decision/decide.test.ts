import { describe, expect, it } from 'vitest';
import { type DecideInput, decide, sendDelaySeconds } from './decide.ts';

const now = new Date('2026-03-02T10:00:00Z');
const base: DecideInput = {
  messageId: '6f1c1a56-5f0e-4d8e-9a3c-0d3b8f1f2a10',
  receivedAt: now,
  category: 'interested',
  campaign: {
    responseMode: 'AI_AUTO_SEND',
    confidenceGate: 85,
    sendDelayMinSeconds: 180,
    sendDelayMaxSeconds: 420,
  },
  evaluation: {
    confidence: 0.9,
    safeToSend: true,
    requiresHumanReview: false,
    reason: 'clear yes',
  },
  guardFailures: [],
  differentSender: false,
  killSwitch: false,
  breakerOpen: false,
  dailyCapReached: false,
  now,
};
const with_ = (patch: Partial<DecideInput>) => decide({ ...base, ...patch });

describe('decide', () => {
  it('holds a booking claim for review whatever the score, quoting the claim', () => {
    const d = with_({
      bookingClaim: 'Done - I just grabbed a slot on your calendar for Thursday',
      evaluation: { ...base.evaluation, confidence: 1 },
    });
    expect(d).toMatchObject({
      action: 'review',
      reason: 'booking_claimed',
      detail: 'Done - I just grabbed a slot on your calendar for Thursday',
    });
  });

  it('sends when the rounded score reaches the gate, inside the delay window', () => {
    const d = with_({ evaluation: { ...base.evaluation, confidence: 0.845 } });
    expect(d.action).toBe('send');
    if (d.action !== 'send') return;
    expect(d.score).toBe(85);
    expect(d.delaySeconds).toBeGreaterThanOrEqual(180);
    expect(d.delaySeconds).toBeLessThanOrEqual(420);
    expect(d.at.getTime()).toBe(now.getTime() + d.delaySeconds * 1000);
  });

  it('holds below the gate with the score and the gate in the detail', () => {
    const d = with_({ evaluation: { ...base.evaluation, confidence: 0.844 } });
    expect(d).toMatchObject({ action: 'review', reason: 'below_threshold', score: 84, gate: 85 });
  });

  it.each<[string, Partial<DecideInput>, string]>([
    ['manual campaign', { campaign: { ...base.campaign, responseMode: 'MANUAL' } }, 'mode_manual'],
    ['kill switch', { killSwitch: true }, 'kill_switch'],
    ['circuit breaker open', { breakerOpen: true }, 'breaker_open'],
    ['kill switch over an open breaker', { killSwitch: true, breakerOpen: true }, 'kill_switch'],
    [
      'guard failure',
      { guardFailures: [{ code: 'placeholder', detail: '{{x}}' }] },
      'guard_failed',
    ],
    [
      'lead scheduler link',
      { guardFailures: [{ code: 'lead_scheduler_link', detail: 'calendly' }] },
      'lead_scheduler_link',
    ],
    [
      'evaluator asks for a human',
      { evaluation: { ...base.evaluation, requiresHumanReview: true } },
      'human_review_requested',
    ],
    [
      'not safe to send',
      { evaluation: { ...base.evaluation, safeToSend: false } },
      'not_safe_to_send',
    ],
    ['different sender', { differentSender: true }, 'different_sender'],
    ['booked by words alone', { category: 'meeting_booked' }, 'meeting_booked_unverified'],
    ['daily cap', { dailyCapReached: true }, 'daily_cap_reached'],
  ])('reviews: %s', (_name, patch, reason) => {
    expect(with_(patch)).toMatchObject({ action: 'review', reason });
  });

  it('a gate of 100 needs a perfect score; a gate of 0 sends anything safe', () => {
    expect(with_({ campaign: { ...base.campaign, confidenceGate: 100 } }).action).toBe('review');
    expect(
      with_({
        campaign: { ...base.campaign, confidenceGate: 0 },
        evaluation: { ...base.evaluation, confidence: 0 },
      }).action,
    ).toBe('send');
  });

  it('a retry picks the same send time; a late run sends no earlier than now', () => {
    const first = with_({});
    const retry = with_({ now: new Date(now.getTime() + 30_000) });
    expect(
      first.action === 'send' &&
        retry.action === 'send' &&
        first.at.getTime() === retry.at.getTime(),
    ).toBe(true);
    const late = with_({ now: new Date(now.getTime() + 3_600_000) });
    expect(late.action === 'send' && late.at.getTime()).toBe(now.getTime() + 3_600_000);
  });

  it('spreads delays across messages within the window', () => {
    const delays = new Set(
      Array.from({ length: 50 }, (_, i) => sendDelaySeconds(`m-${i}`, 180, 420)),
    );
    expect(delays.size).toBeGreaterThan(30);
    for (const d of delays) expect(d >= 180 && d <= 420).toBe(true);
    expect(sendDelaySeconds('x', 60, 60)).toBe(60);
  });
});
