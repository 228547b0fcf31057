import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, Loaded, WarnBanner, when } from '../components/ui.tsx';
import type {
  Campaign,
  FollowupInstance,
  FollowupReport,
  FollowupSequence,
  Page,
} from '../types.ts';
import { useLoad } from '../use-load.ts';
import { FollowupInstances } from './FollowupInstances.tsx';

const STATUSES = ['', 'active', 'paused', 'completed', 'cancelled'] as const;

/** Sequences per campaign, the report with its stuck instances, and every instance with actions. */
export function FollowupsPage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const w = `/workspaces/${workspaceId}`;
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const [data, reload] = useLoad(async () => {
    const [sequences, campaigns, report, instances] = await Promise.all([
      api.get<{ items: FollowupSequence[] }>(`${w}/followups/sequences`),
      api.get<{ items: Campaign[] }>(`${w}/campaigns`),
      api.get<FollowupReport>(`${w}/followups/report`),
      api.get<Page<FollowupInstance>>(
        `${w}/followups?limit=200${status ? `&status=${status}` : ''}`,
      ),
    ]);
    return {
      sequences: sequences.items,
      campaigns: campaigns.items,
      report,
      instances: instances.items,
    };
  }, [workspaceId, status]);

  return (
    <section aria-labelledby="followups-title" className="stack">
      <div className="page-head">
        <h1 id="followups-title">Follow-ups</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <Loaded load={data} what="follow-ups">
        {({ sequences, campaigns, report, instances }) => {
          const names = new Map(campaigns.map((c) => [c.id, c.name]));
          const campaignName = (id: string | null) =>
            id ? (names.get(id) ?? 'unknown campaign') : 'no campaign';
          const byCampaign = new Map<string | null, FollowupSequence[]>();
          for (const s of sequences) {
            byCampaign.set(s.campaignId, [...(byCampaign.get(s.campaignId) ?? []), s]);
          }
          return (
            <>
              <section className="card stack" aria-labelledby="report-title">
                <h2 id="report-title">Report</h2>
                <dl className="facts">
                  {Object.entries(report.byStatus).map(([s, n]) => (
                    <div key={s}>
                      <dt>{s}</dt>
                      <dd>{n}</dd>
                    </div>
                  ))}
                </dl>
                {report.anomalies.length === 0 ? (
                  <p className="ok" role="status">
                    Nothing is stuck (checked {when(report.generatedAt)}).
                  </p>
                ) : (
                  report.anomalies.map((a) => (
                    <WarnBanner key={`${a.kind}-${a.campaignName}`}>
                      <strong>
                        Stuck: {a.kind.replaceAll('_', ' ')}
                        {a.campaignName ? ` in ${a.campaignName}` : ''} ({a.leads.length})
                      </strong>
                      <span>
                        {a.meaning} What to do: {a.suggestedAction}
                      </span>
                      <ul>
                        {a.leads.map((l) => (
                          <li key={l.instanceId}>
                            {l.leadEmail}: stuck {l.stuckHours} h since {when(l.stuckSince)}
                            {l.detail ? ` — ${l.detail}` : ''}
                          </li>
                        ))}
                      </ul>
                    </WarnBanner>
                  ))
                )}
              </section>

              <section className="card stack" aria-labelledby="sequences-title">
                <h2 id="sequences-title">Sequences</h2>
                {sequences.length === 0 ? (
                  <Empty title="No sequences yet">
                    Create one with <code>autosend followups sequence create</code> or the API.
                  </Empty>
                ) : (
                  [...byCampaign].map(([campaignId, list]) => (
                    <div key={campaignId ?? 'none'} className="stack">
                      <h3>{campaignName(campaignId)}</h3>
                      {list.map((s) => (
                        <details key={s.id}>
                          <summary>
                            {s.name}: {s.steps.length} step(s), resumes after {s.ghostDays} quiet
                            day(s)
                          </summary>
                          <ol>
                            {s.steps.map((step) => (
                              <li key={step.position}>
                                after {step.delay} by {step.channel}
                                {step.needsApproval ? ' (needs approval)' : ''}: {step.body}
                              </li>
                            ))}
                          </ol>
                        </details>
                      ))}
                    </div>
                  ))
                )}
              </section>

              <section className="card stack" aria-labelledby="instances-title">
                <div className="page-head">
                  <h2 id="instances-title">Leads in sequences</h2>
                  <label className="inline">
                    Status
                    <select
                      value={status}
                      onChange={(e) => setStatus(e.target.value as typeof status)}
                    >
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s || 'all'}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <FollowupInstances
                  workspaceId={workspaceId}
                  items={instances}
                  campaignName={campaignName}
                  isAdmin={isAdmin}
                  onChanged={reload}
                />
              </section>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
