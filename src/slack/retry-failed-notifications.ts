import { and, eq, exists, inArray, not, or, type SQL } from 'drizzle-orm';
import { reviewNotifications, reviewRequests } from '../db/schema.ts';
import { type NotifyDeps, type NotifyResult, notifyReviewers } from './notify-reviewers.ts';

/**
 * Re-sends what did not arrive, for open reviews: targets that failed (a
 * missing scope since fixed, a token since replaced), targets left pending by
 * exhausted retries, and reviews never notified at all (no token or no
 * reviewers at the time). The claims still guarantee one DM per reviewer.
 */
export async function retryFailedNotifications(
  deps: NotifyDeps,
  filter: { workspaceId?: string } = {},
): Promise<NotifyResult[]> {
  const unfinished = deps.db
    .select({ one: reviewNotifications.id })
    .from(reviewNotifications)
    .where(
      and(
        eq(reviewNotifications.reviewRequestId, reviewRequests.id),
        inArray(reviewNotifications.status, ['failed', 'pending']),
      ),
    );
  const any = deps.db
    .select({ one: reviewNotifications.id })
    .from(reviewNotifications)
    .where(eq(reviewNotifications.reviewRequestId, reviewRequests.id));
  const conditions: SQL[] = [eq(reviewRequests.status, 'open')];
  if (filter.workspaceId) conditions.push(eq(reviewRequests.workspaceId, filter.workspaceId));
  const rows = await deps.db
    .select({ id: reviewRequests.id })
    .from(reviewRequests)
    .where(and(...conditions, or(exists(unfinished), not(exists(any)))))
    .orderBy(reviewRequests.createdAt);
  const results: NotifyResult[] = [];
  for (const row of rows) results.push(await notifyReviewers(deps, row.id, { retryFailed: true }));
  return results;
}
