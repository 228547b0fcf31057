/**
 * Where a reply stands, as one word a script can switch on instead of
 * reading the trail. Pure: takes the facts explain already loaded.
 *
 * - pending: not decided yet (waiting in inbound.process, or being retried)
 * - scheduled: decided to send (or approved); not handed to the sender yet, or in flight
 * - sent: the sender accepted it
 * - review: waiting for a human
 * - skipped: nothing will be sent (a gate, a skip reason, a rejected or superseded draft)
 * - failed: processing or sending failed for good
 * - send_unknown: handed to the sender with no answer; not retried, check the mailbox
 */
export const REPLY_STATUSES = [
  'pending',
  'scheduled',
  'sent',
  'review',
  'skipped',
  'failed',
  'send_unknown',
] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export interface StatusFacts {
  /** Outcome of the latest `decide` event, if any. */
  decided: string | undefined;
  /** Whether a step failed (an event with outcome `failed`). */
  stepFailed: boolean;
  /** Status of the latest draft, if any. */
  draftStatus: string | undefined;
  /** Status of the latest draft's review request, if any. */
  reviewStatus: string | undefined;
}

export function settleStatus(f: StatusFacts): ReplyStatus {
  switch (f.draftStatus) {
    case 'sent':
      return 'sent';
    case 'send_unknown':
      return 'send_unknown';
    case 'failed':
      return 'failed';
    case 'sending':
      return 'scheduled';
    case 'rejected':
    case 'superseded':
      return 'skipped';
  }
  // A review request is the fact that counts, whatever step opened it.
  if (f.reviewStatus === 'open') return 'review';
  if (f.reviewStatus === 'rejected' || f.reviewStatus === 'superseded') return 'skipped';
  if (f.draftStatus === 'approved' || f.reviewStatus === 'approved') return 'scheduled';
  if (f.decided === undefined) return f.stepFailed ? 'failed' : 'pending';
  if (f.decided === 'skipped' || f.decided === 'superseded_older') return 'skipped';
  if (f.decided === 'send') return 'scheduled';
  return 'review';
}
