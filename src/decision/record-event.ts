import type { DbOrTx } from '../db/client.ts';
import { decisionEvents } from '../db/schema.ts';

/** Steps of the story of one reply, in the order they usually happen. */
export type DecisionStep =
  | 'ingest'
  | 'gates'
  | 'classify'
  | 'followups'
  | 'should_draft'
  | 'booking_claim'
  | 'availability'
  | 'draft'
  | 'evaluate'
  | 'guards'
  | 'decide'
  | 'review'
  | 'notify'
  | 'send'
  | 'backfill'
  /** After an automatic send: what the lead's next message (or silence) said about it. */
  | 'post_send';

export interface DecisionEventInput {
  messageId: string;
  draftId?: string | null;
  step: DecisionStep;
  /** What happened: passed, hit, skipped, review, scheduled, sent, failed, ... */
  outcome: string;
  /** A reason from decision/reasons.ts or an error code, when there is one. */
  reason?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** Appends one row to the reply's decision trail (read by `autosend explain`). */
export async function recordDecisionEvent(db: DbOrTx, event: DecisionEventInput): Promise<void> {
  await db.insert(decisionEvents).values(decisionEventRow(event));
}

/** Appends rows to decision trails in one statement, in the order given (ids ascend with it). */
export async function recordDecisionEvents(
  db: DbOrTx,
  events: DecisionEventInput[],
): Promise<void> {
  const insert = insertDecisionEvents(db, events);
  if (insert) await insert;
}

/**
 * The multi-row insert of `events`, unsent (null when there are none), for
 * callers that send it together with other writes (run-writes-together.ts).
 */
export function insertDecisionEvents(db: DbOrTx, events: DecisionEventInput[]) {
  if (!events.length) return null;
  return db.insert(decisionEvents).values(events.map(decisionEventRow));
}

function decisionEventRow(event: DecisionEventInput): typeof decisionEvents.$inferInsert {
  return {
    messageId: event.messageId,
    draftId: event.draftId ?? null,
    step: event.step,
    outcome: event.outcome,
    reason: event.reason ?? null,
    detail: event.detail ?? {},
    ...(event.at ? { at: event.at } : {}),
  };
}
