import { eq } from 'drizzle-orm';
import { checkCampaignBreaker } from '../calibration/campaign-breaker.ts';
import { parseRejectReason, recordReviewOutcome } from '../calibration/record-review-outcome.ts';
import type { RejectReason } from '../calibration/review-outcome.ts';
import type { Config } from '../config/load-config.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { drafts, leads, messages, reviewOutcomes, reviewRequests } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { AutosendError } from '../errors.ts';
import { decideFollowupReview, followupOfReview } from '../followups/followup-review.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

export interface ReviewDeps {
  db: Db;
  queue: JobQueue;
  config: Config;
  logger: Logger;
}

/**
 * Opens a review request for a draft and queues its Slack notification, in
 * the caller's transaction. One review per draft (a unique key).
 */
export async function createReviewRequest(
  tx: DbOrTx,
  queue: JobQueue,
  input: { workspaceId: string; draftId: string; reason: string },
): Promise<{ id: string; created: boolean }> {
  const [created] = await tx
    .insert(reviewRequests)
    .values(input)
    .onConflictDoNothing({ target: reviewRequests.draftId })
    .returning({ id: reviewRequests.id });
  if (created) {
    await queue.enqueue('review.notify', { reviewRequestId: created.id }, { tx });
    return { id: created.id, created: true };
  }
  const [existing] = await tx
    .select({ id: reviewRequests.id })
    .from(reviewRequests)
    .where(eq(reviewRequests.draftId, input.draftId));
  return { id: existing!.id, created: false };
}

async function lockOpenReview(tx: DbOrTx, reviewRequestId: string) {
  const [row] = await tx
    .select({ review: reviewRequests, draft: drafts, lead: leads })
    .from(reviewRequests)
    .innerJoin(drafts, eq(drafts.id, reviewRequests.draftId))
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .where(eq(reviewRequests.id, reviewRequestId))
    .for('update', { of: reviewRequests });
  if (!row) throw new AutosendError('not_found', `review ${reviewRequestId} not found`);
  if (row.review.status !== 'open') {
    throw new AutosendError(
      'conflict',
      `review ${reviewRequestId} is already ${row.review.status}`,
    );
  }
  return row;
}

/**
 * Approves a held draft (optionally with an edited body) and queues its send
 * now. Refused when the lead has since been flagged or the draft moved on.
 */
export async function approveReview(
  deps: ReviewDeps,
  input: { reviewRequestId: string; actor: string; editedBody?: string },
): Promise<{ draftId: string | null; followupInstanceId?: string; sendAfter: Date }> {
  // A follow-up step awaiting approval shares the queue (followups/followup-review.ts).
  if (await followupOfReview(deps.db, input.reviewRequestId)) {
    const r = await decideFollowupReview(deps, { ...input, decision: 'approve' });
    return { draftId: null, followupInstanceId: r.followupInstanceId, sendAfter: r.sendAfter };
  }
  const sendAfter = new Date();
  const edited = input.editedBody?.trim();
  if (input.editedBody !== undefined && !edited) {
    throw new AutosendError('validation_failed', 'the edited body is empty', {
      details: { fields: { editedBody: 'must not be empty' } },
    });
  }
  const result = await deps.db.transaction(async (tx) => {
    const { review, draft, lead } = await lockOpenReview(tx, input.reviewRequestId);
    const flag = lead.optedOutAt ? 'opted out' : lead.bouncedAt ? 'bounced' : undefined;
    if (flag) {
      throw new AutosendError(
        'conflict',
        `the lead ${lead.email} has ${flag}: nothing may be sent`,
      );
    }
    if (draft.status === 'send_unknown') {
      throw new AutosendError(
        'conflict',
        `the reply may already have been delivered (send_unknown): check the mailbox; approving cannot re-send it, reject to close the review`,
      );
    }
    if (!edited && !draft.body.trim()) {
      throw new AutosendError(
        'validation_failed',
        `draft ${draft.id} has no text (the AI failed): approve it with the answer you wrote`,
        { details: { fields: { editedBody: 'is required: the draft is empty' } } },
      );
    }
    if (draft.status !== 'generated') {
      throw new AutosendError(
        'conflict',
        `draft ${draft.id} is ${draft.status}, not awaiting review`,
      );
    }
    await tx
      .update(reviewRequests)
      .set({
        status: 'approved',
        decidedBy: input.actor,
        decidedAt: sendAfter,
        editedBody: edited ?? null,
      })
      .where(eq(reviewRequests.id, review.id));
    await tx
      .update(drafts)
      .set({
        status: 'approved',
        sendAfter,
        updatedAt: sendAfter,
        ...(edited ? { body: edited } : {}),
      })
      .where(eq(drafts.id, draft.id));
    await recordReviewOutcome(tx, {
      review,
      draft,
      actor: input.actor,
      at: sendAfter,
      decision: { kind: 'approved', ...(edited ? { editedBody: edited } : {}) },
    });
    await recordDecisionEvent(tx, {
      messageId: draft.messageId,
      draftId: draft.id,
      step: 'review',
      outcome: 'approved',
      detail: {
        by: input.actor,
        edited: Boolean(edited),
        ...(edited ? { originalBody: draft.body } : {}),
      },
    });
    await deps.queue.enqueue(
      'reply.send',
      { draftId: draft.id },
      { tx, startAfter: sendAfter, singletonKey: draft.id },
    );
    deps.logger.info(
      { reviewRequestId: review.id, draftId: draft.id, by: input.actor },
      'review approved',
    );
    return { draftId: draft.id, sendAfter };
  });
  await reassessBreaker(deps, result.draftId);
  return result;
}

/** A decided review is breaker evidence: re-assess the draft's campaign (never fails the review). */
async function reassessBreaker(deps: ReviewDeps, draftId: string): Promise<void> {
  try {
    const [row] = await deps.db
      .select({ campaignId: reviewOutcomes.campaignId })
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.draftId, draftId));
    if (row?.campaignId) await checkCampaignBreaker(deps, row.campaignId);
  } catch (error) {
    deps.logger.error({ err: error, draftId }, 'could not re-assess the circuit breaker');
  }
}

/**
 * Rejects a held draft: it will never be sent. The reason is one of
 * REJECT_REASONS (calibration/review-outcome.ts; `other` when not given).
 */
export async function rejectReview(
  deps: ReviewDeps,
  input: { reviewRequestId: string; actor: string; note?: string; reason?: RejectReason | string },
): Promise<void> {
  if (await followupOfReview(deps.db, input.reviewRequestId)) {
    await decideFollowupReview(deps, { ...input, decision: 'reject' });
    return;
  }
  const now = new Date();
  const reason = parseRejectReason(input.reason);
  const draftId = await deps.db.transaction(async (tx) => {
    const { review, draft } = await lockOpenReview(tx, input.reviewRequestId);
    await tx
      .update(reviewRequests)
      .set({ status: 'rejected', decidedBy: input.actor, decidedAt: now })
      .where(eq(reviewRequests.id, review.id));
    // Closing a send_unknown review records the human's check; the draft keeps
    // saying its delivery is unknown rather than claiming it was never sent.
    if (draft.status !== 'send_unknown') {
      await tx
        .update(drafts)
        .set({ status: 'rejected', updatedAt: now })
        .where(eq(drafts.id, draft.id));
    }
    // A send_unknown review is a delivery check, not a verdict on the draft.
    if (draft.status !== 'send_unknown') {
      await recordReviewOutcome(tx, {
        review,
        draft,
        actor: input.actor,
        at: now,
        decision: { kind: 'rejected', reason, ...(input.note ? { note: input.note } : {}) },
      });
    }
    await recordDecisionEvent(tx, {
      messageId: draft.messageId,
      draftId: draft.id,
      step: 'review',
      outcome: 'rejected',
      reason,
      detail: { by: input.actor, ...(input.note ? { note: input.note } : {}) },
    });
    return draft.id;
  });
  await reassessBreaker(deps, draftId);
  deps.logger.info(
    { reviewRequestId: input.reviewRequestId, by: input.actor, reason },
    'review rejected',
  );
}
