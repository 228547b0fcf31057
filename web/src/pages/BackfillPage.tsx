import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, Loaded, when } from '../components/ui.tsx';
import type { BackfillRun, Campaign } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { BackfillRunView } from './BackfillRunView.tsx';
import { BackfillStart } from './BackfillStart.tsx';

/** Backfill: start a dry run, shadow or apply run; watch one; see every run and its log. */
export function BackfillPage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const w = `/workspaces/${workspaceId}`;
  const [data, reload] = useLoad(async () => {
    const [runs, campaigns] = await Promise.all([
      api.get<{ items: BackfillRun[] }>(`${w}/backfills`),
      api.get<{ items: Campaign[] }>(`${w}/campaigns`),
    ]);
    return { runs: runs.items, campaigns: campaigns.items };
  }, [workspaceId]);
  const [selected, setSelected] = useState<string>();

  return (
    <section aria-labelledby="backfill-title" className="stack">
      <h1 id="backfill-title">Backfill</h1>
      <p className="muted">
        Reprocess replies that came in before Autosend ran, with a complete log.
      </p>
      <Loaded load={data} what="backfill runs">
        {({ runs, campaigns }) => (
          <>
            {isAdmin ? (
              <BackfillStart
                workspaceId={workspaceId}
                campaigns={campaigns}
                onStarted={(run) => {
                  setSelected(run.id);
                  reload();
                }}
              />
            ) : (
              <p className="muted">Only admins may start or cancel a backfill.</p>
            )}
            {selected && (
              <BackfillRunView
                key={selected}
                workspaceId={workspaceId}
                runId={selected}
                isAdmin={isAdmin}
                onChanged={reload}
              />
            )}
            <section className="card stack" aria-labelledby="runs-title">
              <h2 id="runs-title">Runs</h2>
              {runs.length === 0 ? (
                <Empty title="No runs yet">Shadow and apply runs are listed here.</Empty>
              ) : (
                <div className="table-scroll">
                  <table>
                    <caption className="sr-only">Backfill runs, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Started</th>
                        <th scope="col">Mode</th>
                        <th scope="col">Status</th>
                        <th scope="col">Phase</th>
                        <th scope="col">Finished</th>
                        <th scope="col">
                          <span className="sr-only">Open</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {runs.map((r) => (
                        <tr key={r.id} aria-current={r.id === selected ? 'true' : undefined}>
                          <td>{when(r.startedAt)}</td>
                          <td>{r.mode}</td>
                          <td className={r.status === 'failed' ? 'bad' : undefined}>{r.status}</td>
                          <td>{r.phase}</td>
                          <td>{when(r.finishedAt)}</td>
                          <td>
                            <button
                              type="button"
                              onClick={() => setSelected(r.id)}
                              aria-label={`Open ${r.mode} run ${r.id.slice(0, 8)}`}
                            >
                              Open
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
