import { useEffect } from 'react';
import { api } from '../api.ts';
import { ErrorBanner, Loading } from '../components/ui.tsx';
import { findInPages, withCursor } from '../lib/pages.ts';
import { navigate } from '../router.ts';
import type { Me, Page, ReviewItem } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * /reviews/{id}, the URL Slack messages link to: finds the review among the
 * user's workspaces and opens its reply. Another workspace's review is not found.
 */
export function ReviewLink({ me, reviewId }: { me: Me; reviewId: string }) {
  const [found] = useLoad(async () => {
    for (const w of me.workspaces) {
      const review = await findInPages(
        (cursor) =>
          api.get<Page<ReviewItem>>(withCursor(`/workspaces/${w.id}/reviews?limit=200`, cursor)),
        (r) => r.id === reviewId,
      );
      if (review) return { workspaceId: w.id, messageId: review.messageId };
    }
    return null;
  }, [reviewId]);
  useEffect(() => {
    if (found.state === 'ready' && found.data) {
      // A follow-up step has no reply to open: it is decided in the workspace's queue.
      navigate(
        found.data.messageId
          ? `/w/${found.data.workspaceId}/messages/${found.data.messageId}`
          : `/w/${found.data.workspaceId}/queue`,
      );
    }
  }, [found]);
  if (found.state === 'error')
    return <ErrorBanner error={found.error} title="Could not open the review" />;
  if (found.state === 'ready' && !found.data) {
    return (
      <ErrorBanner
        title="Review not found"
        error={`Review ${reviewId} does not exist or is not in your workspaces.`}
      />
    );
  }
  return <Loading what="the review" />;
}
