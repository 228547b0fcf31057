import { describe, expect, it } from 'vitest';
import type { InstanceState } from './followup-types.ts';
import { type FollowupEvent, transitionInstance } from './transition-instance.ts';

const at = new Date('2026-12-02T10:00:00Z');
const later = new Date('2026-12-10T00:00:00Z');

const active: InstanceState = {
  status: 'active',
  pauseReason: null,
  stopReason: null,
  nextStep: 2,
  nextRunAt: new Date('2026-12-03T09:00:00Z'),
  pausedUntil: null,
  pausedAt: null,
  pauseDetail: {},
  approvedStep: null,
  lastSentAt: null,
};
const paused = (reason: InstanceState['pauseReason'], extra: Partial<InstanceState> = {}) =>
  ({
    ...active,
    status: 'paused',
    pauseReason: reason,
    nextRunAt: null,
    pausedAt: at,
    ...extra,
  }) as InstanceState;
const ended = (status: 'completed' | 'cancelled'): InstanceState => ({
  ...active,
  status,
  stopReason: 'x',
  nextRunAt: null,
});

type Row = [string, InstanceState, FollowupEvent, Partial<InstanceState> | null, string | null];

// [name, from, event, expected fields of the new state (null = no change), cause]
const table: Row[] = [
  [
    'reply pauses an active instance',
    active,
    { type: 'lead_replied', at, messageId: 'm1' },
    { status: 'paused', pauseReason: 'lead_replied', nextRunAt: null, pausedAt: at },
    'inbound_reply',
  ],
  [
    'reply replaces an out-of-office pause',
    paused('out_of_office', { pausedUntil: later }),
    { type: 'lead_replied', at },
    { pauseReason: 'lead_replied', pausedUntil: null },
    'inbound_reply',
  ],
  [
    'a second reply changes nothing',
    paused('lead_replied'),
    { type: 'lead_replied', at },
    null,
    null,
  ],
  [
    'reply leaves an uncertain send in front of a human',
    paused('send_uncertain'),
    { type: 'lead_replied', at },
    null,
    null,
  ],
  [
    'out of office with a date pauses until it',
    paused('lead_replied'),
    {
      type: 'out_of_office',
      at,
      until: later,
      returnDate: '2026-12-09',
      evidence: 'back on 9 December',
    },
    { pauseReason: 'out_of_office', pausedUntil: later },
    'out_of_office_with_date',
  ],
  [
    'out of office without a date uses the default period',
    active,
    { type: 'out_of_office', at, until: later, returnDate: null, evidence: null },
    { pauseReason: 'out_of_office', pausedUntil: later },
    'out_of_office_default_period',
  ],
  [
    'snooze pauses until the date',
    paused('lead_replied'),
    { type: 'lead_snoozed', at, until: later, evidence: 'March' },
    { pauseReason: 'lead_snoozed', pausedUntil: later },
    'lead_asked_for_later',
  ],
  [
    'bounce cancels',
    active,
    { type: 'lead_flagged', at, flag: 'bounced' },
    { status: 'cancelled', stopReason: 'bounced', pauseReason: null, nextRunAt: null },
    'lead_bounced',
  ],
  [
    'opt-out cancels a paused instance',
    paused('lead_replied'),
    { type: 'lead_flagged', at, flag: 'opted_out' },
    { status: 'cancelled', stopReason: 'opted_out', pauseReason: null },
    'lead_opted_out',
  ],
  [
    'booking completes',
    paused('awaiting_approval'),
    { type: 'lead_flagged', at, flag: 'booked' },
    { status: 'completed', stopReason: 'booked', pauseReason: null },
    'lead_booked',
  ],
  [
    'a step needing approval waits for it',
    active,
    { type: 'hold', at, reason: 'awaiting_approval', detail: { step: 2 } },
    { status: 'paused', pauseReason: 'awaiting_approval', pauseDetail: { step: 2 } },
    'awaiting_approval',
  ],
  [
    'a missing phone waits for enrichment',
    active,
    { type: 'hold', at, reason: 'awaiting_enrichment', detail: { needs: 'phone' } },
    { pauseReason: 'awaiting_enrichment' },
    'awaiting_enrichment',
  ],
  [
    'missing template fields are named',
    active,
    { type: 'hold', at, reason: 'missing_lead_data', detail: { fields: ['company'] } },
    { pauseReason: 'missing_lead_data', pauseDetail: { fields: ['company'] } },
    'missing_lead_data',
  ],
  [
    'approval resumes at once with the step approved',
    paused('awaiting_approval'),
    { type: 'approved', at, step: 2, by: 'cli:ann' },
    { status: 'active', approvedStep: 2, nextRunAt: at, pauseReason: null },
    'step_approved',
  ],
  [
    'approval of an instance not awaiting it changes nothing',
    paused('lead_replied'),
    { type: 'approved', at, step: 2, by: 'x' },
    null,
    null,
  ],
  [
    'an unknown send outcome pauses',
    active,
    { type: 'send_uncertain', at, step: 2, error: 'timeout' },
    { pauseReason: 'send_uncertain' },
    'send_outcome_unknown',
  ],
  [
    'a sent step schedules the next',
    active,
    { type: 'step_sent', at, step: 2, nextRunAt: later, messageId: '<m>' },
    { status: 'active', nextStep: 3, nextRunAt: later, lastSentAt: at },
    'step_sent',
  ],
  [
    'a step that left while a reply paused the instance is counted, the pause kept',
    paused('lead_replied'),
    { type: 'step_sent', at, step: 2, nextRunAt: later, messageId: '<m>' },
    { status: 'paused', pauseReason: 'lead_replied', nextStep: 3, lastSentAt: at, nextRunAt: null },
    'step_sent',
  ],
  [
    'the last step sent completes',
    active,
    { type: 'step_sent', at, step: 2, nextRunAt: null, messageId: '<m>' },
    { status: 'completed', stopReason: 'finished', nextStep: 3 },
    'last_step_sent',
  ],
  [
    'no steps left completes',
    active,
    { type: 'finished', at },
    { status: 'completed', stopReason: 'finished' },
    'no_more_steps',
  ],
  [
    'deferral moves the due time',
    active,
    { type: 'deferred', at, until: later, why: 'outside_sending_hours' },
    { status: 'active', nextRunAt: later },
    'outside_sending_hours',
  ],
  [
    'resume clears the pause and is due now',
    paused('out_of_office', { pausedUntil: at }),
    { type: 'resume', at, cause: 'return_date_passed' },
    { status: 'active', pauseReason: null, pausedUntil: null, pausedAt: null, nextRunAt: at },
    'return_date_passed',
  ],
  [
    'resume of an active instance changes nothing',
    active,
    { type: 'resume', at, cause: 'conversation_quiet' },
    null,
    null,
  ],
  [
    'cancel by hand',
    paused('send_uncertain'),
    { type: 'cancelled_by_hand', at, by: 'cli:ann', why: 'sent by hand' },
    { status: 'cancelled', stopReason: 'cancelled_by_hand' },
    'cancelled_by_hand',
  ],
  [
    'a completed instance ignores a reply',
    ended('completed'),
    { type: 'lead_replied', at },
    null,
    null,
  ],
  [
    'a cancelled instance ignores a resume',
    ended('cancelled'),
    { type: 'resume', at, cause: 'resumed_by_hand' },
    null,
    null,
  ],
  [
    'a cancelled instance is not re-flagged',
    ended('cancelled'),
    { type: 'lead_flagged', at, flag: 'booked' },
    null,
    null,
  ],
  [
    'a paused instance is not held again',
    paused('lead_replied'),
    { type: 'hold', at, reason: 'awaiting_approval', detail: {} },
    null,
    null,
  ],
];

describe('transitionInstance', () => {
  it.each(table)('%s', (_name, from, event, expected, cause) => {
    const result = transitionInstance(from, event);
    if (expected === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result).not.toBeNull();
    expect(result!.state).toMatchObject(expected);
    expect(result!.record).toMatchObject({
      fromStatus: from.status,
      toStatus: result!.state.status,
      cause,
      at,
    });
  });

  it('history names the reason left and the reason entered', () => {
    const r = transitionInstance(paused('lead_replied'), {
      type: 'resume',
      at,
      cause: 'conversation_quiet',
    });
    expect(r!.record).toMatchObject({
      fromStatus: 'paused',
      fromReason: 'lead_replied',
      toStatus: 'active',
      toReason: null,
    });
  });
});
