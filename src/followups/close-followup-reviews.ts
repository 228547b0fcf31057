import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { reviewRequests } from '../db/schema.ts';

/**
 * The instance left awaiting_approval: its open review closes with it. By an
 * approval (from the review queue or `followups approve`) it is approved by
 * that person; by anything else (a reply, a booking, a cancel) superseded.
 */
export async function closeFollowupReviews(
  tx: DbOrTx,
  instanceId: string,
  close: { approvedBy?: string; at: Date },
): Promise<void> {
  await tx
    .update(reviewRequests)
    .set(
      close.approvedBy
        ? { status: 'approved', decidedBy: close.approvedBy, decidedAt: close.at }
        : { status: 'superseded' },
    )
    .where(
      and(eq(reviewRequests.followupInstanceId, instanceId), eq(reviewRequests.status, 'open')),
    );
}
