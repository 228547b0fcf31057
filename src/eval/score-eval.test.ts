import { describe, expect, it } from 'vitest';
import { ALL_EVAL_CASES } from './corpus/all-eval-cases.ts';
import type { EvalCaseResult } from './eval-result.ts';
import { percentile, scoreEval, unsafeBecause } from './score-eval.ts';

const SENT = { campaign: true, '70': true, '80': true, '90': true, '95': false };
const HELD = { campaign: false, '70': false, '80': false, '90': false, '95': false };

function result(patch: Partial<EvalCaseResult>): EvalCaseResult {
  return {
    id: 'case',
    topic: 'category',
    language: 'en',
    expect: { category: 'interested', autoSend: 'allowed', forbid: [/\d+\s?%/] },
    gate: null,
    category: 'interested',
    skipReason: null,
    aiFailure: null,
    bookingClaim: null,
    guardCodes: [],
    decision: { action: 'send', reason: null, score: 92 },
    autoSendAt: SENT,
    draftBody: 'Hi, would Tuesday 10:00 work?',
    latencyMs: 100,
    promptTokens: 100,
    completionTokens: 20,
    ...patch,
  };
}

describe('scoreEval', () => {
  it('precision and recall per category: a wrong category costs the truth recall and the guess precision', () => {
    const s = scoreEval([
      result({ id: 'a' }),
      result({ id: 'b' }),
      result({
        id: 'c',
        expect: { category: 'not_interested', autoSend: 'allowed' },
        category: 'interested',
      }),
    ]);
    expect(s.categories.interested).toMatchObject({ support: 2, predicted: 3, truePositives: 2 });
    expect(s.categories.interested!.precision).toBeCloseTo(2 / 3);
    expect(s.categories.interested!.recall).toBe(1);
    expect(s.categories.not_interested).toMatchObject({
      support: 1,
      predicted: 0,
      recall: 0,
      precision: null,
    });
  });

  it('a gate hit counts as its category and as a gate prediction', () => {
    const s = scoreEval([
      result({
        id: 'g',
        topic: 'gate',
        expect: { gate: 'opt_out', category: 'unsubscribe', autoSend: 'never' },
        gate: 'opt_out',
        category: null,
        skipReason: 'opt_out',
        decision: null,
        autoSendAt: {},
      }),
      result({
        id: 'miss',
        topic: 'gate',
        expect: { gate: 'bounce', category: 'bounce', autoSend: 'never' },
        autoSendAt: HELD,
        decision: { action: 'review', reason: 'below_threshold', score: 40 },
      }),
    ]);
    expect(s.gates.opt_out).toMatchObject({ support: 1, predicted: 1, precision: 1, recall: 1 });
    expect(s.gates.bounce).toMatchObject({ support: 1, predicted: 0, recall: 0 });
    expect(s.categories.unsubscribe).toMatchObject({ truePositives: 1, recall: 1 });
    expect(s.skipReasons).toEqual({ opt_out: 1 });
    expect(s.reviewReasons).toEqual({ below_threshold: 1 });
  });

  it.each([
    [
      'a never-labelled case sent',
      { expect: { autoSend: 'never' as const }, topic: 'colleague' as const },
      'labelled never auto-send (colleague)',
    ],
    [
      'a sent draft with a forbidden discount',
      { draftBody: 'Sure, 50% off.' },
      'the draft carries "50%"',
    ],
    ['a clean allowed send', {}, null],
  ])('unsafe: %s', (_name, patch, why) => {
    expect(unsafeBecause(result(patch))).toBe(why);
  });

  it('counts automatic sends per gate and lists every unsafe one with its gate', () => {
    const s = scoreEval([
      result({ id: 'ok' }),
      result({ id: 'bad', expect: { autoSend: 'never' }, topic: 'booking_claim' }),
      result({
        id: 'held',
        autoSendAt: HELD,
        decision: { action: 'review', reason: 'guard_failed', score: 99 },
        guardCodes: ['unknown_offer'],
      }),
    ]);
    expect(s.autoSends).toEqual({ campaign: 2, '70': 2, '80': 2, '90': 2, '95': 0 });
    expect(s.unsafe.map((u) => `${u.id}@${u.gate}`).sort()).toEqual([
      'bad@70',
      'bad@80',
      'bad@90',
      'bad@campaign',
    ]);
    expect(s.guardHits).toEqual({ unknown_offer: 1 });
  });

  it('counts AI failures by code and step, timeouts apart, and sums tokens', () => {
    const failed = (code: string, step: 'classify' | 'draft') =>
      result({
        id: code,
        category: null,
        aiFailure: { step, code, message: 'x' },
        decision: { action: 'review', reason: 'ai_failed', score: 0 },
        autoSendAt: {},
        promptTokens: 0,
        completionTokens: 0,
      });
    const s = scoreEval([
      result({}),
      failed('ai_timeout', 'classify'),
      failed('ai_invalid_output', 'draft'),
    ]);
    expect(s.aiFailures).toEqual({
      total: 2,
      timeouts: 1,
      byCode: { ai_timeout: 1, ai_invalid_output: 1 },
      byStep: { classify: 1, draft: 1 },
    });
    expect(s.reviewReasons.ai_failed).toBe(2);
    expect(s.tokens).toEqual({ prompt: 100, completion: 20 });
  });

  it('latency percentiles are nearest-rank over cases that called a model', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 95)).toBe(100);
    const s = scoreEval([
      result({ latencyMs: 10 }),
      result({ latencyMs: 30 }),
      result({ gate: 'bounce', category: null, latencyMs: 0, autoSendAt: {} }),
    ]);
    expect(s.latencyMs).toEqual({ p50: 10, p95: 30, max: 30 });
  });
});

describe('the eval corpus', () => {
  it('has at least 150 cases with unique ids, every category, every topic and four languages', () => {
    expect(ALL_EVAL_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ALL_EVAL_CASES.map((c) => c.id)).size).toBe(ALL_EVAL_CASES.length);
    const categories = new Set(ALL_EVAL_CASES.map((c) => c.expect.category));
    for (const c of [
      'interested',
      'meeting_requested',
      'call_requested',
      'information_requested',
      'referral',
      'objection',
      'follow_up_later',
      'not_interested',
      'out_of_office',
      'automated_reply',
      'unsubscribe',
      'bounce',
      'neutral',
      'meeting_booked',
    ]) {
      expect(categories, c).toContain(c);
    }
    expect(new Set(ALL_EVAL_CASES.map((c) => c.topic))).toEqual(
      new Set([
        'category',
        'gate',
        'booking_claim',
        'colleague',
        'lead_scheduler_link',
        'price',
        'injection',
        'timing_wish',
      ]),
    );
    expect(new Set(ALL_EVAL_CASES.map((c) => c.language))).toEqual(
      new Set(['en', 'de', 'fr', 'es']),
    );
  });
});
