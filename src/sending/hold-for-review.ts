import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { drafts, reviewRequests } from '../db/schema.ts';
import type { ReviewReason, SkipReason } from '../decision/reasons.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { ErrorCode } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createReviewRequest } from '../review/review-actions.ts';
import type { SendContext } from './load-send-context.ts';

/**
 * Turns an automatic send into a review request (kill switch, daily cap): one
 * request per draft, its notification job written in the same transaction.
 */
export async function holdForReview(
  db: Db,
  queue: JobQueue,
  input: { ctx: SendContext; reason: ReviewReason; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  const { ctx, at } = input;
  await db.transaction(async (tx) => {
    const review = await createReviewRequest(tx, queue, {
      workspaceId: ctx.inbound.workspaceId,
      draftId: ctx.draft.id,
      reason: input.reason,
    });
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: 'review',
      reason: input.reason,
      detail: { reviewRequestCreated: review.created, ...input.detail },
      at,
    });
  });
}

/**
 * Closes a draft that must never be sent (superseded, or failed before any
 * send attempt) with the reason on the trail. Only an unsent draft changes.
 */
export async function closeUnsentDraft(
  db: Db,
  input: {
    ctx: SendContext;
    status: 'superseded' | 'failed';
    reason: SkipReason | ErrorCode;
    at: Date;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const { ctx, at } = input;
  await db.transaction(async (tx) => {
    await tx
      .update(drafts)
      .set({ status: input.status, updatedAt: at })
      .where(and(eq(drafts.id, ctx.draft.id), inArray(drafts.status, ['generated', 'approved'])));
    if (ctx.review?.status === 'open') {
      await tx
        .update(reviewRequests)
        .set({ status: 'superseded' })
        .where(eq(reviewRequests.id, ctx.review.id));
    }
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: input.status,
      reason: input.reason,
      detail: input.detail ?? {},
      at,
    });
  });
}
