import { describe, expect, it } from 'vitest';
import { errorRateText, reliabilityPoints } from './reliability.ts';

describe('reliabilityPoints', () => {
  it('places each bucket at its middle on the score axis, in percent, with its counts', () => {
    const points = reliabilityPoints([
      { from: 0, to: 9, reviewed: 0, approvedAsIs: 0, share: null },
      { from: 60, to: 69, reviewed: 10, approvedAsIs: 5, share: 0.5 },
      { from: 90, to: 100, reviewed: 31, approvedAsIs: 29, share: 29 / 31 },
    ]);
    expect(points).toEqual([
      { mid: 5, label: '0–9', sharePercent: null, reviewed: 0, approvedAsIs: 0, counts: '' },
      {
        mid: 65,
        label: '60–69',
        sharePercent: 50,
        reviewed: 10,
        approvedAsIs: 5,
        counts: '5 of 10',
      },
      {
        mid: 95,
        label: '90–100',
        sharePercent: 93.5,
        reviewed: 31,
        approvedAsIs: 29,
        counts: '29 of 31',
      },
    ]);
  });
});

describe('errorRateText', () => {
  it('gives the expected error rate with its worst case, or says there is no evidence', () => {
    const at = { gate: 80, autoSendRate: 0.5, reviewed: 31 };
    expect(errorRateText({ ...at, errorRate: 0.065, errorRateUpper: 0.207 })).toBe(
      '6.5 % (at most 20.7 %)',
    );
    expect(errorRateText({ ...at, reviewed: 0, errorRate: null, errorRateUpper: null })).toBe(
      '— (no reviewed drafts at or above the gate)',
    );
  });
});
