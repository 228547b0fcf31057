import type { Category } from '../ai/provider.ts';
import type { SkipReason } from '../decision/reasons.ts';

export interface DraftPolicyInput {
  category: Category;
  lead: { optedOut: boolean; bounced: boolean; booked: boolean };
  campaign: { responseMode: 'MANUAL' | 'AI_AUTO_SEND' } | null;
}

export type DraftPolicy = { draft: true } | { draft: false; reason: SkipReason };

/** Categories that never get an answer, and the reason recorded for each. */
const SKIPPED_CATEGORIES: Partial<Record<Category, SkipReason>> = {
  unsubscribe: 'opt_out',
  bounce: 'bounce',
  out_of_office: 'auto_reply',
  automated_reply: 'auto_reply',
  not_interested: 'not_draftable',
};

/**
 * Decides whether a reply gets a draft, from its category, the lead's flags
 * and the campaign. Flags win over everything (nothing is ever sent to a
 * flagged lead); a booked lead is not pitched again; a reply to an unknown
 * campaign is skipped visibly.
 *
 * `meeting_booked` DOES draft: the lead's words alone are no proof of a
 * booking, so the draft is made and `decide()` routes it to review with reason
 * `meeting_booked_unverified`. `MANUAL` campaigns draft too; their drafts go
 * to the review queue.
 */
export function shouldGenerateDraft(input: DraftPolicyInput): DraftPolicy {
  const { category, lead, campaign } = input;
  if (lead.optedOut) return { draft: false, reason: 'opt_out' };
  if (lead.bounced) return { draft: false, reason: 'bounce' };
  if (lead.booked) return { draft: false, reason: 'already_booked' };
  if (campaign === null) return { draft: false, reason: 'unknown_campaign' };
  const skip = SKIPPED_CATEGORIES[category];
  return skip ? { draft: false, reason: skip } : { draft: true };
}
