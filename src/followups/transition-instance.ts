import type { InstanceState, PauseReason, TransitionRecord } from './followup-types.ts';

/**
 * The follow-up state machine: one event in, the next state and the history
 * row out (or null when the event changes nothing). Pure: every instant comes
 * in with the event. Ended instances (completed, cancelled) never change.
 */

export type FollowupEvent =
  | { type: 'lead_replied'; at: Date; messageId?: string }
  | {
      type: 'out_of_office';
      at: Date;
      until: Date;
      returnDate: string | null;
      evidence: string | null;
    }
  | { type: 'lead_snoozed'; at: Date; until: Date; evidence: string }
  | { type: 'lead_flagged'; at: Date; flag: 'opted_out' | 'bounced' | 'booked'; evidence?: string }
  | {
      type: 'hold';
      at: Date;
      reason: 'awaiting_approval' | 'awaiting_enrichment' | 'missing_lead_data';
      detail: Record<string, unknown>;
    }
  | { type: 'send_uncertain'; at: Date; step: number; error: string }
  | { type: 'step_sent'; at: Date; step: number; nextRunAt: Date | null; messageId: string }
  | {
      type: 'deferred';
      at: Date;
      until: Date;
      why: 'outside_sending_hours' | 'daily_channel_limit';
    }
  | { type: 'resume'; at: Date; cause: ResumeCause; detail?: Record<string, unknown> }
  | { type: 'approved'; at: Date; step: number; by: string }
  | { type: 'finished'; at: Date }
  | { type: 'cancelled_by_hand'; at: Date; by: string; why: string };

export type ResumeCause =
  | 'conversation_quiet'
  | 'return_date_passed'
  | 'snooze_ended'
  | 'enrichment_arrived'
  | 'lead_data_arrived'
  | 'resumed_by_hand'
  | 'auto_reply_not_a_reply';

export type TransitionResult = { state: InstanceState; record: TransitionRecord } | null;

const ENDED = new Set(['completed', 'cancelled']);

function cleared(state: InstanceState): InstanceState {
  return { ...state, pauseReason: null, pausedUntil: null, pausedAt: null, pauseDetail: {} };
}

function pause(
  state: InstanceState,
  reason: PauseReason,
  at: Date,
  detail: Record<string, unknown>,
  until: Date | null = null,
): InstanceState {
  return {
    ...state,
    status: 'paused',
    pauseReason: reason,
    pausedUntil: until,
    pausedAt: at,
    pauseDetail: detail,
    nextRunAt: null,
  };
}

function end(state: InstanceState, status: 'completed' | 'cancelled', why: string): InstanceState {
  return { ...cleared(state), status, stopReason: why, nextRunAt: null };
}

/** The next state for an event, or null when it changes nothing. */
function nextState(
  s: InstanceState,
  e: FollowupEvent,
): { state: InstanceState; cause: string; detail: Record<string, unknown> } | null {
  if (ENDED.has(s.status)) return null;
  switch (e.type) {
    case 'lead_flagged':
      return e.flag === 'booked'
        ? {
            state: end(s, 'completed', 'booked'),
            cause: 'lead_booked',
            detail: { evidence: e.evidence },
          }
        : {
            state: end(s, 'cancelled', e.flag),
            cause: `lead_${e.flag}`,
            detail: { evidence: e.evidence },
          };
    case 'cancelled_by_hand':
      return {
        state: end(s, 'cancelled', 'cancelled_by_hand'),
        cause: 'cancelled_by_hand',
        detail: { by: e.by, why: e.why },
      };
    case 'lead_replied':
      // An uncertain send stays in front of a human; a second reply changes nothing.
      if (s.pauseReason === 'send_uncertain' || s.pauseReason === 'lead_replied') return null;
      return {
        state: pause(s, 'lead_replied', e.at, { messageId: e.messageId ?? null }),
        cause: 'inbound_reply',
        detail: { messageId: e.messageId ?? null },
      };
    case 'out_of_office':
      if (s.pauseReason === 'send_uncertain') return null;
      return {
        state: pause(
          s,
          'out_of_office',
          e.at,
          { returnDate: e.returnDate, evidence: e.evidence },
          e.until,
        ),
        cause: e.returnDate ? 'out_of_office_with_date' : 'out_of_office_default_period',
        detail: { until: e.until.toISOString(), returnDate: e.returnDate, evidence: e.evidence },
      };
    case 'lead_snoozed':
      if (s.pauseReason === 'send_uncertain') return null;
      return {
        state: pause(s, 'lead_snoozed', e.at, { evidence: e.evidence }, e.until),
        cause: 'lead_asked_for_later',
        detail: { until: e.until.toISOString(), evidence: e.evidence },
      };
    case 'hold':
      if (s.status !== 'active') return null;
      return { state: pause(s, e.reason, e.at, e.detail), cause: e.reason, detail: e.detail };
    case 'send_uncertain':
      if (s.status !== 'active') return null;
      return {
        state: pause(s, 'send_uncertain', e.at, { step: e.step, error: e.error }),
        cause: 'send_outcome_unknown',
        detail: { step: e.step, error: e.error },
      };
    case 'step_sent': {
      const sent = { ...s, nextStep: e.step + 1, lastSentAt: e.at, approvedStep: null };
      const detail = { step: e.step, messageId: e.messageId };
      // A reply that paused the instance while the step was on its way keeps it paused.
      if (s.status === 'paused') return { state: sent, cause: 'step_sent', detail };
      return e.nextRunAt
        ? {
            state: { ...sent, nextRunAt: e.nextRunAt },
            cause: 'step_sent',
            detail: { ...detail, nextRunAt: e.nextRunAt.toISOString() },
          }
        : { state: end(sent, 'completed', 'finished'), cause: 'last_step_sent', detail };
    }
    case 'deferred':
      if (s.status !== 'active') return null;
      return {
        state: { ...s, nextRunAt: e.until },
        cause: e.why,
        detail: { until: e.until.toISOString() },
      };
    case 'resume':
      if (s.status !== 'paused') return null;
      return {
        state: { ...cleared(s), status: 'active', nextRunAt: e.at },
        cause: e.cause,
        detail: e.detail ?? {},
      };
    case 'approved':
      if (s.pauseReason !== 'awaiting_approval') return null;
      return {
        state: { ...cleared(s), status: 'active', approvedStep: e.step, nextRunAt: e.at },
        cause: 'step_approved',
        detail: { step: e.step, by: e.by },
      };
    case 'finished':
      if (s.status !== 'active') return null;
      return { state: end(s, 'completed', 'finished'), cause: 'no_more_steps', detail: {} };
  }
}

/** Applies one event: the new state and its history row, or null when nothing changes. */
export function transitionInstance(state: InstanceState, event: FollowupEvent): TransitionResult {
  const next = nextState(state, event);
  if (!next) return null;
  return {
    state: next.state,
    record: {
      fromStatus: state.status,
      fromReason: state.pauseReason ?? state.stopReason,
      toStatus: next.state.status,
      toReason: next.state.pauseReason ?? next.state.stopReason,
      cause: next.cause,
      detail: next.detail,
      at: event.at,
    },
  };
}
