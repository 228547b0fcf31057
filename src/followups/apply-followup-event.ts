import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { followupInstances, followupSequences, followupTransitions } from '../db/schema.ts';
import { closeFollowupReviews } from './close-followup-reviews.ts';
import type { InstanceState, PauseReason, TransitionRecord } from './followup-types.ts';
import { type FollowupEvent, transitionInstance } from './transition-instance.ts';

export type InstanceRow = typeof followupInstances.$inferSelect;
export type SequenceRow = typeof followupSequences.$inferSelect;

/** The columns of a row the state machine works on. */
export function stateOf(row: InstanceRow): InstanceState {
  return {
    status: row.status,
    pauseReason: row.pauseReason as PauseReason | null,
    stopReason: row.stopReason,
    nextStep: row.nextStep,
    nextRunAt: row.nextRunAt,
    pausedUntil: row.pausedUntil,
    pausedAt: row.pausedAt,
    pauseDetail: (row.pauseDetail ?? {}) as Record<string, unknown>,
    approvedStep: row.approvedStep,
    lastSentAt: row.lastSentAt,
  };
}

/**
 * Applies one event to one instance: the new state and its history row in
 * the caller's transaction. Returns the history row, or null when the event
 * changed nothing. The caller holds the row (select … for update).
 */
export async function applyFollowupEvent(
  tx: DbOrTx,
  row: InstanceRow,
  event: FollowupEvent,
  extra: Partial<Pick<InstanceRow, 'lastError' | 'lastErrorAt'>> = {},
): Promise<TransitionRecord | null> {
  const result = transitionInstance(stateOf(row), event);
  if (!result) return null;
  const s = result.state;
  await tx
    .update(followupInstances)
    .set({
      status: s.status,
      pauseReason: s.pauseReason,
      stopReason: s.stopReason,
      nextStep: s.nextStep,
      nextRunAt: s.nextRunAt,
      pausedUntil: s.pausedUntil,
      pausedAt: s.pausedAt,
      pauseDetail: s.pauseDetail,
      approvedStep: s.approvedStep,
      lastSentAt: s.lastSentAt,
      ...extra,
      updatedAt: event.at,
    })
    .where(eq(followupInstances.id, row.id));
  await recordTransition(tx, row.id, result.record);
  if (row.pauseReason === 'awaiting_approval' && s.pauseReason !== 'awaiting_approval') {
    await closeFollowupReviews(tx, row.id, {
      ...(event.type === 'approved' ? { approvedBy: event.by } : {}),
      at: event.at,
    });
  }
  return result.record;
}

/** Appends one history row. */
export async function recordTransition(
  tx: DbOrTx,
  instanceId: string,
  r: TransitionRecord,
): Promise<void> {
  await tx.insert(followupTransitions).values({
    instanceId,
    fromStatus: r.fromStatus,
    fromReason: r.fromReason,
    toStatus: r.toStatus,
    toReason: r.toReason,
    cause: r.cause,
    detail: r.detail,
    at: r.at,
  });
}

/**
 * Applies an event to every running instance of a lead (locked, in the
 * caller's transaction). `eventFor` builds the event per instance and its
 * sequence, or returns null to leave one alone. Returns the changes made.
 */
export async function applyToLeadInstances(
  tx: DbOrTx,
  leadId: string,
  eventFor: (row: InstanceRow, sequence: SequenceRow) => FollowupEvent | null,
): Promise<TransitionRecord[]> {
  const rows = await tx
    .select({ instance: followupInstances, sequence: followupSequences })
    .from(followupInstances)
    .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .where(
      and(
        eq(followupInstances.leadId, leadId),
        inArray(followupInstances.status, ['active', 'paused']),
      ),
    )
    .orderBy(followupInstances.id)
    .for('update', { of: followupInstances });
  const changes: TransitionRecord[] = [];
  for (const { instance, sequence } of rows) {
    const event = eventFor(instance, sequence);
    if (!event) continue;
    const record = await applyFollowupEvent(tx, instance, event);
    if (record) changes.push(record);
  }
  return changes;
}
