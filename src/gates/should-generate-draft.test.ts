import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../ai/provider.ts';
import { type DraftPolicyInput, shouldGenerateDraft } from './should-generate-draft.ts';

const clean = { optedOut: false, bounced: false, booked: false };
const auto = { responseMode: 'AI_AUTO_SEND' as const };

function input(category: Category, overrides: Partial<DraftPolicyInput> = {}): DraftPolicyInput {
  return { category, lead: clean, campaign: auto, ...overrides };
}

describe('shouldGenerateDraft', () => {
  const table: [Category, ReturnType<typeof shouldGenerateDraft>][] = [
    ['interested', { draft: true }],
    ['meeting_requested', { draft: true }],
    ['call_requested', { draft: true }],
    ['information_requested', { draft: true }],
    ['referral', { draft: true }],
    ['objection', { draft: true }],
    ['follow_up_later', { draft: true }],
    ['neutral', { draft: true }],
    // The lead's words alone are no proof: drafted, then decide() sends it to review.
    ['meeting_booked', { draft: true }],
    ['not_interested', { draft: false, reason: 'not_draftable' }],
    ['out_of_office', { draft: false, reason: 'auto_reply' }],
    ['automated_reply', { draft: false, reason: 'auto_reply' }],
    ['unsubscribe', { draft: false, reason: 'opt_out' }],
    ['bounce', { draft: false, reason: 'bounce' }],
  ];

  it('covers every category', () => {
    expect(table.map(([c]) => c).sort()).toEqual([...CATEGORIES].sort());
  });

  it.each(table)('%s', (category, expected) => {
    expect(shouldGenerateDraft(input(category))).toEqual(expected);
  });

  it('never drafts for a flagged lead, whatever the category', () => {
    for (const category of CATEGORIES) {
      expect(shouldGenerateDraft(input(category, { lead: { ...clean, optedOut: true } }))).toEqual({
        draft: false,
        reason: 'opt_out',
      });
      expect(shouldGenerateDraft(input(category, { lead: { ...clean, bounced: true } }))).toEqual({
        draft: false,
        reason: 'bounce',
      });
    }
  });

  it('does not pitch a lead who already booked', () => {
    expect(shouldGenerateDraft(input('interested', { lead: { ...clean, booked: true } }))).toEqual({
      draft: false,
      reason: 'already_booked',
    });
  });

  it('skips replies to an unknown campaign visibly', () => {
    expect(shouldGenerateDraft(input('interested', { campaign: null }))).toEqual({
      draft: false,
      reason: 'unknown_campaign',
    });
  });

  it('drafts for MANUAL campaigns (the draft goes to review)', () => {
    expect(
      shouldGenerateDraft(input('interested', { campaign: { responseMode: 'MANUAL' } })),
    ).toEqual({
      draft: true,
    });
  });
});
