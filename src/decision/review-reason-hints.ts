import type { ReviewReason } from './reasons.ts';

/** What a reviewer should do, for reasons whose name alone does not say it. */
export const REVIEW_REASON_HINTS: Partial<Record<ReviewReason, string>> = {
  send_unknown:
    'the send was interrupted after the hand-off may have happened: check whether this was delivered before re-sending',
  followup_approval:
    "a follow-up step needs approval: approve to send it (within the campaign's sending hours), reject to stop this lead's sequence",
  breaker_open:
    "the campaign's circuit breaker is open (complaints or rejections after auto-sends): every reply waits for a person until someone runs `autosend campaign breaker close`",
};

/** `reason`, followed by its hint when it has one. */
export function describeReviewReason(reason: string): string {
  const hint = REVIEW_REASON_HINTS[reason as ReviewReason];
  return hint ? `${reason} — ${hint}` : reason;
}
