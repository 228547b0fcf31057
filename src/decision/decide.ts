import { createHash } from 'node:crypto';
import type { Category, Evaluation } from '../ai/provider.ts';
import type { GuardFailure } from './draft-guards.ts';
import type { ReviewReason } from './reasons.ts';

export interface DecideInput {
  /** Stable id of the inbound message: the send delay is derived from it. */
  messageId: string;
  receivedAt: Date;
  category: Category;
  campaign: {
    responseMode: 'MANUAL' | 'AI_AUTO_SEND';
    /** Whole percent 0..100. */
    confidenceGate: number;
    sendDelayMinSeconds: number;
    sendDelayMaxSeconds: number;
  };
  evaluation: Evaluation;
  guardFailures: GuardFailure[];
  /** The reply came from an address other than the lead's (a colleague, a referral). */
  differentSender: boolean;
  /** The lead claims a booking no calendar event confirms (detect-booking-claim.ts): the quote. */
  bookingClaim?: string | null;
  killSwitch: boolean;
  /** The campaign's circuit breaker is open (calibration/campaign-breaker.ts): nothing is sent by itself. */
  breakerOpen: boolean;
  dailyCapReached: boolean;
  now: Date;
}

export type Decision =
  | { action: 'send'; at: Date; delaySeconds: number; score: number; gate: number }
  | { action: 'review'; reason: ReviewReason; score: number; gate: number; detail?: string };

/**
 * Picks a delay inside [min, max] from the message id, so a retried job (or a
 * second worker) arrives at the same send time instead of a new random one.
 */
export function sendDelaySeconds(messageId: string, min: number, max: number): number {
  if (max <= min) return min;
  const n = createHash('sha256').update(messageId).digest().readUInt32BE(0);
  return min + (n % (max - min + 1));
}

/**
 * The only place that chooses between sending and asking a human. Pure: every
 * input, `now` included, is an argument. Skips (opt-out, bounce, auto-reply,
 * not draftable) are decided earlier by the gates; a draft that reaches here
 * is either sent after the campaign's delay or held for review with a reason.
 */
export function decide(input: DecideInput): Decision {
  const { campaign, evaluation } = input;
  const score = Math.round(evaluation.confidence * 100);
  const gate = campaign.confidenceGate;
  const review = (reason: ReviewReason, detail?: string): Decision => ({
    action: 'review',
    reason,
    score,
    gate,
    ...(detail ? { detail } : {}),
  });

  if (input.differentSender) return review('different_sender');
  if (input.category === 'meeting_booked') return review('meeting_booked_unverified');
  if (input.bookingClaim) return review('booking_claimed', input.bookingClaim);
  if (campaign.responseMode === 'MANUAL') return review('mode_manual');
  if (input.killSwitch) return review('kill_switch');
  if (input.breakerOpen) return review('breaker_open');
  const schedulerLink = input.guardFailures.find((f) => f.code === 'lead_scheduler_link');
  if (schedulerLink) return review('lead_scheduler_link', schedulerLink.detail);
  if (input.guardFailures.length > 0) {
    return review('guard_failed', input.guardFailures.map((f) => f.code).join(', '));
  }
  if (evaluation.requiresHumanReview) return review('human_review_requested', evaluation.reason);
  if (score < gate) return review('below_threshold', `${score}% < gate ${gate}%`);
  if (!evaluation.safeToSend) return review('not_safe_to_send', evaluation.reason);
  if (input.dailyCapReached) return review('daily_cap_reached');

  const delaySeconds = sendDelaySeconds(
    input.messageId,
    campaign.sendDelayMinSeconds,
    campaign.sendDelayMaxSeconds,
  );
  const planned = input.receivedAt.getTime() + delaySeconds * 1000;
  // A reply processed late (a retry, a backfill) is not sent in the past: the
  // earliest is `now`, and a retry after the planned time sends at once.
  const at = new Date(Math.max(planned, input.now.getTime()));
  return { action: 'send', at, delaySeconds, score, gate };
}
