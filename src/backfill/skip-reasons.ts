import type { SkipReason } from '../decision/reasons.ts';

/**
 * Why a backfill leaves a conversation alone: the pipeline's own skip reasons
 * (the same gates as live traffic) plus the ones only a backfill meets.
 */
export const BACKFILL_ONLY_REASONS = [
  /** An outbound message (ours or a human's) already follows the latest reply. */
  'already_answered',
  /** --missing-only: the reply already has a draft waiting to be sent or reviewed. */
  'has_usable_draft',
  /** A human approved a draft of this reply; it is theirs to send. */
  'approved_by_human',
  /** A draft of this conversation is being handed to the sender right now. */
  'send_in_progress',
  /** An earlier send may have reached the lead; only a human can tell. */
  'send_unknown',
  /** Since selection the campaign left AI_AUTO_SEND (or lost its configuration). */
  'campaign_changed',
  /** Retention (RETENTION_DAYS) purged the reply's text: there is nothing to answer. */
  'content_purged',
] as const;

export type BackfillSkipReason = SkipReason | (typeof BACKFILL_ONLY_REASONS)[number];
