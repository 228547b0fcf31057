import { describe, expect, it } from 'vitest';
import { calibrate, chooseEvidenceScope, type ReviewedScore, reviewsNeeded } from './calibrate.ts';
import { wilsonLowerBound } from './wilson.ts';

const many = (n: number, score: number, approvedAsIs: boolean): ReviewedScore[] =>
  Array.from({ length: n }, () => ({ score, approvedAsIs }));

const run = (reviewed: ReviewedScore[], extra: Partial<Parameters<typeof calibrate>[0]> = {}) =>
  calibrate({
    reviewed,
    scored: reviewed.map((r) => r.score),
    currentGate: 85,
    targetPrecision: 95,
    ...extra,
  });

describe('wilsonLowerBound', () => {
  it.each([
    [0, 0, 0],
    [10, 10, 0.7225],
    [30, 30, 0.8865],
    [50, 100, 0.4038],
    [95, 100, 0.8883],
  ])('%i of %i → %f', (k, n, expected) => {
    expect(wilsonLowerBound(k, n)).toBeCloseTo(expected, 3);
  });
});

describe('calibrate on synthetic outcome sets with a known answer', () => {
  it('well calibrated: good drafts score high, the recommendation is just above the weak ones', () => {
    // 100 drafts at 60 % (half approved as is), 200 at 92 % (all approved).
    const c = run([...many(50, 60, true), ...many(50, 60, false), ...many(200, 92, true)]);
    expect(c.recommendedGate).toBe(61);
    expect(c.notEnoughEvidence).toBeNull();
    const at60 = c.gates.find((g) => g.gate === 60)!;
    expect(at60).toMatchObject({ reviewed: 300, approvedAsIs: 250, wouldAutoSend: 300 });
    expect(c.recommended).toMatchObject({ gate: 61, reviewed: 200, errorRate: 0 });
    expect(c.recommended!.autoSendRate).toBeCloseTo(200 / 300);
    expect(c.current).toMatchObject({ gate: 85, reviewed: 200, errorRate: 0 });
  });

  it('over-confident: every draft claims 95 % but only 70 % are fine: no gate, more reviews will not help', () => {
    const c = run([...many(70, 95, true), ...many(30, 95, false)]);
    expect(c.recommendedGate).toBeNull();
    expect(c.notEnoughEvidence?.moreReviewsNeeded).toBeNull();
    expect(c.notEnoughEvidence?.why).toMatch(/no gate reaches 95%/);
    expect(c.current.errorRate).toBeCloseTo(0.3);
    expect(c.current.autoSendRate).toBe(1);
  });

  it('under-confident: drafts scored 55 % are all approved as is: the gate can come down to 50', () => {
    const c = run(many(100, 55, true));
    expect(c.recommendedGate).toBe(50);
    // At the current gate of 85 nothing would be sent automatically.
    expect(c.current).toMatchObject({ autoSendRate: 0, reviewed: 0, errorRate: null });
    expect(c.recommended).toMatchObject({ gate: 50, autoSendRate: 1, errorRate: 0 });
  });

  it('too few samples: 10 perfect reviews are not evidence; 63 more would be (73 in all)', () => {
    const c = run(many(10, 95, true));
    expect(c.recommendedGate).toBeNull();
    expect(c.notEnoughEvidence?.moreReviewsNeeded).toBe(63);
    expect(wilsonLowerBound(73, 73)).toBeGreaterThanOrEqual(0.95);
    expect(wilsonLowerBound(72, 72)).toBeLessThan(0.95);
  });

  it('30 perfect reviews meet a target of 80 % but not 95 %', () => {
    expect(run(many(30, 90, true), { targetPrecision: 80 }).recommendedGate).toBe(50);
    expect(run(many(30, 90, true)).recommendedGate).toBeNull();
    // 29 are too few whatever the target.
    expect(
      run(many(29, 90, true), { targetPrecision: 60 }).notEnoughEvidence?.moreReviewsNeeded,
    ).toBe(1);
  });

  it('a few rejections are too few to call the drafts hopeless: asks for the minimum', () => {
    const c = run(many(4, 90, false));
    expect(c.notEnoughEvidence).toMatchObject({ moreReviewsNeeded: 26 });
    expect(c.notEnoughEvidence?.why).toMatch(/only 4 reviewed/);
  });

  it('nothing reviewed: asks for the minimum', () => {
    const c = run([], { scored: [90, 40] });
    expect(c.notEnoughEvidence).toMatchObject({ moreReviewsNeeded: 30 });
    expect(c.current).toMatchObject({ autoSendRate: 0.5, errorRate: null });
  });

  it('counts unreviewed drafts in the auto-send rate, not in the share', () => {
    const c = run(many(40, 90, true), { scored: [...Array(40).fill(90), ...Array(60).fill(40)] });
    expect(c.gates[0]).toMatchObject({
      gate: 50,
      wouldAutoSend: 40,
      autoSendRate: 0.4,
      reviewed: 40,
    });
  });

  it('puts reviews into ten buckets for the reliability chart', () => {
    const c = run([...many(3, 95, true), ...many(1, 100, false), ...many(2, 41, false)]);
    expect(c.buckets).toHaveLength(10);
    expect(c.buckets[9]).toEqual({ from: 90, to: 100, reviewed: 4, approvedAsIs: 3, share: 0.75 });
    expect(c.buckets[4]).toMatchObject({ from: 40, to: 49, reviewed: 2, share: 0 });
    expect(c.buckets[0]!.share).toBeNull();
  });
});

describe('reviewsNeeded', () => {
  it('is null when the share does not exceed the target', () => {
    expect(reviewsNeeded(0.95, 10, 0.95, 30)).toBeNull();
    expect(reviewsNeeded(1, 10, 0.95, 30)).toBe(73);
  });
});

describe('chooseEvidenceScope', () => {
  it.each([
    [{ campaign: 30, workspace: 40, all: 90 }, 'campaign'],
    [{ campaign: 29, workspace: 40, all: 90 }, 'workspace'],
    [{ campaign: 1, workspace: 2, all: 90 }, 'all'],
    [{ campaign: 1, workspace: 2, all: 3 }, 'all'],
  ] as const)('%o → %s', (counts, scope) => {
    expect(chooseEvidenceScope(counts)).toBe(scope);
  });
});
