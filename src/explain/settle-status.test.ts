import { describe, expect, it } from 'vitest';
import { type StatusFacts, settleStatus } from './settle-status.ts';

const facts = (f: Partial<StatusFacts>): StatusFacts => ({
  decided: undefined,
  stepFailed: false,
  draftStatus: undefined,
  reviewStatus: undefined,
  ...f,
});

describe('settleStatus', () => {
  it.each([
    ['not processed yet', {}, 'pending'],
    ['a step failed before any decision', { stepFailed: true }, 'failed'],
    ['skipped by a gate', { decided: 'skipped' }, 'skipped'],
    [
      'decided to send, waiting for its delay',
      { decided: 'send', draftStatus: 'generated' },
      'scheduled',
    ],
    ['in flight at the sender', { decided: 'send', draftStatus: 'sending' }, 'scheduled'],
    ['sent', { decided: 'send', draftStatus: 'sent' }, 'sent'],
    ['sender gave no answer', { decided: 'send', draftStatus: 'send_unknown' }, 'send_unknown'],
    ['sending failed for good', { decided: 'send', draftStatus: 'failed' }, 'failed'],
    [
      'held, review open',
      { decided: 'review', draftStatus: 'generated', reviewStatus: 'open' },
      'review',
    ],
    [
      'approved, not sent yet',
      { decided: 'review', draftStatus: 'approved', reviewStatus: 'approved' },
      'scheduled',
    ],
    [
      'approved and sent',
      { decided: 'review', draftStatus: 'sent', reviewStatus: 'approved' },
      'sent',
    ],
    [
      'rejected by the reviewer',
      { decided: 'review', draftStatus: 'rejected', reviewStatus: 'rejected' },
      'skipped',
    ],
    [
      'held at send time (kill switch)',
      { decided: 'send', draftStatus: 'generated', reviewStatus: 'open' },
      'review',
    ],
  ] as const)('%s', (_name, f, expected) => {
    expect(settleStatus(facts(f))).toBe(expected);
  });
});
