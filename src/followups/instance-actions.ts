import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import {
  followupInstances,
  followupSequences,
  followupTransitions,
  leads,
  sendLedger,
} from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { applyFollowupEvent, type InstanceRow } from './apply-followup-event.ts';
import { followupLedgerKey } from './load-instance-context.ts';
import type { FollowupEvent } from './transition-instance.ts';

/**
 * What a person does to one instance: approve the step it waits on, resume
 * it (after checking an uncertain send, say), or cancel it. Each is audited
 * and written to the instance's history.
 */

async function lockInstance(
  tx: DbOrTx,
  workspaceId: string,
  instanceId: string,
): Promise<InstanceRow> {
  const [row] = await tx
    .select({ instance: followupInstances })
    .from(followupInstances)
    .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .where(
      and(eq(followupSequences.workspaceId, workspaceId), eq(followupInstances.id, instanceId)),
    )
    .for('update', { of: followupInstances });
  if (!row) throw new AutosendError('not_found', `follow-up ${instanceId} not found`);
  return row.instance;
}

export type InstanceAction = 'approve' | 'resume' | 'cancel';

/** Applies a person's action; refuses (conflict) when the instance is not in a state it applies to. */
export async function actOnInstance(
  db: Db,
  ref: { workspaceId: string; instanceId: string; actor: string },
  action: InstanceAction,
  /**
   * `delivered`: resuming a `send_uncertain` pause needs the person to say
   * whether the step reached the lead (checked in the mailbox or platform):
   * false sends it again on the next tick, true records it as sent and moves
   * on to the next step. Either way nothing is sent twice by guesswork.
   */
  options: { reason?: string; delivered?: boolean } = {},
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const row = await lockInstance(tx, ref.workspaceId, ref.instanceId);
    const step = Number((row.pauseDetail as { step?: number }).step ?? row.nextStep);
    if (action === 'resume' && row.pauseReason === 'send_uncertain') {
      await settleUncertainSend(tx, row.id, step, ref.actor, options.delivered, now);
    }
    const event: FollowupEvent =
      action === 'approve'
        ? { type: 'approved', at: now, step, by: ref.actor }
        : action === 'resume'
          ? {
              type: 'resume',
              at: now,
              cause: 'resumed_by_hand',
              detail: {
                by: ref.actor,
                why: options.reason ?? null,
                ...(options.delivered !== undefined ? { delivered: options.delivered } : {}),
              },
            }
          : { type: 'cancelled_by_hand', at: now, by: ref.actor, why: options.reason ?? '' };
    const record = await applyFollowupEvent(tx, row, event);
    if (!record) {
      const state = row.pauseReason ? `paused: ${row.pauseReason}` : row.status;
      const need =
        action === 'approve'
          ? 'paused: awaiting_approval'
          : action === 'resume'
            ? 'paused'
            : 'active or paused';
      throw new AutosendError(
        'conflict',
        `follow-up ${row.id} is ${state}; ${action} needs ${need}`,
      );
    }
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor: ref.actor,
      action: `followup.${action}`,
      entityType: 'followup_instance',
      entityId: row.id,
      before: { status: row.status, pauseReason: row.pauseReason },
      after: {
        status: record.toStatus,
        reason: record.toReason,
        ...(options.reason ? { why: options.reason } : {}),
        ...(options.delivered !== undefined ? { delivered: options.delivered } : {}),
      },
    });
    return { id: row.id, status: record.toStatus, reason: record.toReason, cause: record.cause };
  });
}

/**
 * Settles the send key of a step whose delivery was uncertain, as the person
 * found it: not delivered releases the key (the tick sends the step again);
 * delivered marks it sent, which the tick then records as the step's send
 * (outbound message, next step's due time) without sending anything.
 */
async function settleUncertainSend(
  tx: DbOrTx,
  instanceId: string,
  step: number,
  actor: string,
  delivered: boolean | undefined,
  now: Date,
): Promise<void> {
  if (delivered === undefined) {
    throw new ValidationError(
      `step ${step} may or may not have reached the lead: check the mailbox or platform, then say whether it was delivered`,
      { delivered: 'required to resume a send_uncertain follow-up: true or false' },
    );
  }
  const key = followupLedgerKey(instanceId, step);
  if (!delivered) {
    await tx.delete(sendLedger).where(eq(sendLedger.idempotencyKey, key));
    return;
  }
  await tx
    .update(sendLedger)
    .set({ status: 'sent', error: `delivery confirmed by ${actor}`, finishedAt: now })
    .where(eq(sendLedger.idempotencyKey, key));
}

/** One instance with its whole history, oldest first. */
export async function instanceHistory(db: Db, workspaceId: string, instanceId: string) {
  const [row] = await db
    .select({
      instance: followupInstances,
      sequenceName: followupSequences.name,
      leadEmail: leads.email,
    })
    .from(followupInstances)
    .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .innerJoin(leads, eq(leads.id, followupInstances.leadId))
    .where(
      and(eq(followupSequences.workspaceId, workspaceId), eq(followupInstances.id, instanceId)),
    );
  if (!row) throw new AutosendError('not_found', `follow-up ${instanceId} not found`);
  const history = await db
    .select()
    .from(followupTransitions)
    .where(eq(followupTransitions.instanceId, instanceId))
    .orderBy(asc(followupTransitions.id));
  const i = row.instance;
  return {
    id: i.id,
    sequenceId: i.sequenceId,
    sequenceName: row.sequenceName,
    leadEmail: row.leadEmail,
    status: i.status,
    pauseReason: i.pauseReason,
    stopReason: i.stopReason,
    nextStep: i.nextStep,
    nextRunAt: i.nextRunAt?.toISOString() ?? null,
    pausedUntil: i.pausedUntil?.toISOString() ?? null,
    pauseDetail: i.pauseDetail,
    lastSentAt: i.lastSentAt?.toISOString() ?? null,
    lastError: i.lastError,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      from: h.fromReason ? `${h.fromStatus}: ${h.fromReason}` : h.fromStatus,
      to: h.toReason ? `${h.toStatus}: ${h.toReason}` : h.toStatus,
      cause: h.cause,
      detail: h.detail,
    })),
  };
}
