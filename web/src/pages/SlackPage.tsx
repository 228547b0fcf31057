import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBanner, Loaded, when } from '../components/ui.tsx';
import type { Page } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { SlackDoctor, SlackTestForm } from './SlackDoctor.tsx';

interface Delivery {
  id: string;
  reviewRequestId: string;
  target: string;
  method: string;
  ok: boolean;
  errorCode: string | null;
  neededScopes: string | null;
  attemptedAt: string;
}

/** Slack health for this workspace: the scope doctor, a test message, failed notifications with a retry. */
export function SlackPage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const w = `/workspaces/${workspaceId}`;
  const [failed, reload] = useLoad(
    () => api.get<Page<Delivery>>(`${w}/notification-deliveries?status=failed&limit=100`),
    [workspaceId],
  );
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<Record<string, unknown>>(`${w}/notification-deliveries/retry`);
      setResult(JSON.stringify(r));
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="slack-title" className="stack">
      <div className="page-head">
        <h1 id="slack-title">Slack</h1>
        <button type="button" className="primary" onClick={retry} disabled={busy}>
          {busy ? 'Retrying…' : 'Retry failed notifications'}
        </button>
      </div>
      <SlackDoctor workspaceId={workspaceId} />
      <SlackTestForm workspaceId={workspaceId} canSend={isAdmin} />
      <h2>Failed notifications</h2>
      {error !== undefined && <ErrorBanner error={error} title="Retry failed" />}
      {result && (
        <p className="ok" role="status">
          Retried: {result}
        </p>
      )}
      <Loaded load={failed} what="failed notifications">
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="No failed notifications">
              Every review notification reached its reviewer.
            </Empty>
          ) : (
            <table>
              <caption>Failed review notifications, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Reviewer</th>
                  <th scope="col">How</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td>{when(d.attemptedAt)}</td>
                    <td>{d.target}</td>
                    <td>{d.method.replaceAll('_', ' ')}</td>
                    <td className="bad">
                      {d.errorCode ?? 'error'}
                      {d.neededScopes ? ` — add scope ${d.neededScopes}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
