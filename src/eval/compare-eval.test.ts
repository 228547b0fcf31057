import { describe, expect, it } from 'vitest';
import { change, compareEvalScores } from './compare-eval.ts';
import { formatEvalComparison } from './format-eval-comparison.ts';
import type { EvalScore, PrecisionRecall } from './score-eval.ts';

function pr(precision: number | null, recall: number | null): PrecisionRecall {
  return { support: 10, predicted: 10, truePositives: 5, precision, recall };
}

function score(patch: Partial<EvalScore>): EvalScore {
  return {
    cases: 10,
    categories: {},
    gates: {} as EvalScore['gates'],
    guardHits: {},
    reviewReasons: {},
    skipReasons: {},
    bookingClaims: 0,
    autoSends: { campaign: 0, '70': 0, '80': 0, '90': 0, '95': 0 },
    unsafe: [],
    aiFailures: { total: 0, timeouts: 0, byCode: {}, byStep: {} },
    latencyMs: { p50: 0, p95: 0, max: 0 },
    tokens: { prompt: 0, completion: 0 },
    ...patch,
  };
}

describe('change', () => {
  it.each([
    [0.5, 0.75, 0.25],
    [3, 1, -2],
    [2, 2, 0],
    [null, 0.5, null],
    [0.5, null, null],
  ])('%s -> %s is a delta of %s', (a, b, delta) => {
    expect(change(a, b)).toEqual({ without: a, with: b, delta });
  });
});

describe('compareEvalScores', () => {
  it('per category precision and recall deltas, a category only one run saw against null', () => {
    const c = compareEvalScores(
      score({ categories: { interested: pr(0.5, 0.8), objection: pr(1, 0.25) } }),
      score({ categories: { interested: pr(0.75, 0.8), referral: pr(1, 1) } }),
    );
    expect(c.categories.interested).toEqual({
      precision: { without: 0.5, with: 0.75, delta: 0.25 },
      recall: { without: 0.8, with: 0.8, delta: 0 },
    });
    expect(c.categories.objection!.recall).toEqual({ without: 0.25, with: null, delta: null });
    expect(c.categories.referral!.precision).toEqual({ without: null, with: 1, delta: null });
    expect(Object.keys(c.categories)).toEqual(['interested', 'objection', 'referral']);
  });

  it('automatic sends per gate, unsafe sends and AI failures, without -> with', () => {
    const c = compareEvalScores(
      score({ autoSends: { campaign: 4, '70': 6, '80': 5, '90': 3, '95': 0 } }),
      score({
        autoSends: { campaign: 9, '70': 12, '80': 10, '90': 7, '95': 0 },
        unsafe: [{ id: 'x', gate: 'campaign', why: 'labelled never auto-send (colleague)' }],
        aiFailures: { total: 2, timeouts: 1, byCode: {}, byStep: {} },
      }),
    );
    expect(c.autoSends.campaign).toEqual({ without: 4, with: 9, delta: 5 });
    expect(c.autoSends['95']).toEqual({ without: 0, with: 0, delta: 0 });
    expect(c.unsafe).toEqual({ without: 0, with: 1, delta: 1 });
    expect(c.aiFailures).toEqual({ without: 0, with: 2, delta: 2 });
  });

  it('lists only the review reasons and guard hits whose count moved', () => {
    const c = compareEvalScores(
      score({
        reviewReasons: { guard_failed: 12, different_sender: 4 },
        guardHits: { unknown_offer: 12, placeholder: 1 },
      }),
      score({
        reviewReasons: { different_sender: 4, below_threshold: 2 },
        guardHits: { placeholder: 1 },
      }),
    );
    expect(c.reviewReasons).toEqual({
      below_threshold: { without: 0, with: 2, delta: 2 },
      guard_failed: { without: 12, with: 0, delta: -12 },
    });
    expect(c.guardHits).toEqual({ unknown_offer: { without: 12, with: 0, delta: -12 } });
  });
});

describe('formatEvalComparison', () => {
  it('prints the figures side by side with percentage-point and count deltas', () => {
    const text = formatEvalComparison(
      compareEvalScores(
        score({
          categories: { interested: pr(0.5, 0.8) },
          autoSends: { campaign: 4, '70': 6 },
          reviewReasons: { guard_failed: 3 },
        }),
        score({ categories: { interested: pr(0.75, 0.8) }, autoSends: { campaign: 9, '70': 6 } }),
      ),
      { examples: 4, perDraft: 3, campaignGate: 85 },
    );
    expect(text).toContain('house-style examples: 4 in the file, up to 3 per draft');
    expect(text).toMatch(/^\s+interested\s+50% -> 75%\s+\+25 pp\s+80% -> 80%\s+0 pp$/m);
    expect(text).toMatch(/^\s+campaign gate 85%\s+4 -> 9\s+\+5$/m);
    expect(text).toMatch(/^\s+at 70%\s+6 -> 6\s+0$/m);
    expect(text).toContain('review reasons: guard_failed 3 -> 0 (-3)');
    expect(text).toContain('UNSAFE auto-sends: without 0, with 0\n');
  });
});
