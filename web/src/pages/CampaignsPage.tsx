import { api } from '../api.ts';
import { Empty, Loaded } from '../components/ui.tsx';
import { navigate } from '../router.ts';
import type { Campaign } from '../types.ts';
import { useLoad } from '../use-load.ts';

export function CampaignsPage({ workspaceId }: { workspaceId: string }) {
  const [campaigns] = useLoad(
    () => api.get<{ items: Campaign[] }>(`/workspaces/${workspaceId}/campaigns`),
    [workspaceId],
  );
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">Campaigns</h1>
      <Loaded load={campaigns} what="campaigns">
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="No campaigns yet">
              Campaigns appear when their first webhook arrives.
            </Empty>
          ) : (
            <table>
              <caption className="sr-only">Campaigns</caption>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Gate</th>
                  <th scope="col">Reviewers</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const href = `/w/${workspaceId}/campaigns/${c.id}/booking`;
                  return (
                    <tr key={c.id}>
                      <td>
                        <a
                          href={href}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate(href);
                          }}
                        >
                          {c.name}
                        </a>
                        {!c.configuredAt && <span className="tag warn">not configured</span>}
                        {c.breaker.open && <span className="tag bad">breaker open</span>}
                      </td>
                      <td>{c.responseMode === 'AI_AUTO_SEND' ? 'AI auto-send' : 'Manual'}</td>
                      <td>{c.confidenceGate} %</td>
                      <td>{c.reviewers.length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
