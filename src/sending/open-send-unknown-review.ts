import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

/**
 * Opens (or re-opens: a draft approved by a reviewer already has its one
 * review row) a `send_unknown` review for a draft whose delivery cannot be
 * confirmed, and queues its Slack notification, in the caller's transaction.
 * The review asks a human to check the mailbox; approving cannot re-send it.
 */
export async function openSendUnknownReview(
  tx: DbOrTx,
  queue: JobQueue,
  input: { workspaceId: string; draftId: string },
): Promise<string> {
  const result = await tx.execute<{ id: string }>(sql`
    insert into review_requests (workspace_id, draft_id, reason)
    values (${input.workspaceId}, ${input.draftId}, 'send_unknown')
    on conflict (draft_id) do update set
      reason = 'send_unknown', status = 'open', decided_by = null, decided_at = null
    returning id`);
  const id = result.rows[0]!.id;
  await queue.enqueue('review.notify', { reviewRequestId: id }, { tx });
  return id;
}
