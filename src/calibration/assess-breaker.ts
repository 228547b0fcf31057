/*
 * The circuit breaker of one campaign's automatic sends. Pure: the caller
 * passes what happened since the breaker was last closed; this decides
 * whether it trips. Only a person closes it again (close-breaker.ts).
 */

export const POST_SEND_OUTCOMES = [
  'positive',
  'neutral',
  'negative',
  'complaint_or_opt_out',
  'confused',
  'no_reply',
] as const;
export type PostSendOutcome = (typeof POST_SEND_OUTCOMES)[number];

export interface BreakerSettings {
  /** Trip when complaints + confused exceed this percent of the window… */
  complaintPercent: number;
  /** …once the window holds at least this many sends with an outcome. */
  minSends: number;
  /** The sliding window: the last N automatic sends with an outcome. */
  windowSends: number;
  /** Trip when more than this many of the last `rejectWindow` reviewed drafts at or above the gate were rejected. */
  maxRejects: number;
  rejectWindow: number;
}

export interface BreakerEvidence {
  /** Outcomes of automatic sends since the last close, oldest first. */
  postSend: PostSendOutcome[];
  /** Reviews since the last close, oldest first. */
  reviews: { rejected: boolean; aboveGate: boolean }[];
}

export type BreakerTripReason = 'post_send_complaints' | 'reviewer_rejections';

export interface BreakerFigures {
  sends: number;
  complaints: number;
  confused: number;
  badPercent: number;
  reviewsAboveGate: number;
  rejectedAboveGate: number;
}

export type BreakerVerdict =
  | { trip: false; figures: BreakerFigures }
  | { trip: true; reason: BreakerTripReason; summary: string; figures: BreakerFigures };

const BAD = new Set<PostSendOutcome>(['complaint_or_opt_out', 'confused']);

/** Whether the evidence since the last close trips the breaker, and the figures either way. */
export function assessBreaker(evidence: BreakerEvidence, s: BreakerSettings): BreakerVerdict {
  const window = evidence.postSend.slice(-s.windowSends);
  const complaints = window.filter((o) => o === 'complaint_or_opt_out').length;
  const confused = window.filter((o) => o === 'confused').length;
  const bad = window.filter((o) => BAD.has(o)).length;
  const badPercent = window.length ? (bad / window.length) * 100 : 0;
  const above = evidence.reviews.filter((r) => r.aboveGate).slice(-s.rejectWindow);
  const rejectedAboveGate = above.filter((r) => r.rejected).length;
  const figures: BreakerFigures = {
    sends: window.length,
    complaints,
    confused,
    badPercent: Math.round(badPercent * 10) / 10,
    reviewsAboveGate: above.length,
    rejectedAboveGate,
  };
  if (window.length >= s.minSends && badPercent > s.complaintPercent) {
    return {
      trip: true,
      reason: 'post_send_complaints',
      summary: `${bad} of the last ${window.length} automatic sends drew a complaint, opt-out or confusion (${figures.badPercent}% > ${s.complaintPercent}%)`,
      figures,
    };
  }
  if (rejectedAboveGate > s.maxRejects) {
    return {
      trip: true,
      reason: 'reviewer_rejections',
      summary: `reviewers rejected ${rejectedAboveGate} of the last ${above.length} drafts at or above the gate (more than ${s.maxRejects})`,
      figures,
    };
  }
  return { trip: false, figures };
}

export type BreakerEvent =
  | { kind: 'post_send'; outcome: PostSendOutcome }
  | { kind: 'review'; rejected: boolean; aboveGate: boolean }
  | { kind: 'close' };

/**
 * Replays events in order and says, after each, whether the breaker is open:
 * it opens when assessBreaker trips and stays open until a `close`, which
 * also starts the evidence afresh. The same rules the service applies one
 * event at a time, for tests and what-if runs over history.
 */
export function replayBreaker(events: BreakerEvent[], s: BreakerSettings): boolean[] {
  let open = false;
  let evidence: BreakerEvidence = { postSend: [], reviews: [] };
  return events.map((e) => {
    if (e.kind === 'close') {
      open = false;
      evidence = { postSend: [], reviews: [] };
      return open;
    }
    if (e.kind === 'post_send') evidence.postSend.push(e.outcome);
    else evidence.reviews.push({ rejected: e.rejected, aboveGate: e.aboveGate });
    if (!open && assessBreaker(evidence, s).trip) open = true;
    return open;
  });
}
