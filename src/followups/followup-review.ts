import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { followupInstances, followupSequences, leads, reviewRequests } from '../db/schema.ts';
import type { ReviewReason } from '../decision/reasons.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { applyFollowupEvent } from './apply-followup-event.ts';

/** The review reason of a follow-up step that needs approval. */
export const FOLLOWUP_APPROVAL_REASON: ReviewReason = 'followup_approval';

/**
 * Follow-up steps that need approval go to the same review queue as replies:
 * one open review request per instance and step, its Slack notification
 * queued in the same transaction. Without a queue (a one-off CLI tick) the
 * request is still opened and listed; `autosend slack retry` notifies it.
 */
export async function openFollowupReview(
  tx: DbOrTx,
  queue: JobQueue | undefined,
  input: { workspaceId: string; instanceId: string; step: number },
): Promise<{ id: string; created: boolean; notified: boolean }> {
  const [created] = await tx
    .insert(reviewRequests)
    .values({
      workspaceId: input.workspaceId,
      followupInstanceId: input.instanceId,
      followupStep: input.step,
      reason: FOLLOWUP_APPROVAL_REASON,
    })
    .onConflictDoNothing()
    .returning({ id: reviewRequests.id });
  if (!created) {
    const [existing] = await tx
      .select({ id: reviewRequests.id })
      .from(reviewRequests)
      .where(
        and(
          eq(reviewRequests.followupInstanceId, input.instanceId),
          eq(reviewRequests.followupStep, input.step),
          eq(reviewRequests.status, 'open'),
        ),
      );
    return { id: existing!.id, created: false, notified: false };
  }
  if (queue) await queue.enqueue('review.notify', { reviewRequestId: created.id }, { tx });
  return { id: created.id, created: true, notified: Boolean(queue) };
}

/** The follow-up a review request is about, or null when it is a reply's review. */
export async function followupOfReview(
  db: DbOrTx,
  reviewRequestId: string,
): Promise<{ instanceId: string; step: number } | null> {
  const [row] = await db
    .select({ instanceId: reviewRequests.followupInstanceId, step: reviewRequests.followupStep })
    .from(reviewRequests)
    .where(eq(reviewRequests.id, reviewRequestId));
  return row?.instanceId && row.step !== null
    ? { instanceId: row.instanceId, step: row.step }
    : null;
}

/**
 * A reviewer's decision on a follow-up step, through the normal review path
 * (CLI `review approve|reject`, the API, Slack buttons). Approve: the step
 * goes out on the next tick, without asking again. Reject: the step is never
 * sent and the lead's sequence is cancelled (`cancelled_by_hand`, with the
 * note). Refused (conflict) when the review is no longer open or the lead has
 * since been flagged; an edited body is refused (edit the sequence instead).
 */
export async function decideFollowupReview(
  deps: { db: Db; queue: JobQueue; logger: Logger },
  input: {
    reviewRequestId: string;
    actor: string;
    decision: 'approve' | 'reject';
    note?: string;
    editedBody?: string;
  },
): Promise<{ followupInstanceId: string; step: number; sendAfter: Date }> {
  if (input.editedBody !== undefined) {
    throw new AutosendError(
      'validation_failed',
      'a follow-up step cannot be edited while approving it: edit the sequence (autosend followups sequence update), then approve',
      { details: { fields: { editedBody: 'not supported for follow-up steps' } } },
    );
  }
  const at = new Date();
  const result = await deps.db.transaction(async (tx) => {
    const [review] = await tx
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.id, input.reviewRequestId))
      .for('update');
    if (!review?.followupInstanceId || review.followupStep === null) {
      throw new AutosendError('not_found', `review ${input.reviewRequestId} not found`);
    }
    if (review.status !== 'open') {
      throw new AutosendError('conflict', `review ${review.id} is already ${review.status}`);
    }
    const [row] = await tx
      .select({
        instance: followupInstances,
        lead: leads,
        workspaceId: followupSequences.workspaceId,
      })
      .from(followupInstances)
      .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
      .innerJoin(leads, eq(leads.id, followupInstances.leadId))
      .where(eq(followupInstances.id, review.followupInstanceId))
      .for('update', { of: followupInstances });
    if (!row)
      throw new AutosendError('not_found', `follow-up ${review.followupInstanceId} not found`);
    const { instance, lead } = row;
    const step = review.followupStep;
    if (input.decision === 'approve') {
      const flag = lead.optedOutAt
        ? 'opted out'
        : lead.bouncedAt
          ? 'bounced'
          : lead.bookedAt
            ? 'booked'
            : null;
      if (flag)
        throw new AutosendError(
          'conflict',
          `the lead ${lead.email} has ${flag}: nothing may be sent`,
        );
      const record = await applyFollowupEvent(tx, instance, {
        type: 'approved',
        at,
        step,
        by: input.actor,
      });
      if (!record) {
        throw new AutosendError(
          'conflict',
          `follow-up ${instance.id} is no longer awaiting approval of step ${step}`,
        );
      }
    } else {
      await tx
        .update(reviewRequests)
        .set({ status: 'rejected', decidedBy: input.actor, decidedAt: at })
        .where(eq(reviewRequests.id, review.id));
      await applyFollowupEvent(tx, instance, {
        type: 'cancelled_by_hand',
        at,
        by: input.actor,
        why: `step ${step} rejected in review${input.note ? `: ${input.note}` : ''}`,
      });
    }
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actor: input.actor,
      action: input.decision === 'approve' ? 'review.approve' : 'review.reject',
      entityType: 'review_request',
      entityId: review.id,
      before: { status: 'open' },
      after: {
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        followupInstanceId: instance.id,
        step,
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return { followupInstanceId: instance.id, step, sendAfter: at };
  });
  if (input.decision === 'approve') {
    // Prompt, not required: the scheduled tick would send it within a minute anyway.
    await deps.queue
      .enqueue('followup.tick', {})
      .catch((err: unknown) =>
        deps.logger.warn({ err }, 'could not queue a follow-up tick after approval'),
      );
  }
  deps.logger.info(
    { reviewRequestId: input.reviewRequestId, by: input.actor, decision: input.decision },
    `follow-up review ${input.decision === 'approve' ? 'approved' : 'rejected'}`,
  );
  return result;
}
