import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBanner, Loaded, WarnBanner } from '../components/ui.tsx';
import { withCursor } from '../lib/pages.ts';
import { navigate } from '../router.ts';
import type { Campaign, Page, ReviewItem } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { BreakerBanner } from './BreakerBanner.tsx';
import { ConnectionProblems } from './ConnectionProblems.tsx';
import { ReviewCard } from './ReviewCard.tsx';

/** Drafts waiting on a person, newest first. */
export function QueuePage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const queueUrl = `/workspaces/${workspaceId}/reviews?status=open&limit=50`;
  const [reviews, reload] = useLoad(() => api.get<Page<QueueItem>>(queueUrl), [workspaceId]);
  const [failed] = useLoad(
    () =>
      api.get<Page<unknown>>(
        `/workspaces/${workspaceId}/notification-deliveries?status=failed&limit=1`,
      ),
    [workspaceId],
  );
  const [campaigns, reloadCampaigns] = useLoad(
    () => api.get<{ items: Campaign[] }>(`/workspaces/${workspaceId}/campaigns`),
    [workspaceId],
  );
  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">Review queue</h1>
        <button
          type="button"
          onClick={() => {
            reload();
            reloadCampaigns();
          }}
        >
          Refresh
        </button>
      </div>
      {campaigns.state === 'error' && (
        <ErrorBanner error={campaigns.error} title="Could not check the campaigns' breakers" />
      )}
      {campaigns.state === 'ready' &&
        campaigns.data.items
          .filter((c) => c.breaker.open)
          .map((c) => (
            <BreakerBanner
              key={c.id}
              workspaceId={workspaceId}
              campaign={c}
              breaker={c.breaker}
              isAdmin={isAdmin}
              onClosed={reloadCampaigns}
            />
          ))}
      <ConnectionProblems workspaceId={workspaceId} isAdmin={isAdmin} />
      {failed.state === 'ready' && failed.data.items.length > 0 && (
        <WarnBanner>
          <strong>Slack notifications are failing</strong> — reviewers may not know these wait.{' '}
          <a
            href={`/w/${workspaceId}/slack`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/w/${workspaceId}/slack`);
            }}
          >
            See the Slack page
          </a>
        </WarnBanner>
      )}
      <Loaded load={reviews} what="the review queue">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="Nothing waits for review">
              Drafts below a campaign's confidence gate, or in manual campaigns, appear here.
            </Empty>
          ) : (
            <QueueList workspaceId={workspaceId} url={queueUrl} first={page} onDone={reload} />
          )
        }
      </Loaded>
    </section>
  );
}

type QueueItem = ReviewItem & Record<string, unknown>;

/** The first page of the queue, and older pages one click at a time (by cursor). */
function QueueList({
  workspaceId,
  url,
  first,
  onDone,
}: {
  workspaceId: string;
  url: string;
  first: Page<QueueItem>;
  onDone: () => void;
}) {
  const [older, setOlder] = useState<Page<QueueItem>>({ items: [], nextCursor: first.nextCursor });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    setOlder({ items: [], nextCursor: first.nextCursor });
    setError(null);
  }, [first]);
  const loadOlder = async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<Page<QueueItem>>(withCursor(url, older.nextCursor));
      setOlder((o) => ({ items: [...o.items, ...page.items], nextCursor: page.nextCursor }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="stack">
      {[...first.items, ...older.items].map((r) => (
        <ReviewCard key={r.id} workspaceId={workspaceId} review={r} onDone={onDone} />
      ))}
      {error && <ErrorBanner error={error} title="Could not load older reviews" />}
      {older.nextCursor && (
        <button type="button" disabled={loading} onClick={loadOlder}>
          {loading ? 'Loading…' : 'Show older reviews'}
        </button>
      )}
    </div>
  );
}
