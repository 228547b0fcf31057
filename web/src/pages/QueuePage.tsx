import { api } from '../api.ts';
import { Empty, ErrorBanner, Loaded, WarnBanner } from '../components/ui.tsx';
import { navigate } from '../router.ts';
import type { Campaign, Page, ReviewItem } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { BreakerBanner } from './BreakerBanner.tsx';
import { ConnectionProblems } from './ConnectionProblems.tsx';
import { ReviewCard } from './ReviewCard.tsx';

/** Drafts waiting on a person, newest first. */
export function QueuePage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const [reviews, reload] = useLoad(
    () =>
      api.get<Page<ReviewItem & Record<string, unknown>>>(
        `/workspaces/${workspaceId}/reviews?status=open&limit=50`,
      ),
    [workspaceId],
  );
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
            <div className="stack">
              {page.items.map((r) => (
                <ReviewCard key={r.id} workspaceId={workspaceId} review={r} onDone={reload} />
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
