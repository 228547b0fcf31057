import { describe, expect, it } from 'vitest';
import { approvalOutcome, charsChanged, measureEdit } from './review-outcome.ts';

describe('measureEdit', () => {
  it.each([
    ['Hi Anna, Tuesday works.', 'Hi Anna, Tuesday works.', 0, false, false],
    ['Hi Anna,  Tuesday works.\n', 'Hi Anna, Tuesday works.', 0, false, false],
    ['Hi Anna, Tuesday works.', 'Hi Anna, Monday works.', 4, false, false],
    ['Hi Anna. Tuesday works.', 'Hi Anna. Tuesday works. See you then!', 14, true, false],
    ['Hi Anna. Tuesday works. Cheers.', 'Hi Anna. Tuesday works.', 8, false, true],
  ])('%j → %j', (draft, edited, chars, added, removed) => {
    expect(measureEdit(draft, edited)).toEqual({
      charsChanged: chars,
      sentenceAdded: added,
      sentenceRemoved: removed,
    });
  });

  it('counts a whitespace-only edit as approved as is', () => {
    expect(approvalOutcome('Hello there.', ' Hello there. ').outcome).toBe('approved_as_is');
    expect(approvalOutcome('Hello there.', 'Hello you.').outcome).toBe('approved_edited');
    expect(approvalOutcome('Hello there.', undefined).outcome).toBe('approved_as_is');
  });

  it('treats a huge rewrite as wholly replaced without a quadratic table', () => {
    expect(charsChanged('a'.repeat(5000), 'b'.repeat(5000))).toBe(5000);
  });
});
