import type { DecisionEventInput } from '../decision/record-event.ts';
import type { TransitionRecord } from './followup-types.ts';

/** The decision-trail entry for what a reply did to the lead's follow-ups. */
export function followupsEvent(changes: TransitionRecord[]): Omit<DecisionEventInput, 'messageId'> {
  const last = changes[changes.length - 1]!;
  return {
    step: 'followups',
    outcome: last.toStatus,
    reason: last.toReason,
    detail: {
      instances: changes.length,
      causes: [...new Set(changes.map((c) => c.cause))],
      ...(last.detail['until'] ? { until: last.detail['until'] } : {}),
    },
  };
}
