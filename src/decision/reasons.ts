/**
 * The closed list of reasons a reply is skipped or held. Every decision
 * event and review request names one of these.
 */
export const SKIP_REASONS = [
  'opt_out',
  'bounce',
  'auto_reply',
  'not_draftable',
  'already_booked',
  'unknown_campaign',
  'lead_flagged',
  'superseded',
  // The address was forgotten (`autosend lead forget`): never stored, answered or contacted again.
  'suppressed',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const REVIEW_REASONS = [
  'mode_manual',
  'kill_switch',
  // The hand-off may have happened: a human checks the mailbox before anything is re-sent.
  'send_unknown',
  'below_threshold',
  'guard_failed',
  'human_review_requested',
  'not_safe_to_send',
  'different_sender',
  'lead_scheduler_link',
  'meeting_booked_unverified',
  'daily_cap_reached',
  'ai_failed',
  'no_sending_connection',
  'sending_connection_failed',
  // issue 10: the lead says a meeting is booked; no calendar event confirms it.
  'booking_claimed',
  // issue 12: a follow-up step marked needsApproval waits in the same queue.
  'followup_approval',
  // issue 15: the campaign's circuit breaker is open; a person closes it.
  'breaker_open',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
