import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorBanner, Loaded, when } from '../components/ui.tsx';
import type { BackfillRunDetail } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { BackfillSummary } from './BackfillSummary.tsx';

/** Statuses of a run that is still going: the view polls while it shows one. */
export const LIVE_STATUSES = new Set(['pending', 'drafting', 'sending']);

interface LogText {
  text: string;
  size: number;
  truncated: boolean;
  logPath: string | null;
}

/** The run's log: shown on request, downloadable as a file. */
function RunLog({ workspaceId, runId }: { workspaceId: string; runId: string }) {
  const [log, setLog] = useState<LogText>();
  const [error, setError] = useState<unknown>();
  const load = async () => {
    setError(undefined);
    try {
      setLog(await api.get<LogText>(`/workspaces/${workspaceId}/backfills/${runId}/log`));
    } catch (err) {
      setError(err);
    }
  };
  const download = () => {
    if (!log) return;
    const url = URL.createObjectURL(new Blob([log.text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = log.logPath?.split('/').pop() ?? `backfill-${runId}.log`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="stack" aria-labelledby="log-title">
      <div className="page-head">
        <h3 id="log-title">Log</h3>
        <div className="actions">
          <button type="button" onClick={load}>
            {log ? 'Reload log' : 'Show log'}
          </button>
          {log && (
            <button type="button" onClick={download}>
              Download log
            </button>
          )}
        </div>
      </div>
      {error !== undefined && <ErrorBanner error={error} title="The log cannot be read" />}
      {log && (
        <>
          {log.truncated && <p className="muted">Showing the last megabyte of {log.size} bytes.</p>}
          <pre className="log" data-testid="backfill-log">
            {log.text || '(the log is empty)'}
          </pre>
        </>
      )}
    </section>
  );
}

/** One run: status and phase (polled while live), summary, latest items, cancel, resume, log. */
export function BackfillRunView({
  workspaceId,
  runId,
  isAdmin,
  onChanged,
}: {
  workspaceId: string;
  runId: string;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const path = `/workspaces/${workspaceId}/backfills/${runId}`;
  const [run, reload] = useLoad(() => api.get<BackfillRunDetail>(path), [path]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const live = run.state === 'ready' && LIVE_STATUSES.has(run.data.status);

  // The runs list shows the status too: tell it when this run's status changes.
  const status = run.state === 'ready' ? run.data.status : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a status change matters
  useEffect(() => {
    if (status) onChanged();
  }, [status]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, 1500);
    return () => clearInterval(timer);
  }, [live, reload]);

  const act = async (action: 'cancel' | 'resume') => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`${path}/${action}`, action === 'resume' ? {} : undefined);
      reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="run-title">
      <Loaded load={run} what="the run">
        {(r) => (
          <>
            <div className="page-head">
              <h2 id="run-title">
                {r.mode === 'apply' ? 'Apply' : 'Shadow'} run {r.id.slice(0, 8)}
              </h2>
              <div className="actions">
                {isAdmin && !['completed', 'cancelled'].includes(r.status) && (
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => act('cancel')}
                  >
                    Cancel run
                  </button>
                )}
                {isAdmin && ['paused', 'failed'].includes(r.status) && (
                  <button type="button" disabled={busy} onClick={() => act('resume')}>
                    Resume run
                  </button>
                )}
              </div>
            </div>
            <p role="status" aria-live="polite" data-testid="run-status">
              <span className="tag">{r.status}</span> phase {r.phase}
              {live ? ' — updating live' : ''}. Started {when(r.startedAt)}
              {r.finishedAt ? `, finished ${when(r.finishedAt)}` : ''}.
            </p>
            {r.error && <ErrorBanner title="The run failed" error={r.error} />}
            {error !== undefined && <ErrorBanner error={error} title="The action failed" />}
            <BackfillSummary rows={r.summary} caption="Summary per campaign" />
            {r.recentItems.length > 0 && (
              <details>
                <summary>Latest items ({r.recentItems.length})</summary>
                <ul>
                  {r.recentItems.map((i) => (
                    <li key={i.id}>
                      {when(i.updatedAt)} <span className="tag">{i.state}</span> message{' '}
                      <a href={`/w/${workspaceId}/messages/${i.messageId}`}>
                        {i.messageId.slice(0, 8)}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <RunLog workspaceId={workspaceId} runId={r.id} />
          </>
        )}
      </Loaded>
    </section>
  );
}
