import type { Category } from '../ai/provider.ts';

/** Categories whose answer proposes meeting times. */
export const SLOT_CATEGORIES = new Set<Category>([
  'interested',
  'meeting_requested',
  'call_requested',
  'information_requested',
  'neutral',
]);

/**
 * Why a reply must be offered no slots, or null when slots may be offered.
 * Pure; shared by inbound.process and `autosend eval`, so the eval judges
 * the same rule the pipeline applies. A lead who says the meeting is booked
 * gets no new slots whatever the category; a lead who sent their own
 * scheduling link is booked through it; replies that do not call for
 * meeting times (a referral, an objection, "later") hold none either, so
 * those slots stay free for leads who want them.
 */
export function reasonToOfferNoSlots(input: {
  category: Category;
  bookingClaimEvidence: string | null;
  leadSchedulerLinks: string[];
}): string | null {
  if (input.bookingClaimEvidence) {
    return `the lead says the meeting is already booked ("${input.bookingClaimEvidence}")`;
  }
  if (input.leadSchedulerLinks.length) {
    return `the lead sent their own scheduling link (${input.leadSchedulerLinks[0]})`;
  }
  if (!SLOT_CATEGORIES.has(input.category)) {
    return `a ${input.category} reply does not call for meeting times`;
  }
  return null;
}
