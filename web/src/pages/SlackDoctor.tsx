import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorBanner, Loaded, WarnBanner } from '../components/ui.tsx';
import type { SlackCheck, SlackTestResult } from '../types.ts';
import { useLoad } from '../use-load.ts';

/** The doctor's report for this workspace: scopes, capabilities, reviewers, the fix. */
export function SlackDoctor({ workspaceId }: { workspaceId: string }) {
  const [check, recheck] = useLoad(
    () => api.get<SlackCheck>(`/workspaces/${workspaceId}/slack/doctor`),
    [workspaceId],
  );
  return (
    <section className="card stack" aria-labelledby="doctor-title">
      <div className="page-head">
        <h2 id="doctor-title">Scope doctor</h2>
        <button type="button" onClick={recheck}>
          Check again
        </button>
      </div>
      <Loaded load={check} what="the Slack check">
        {(c) => {
          const granted = new Set(c.grantedScopes);
          const auth = c.report?.auth;
          return (
            <>
              {c.ok ? (
                <p className="ok" role="status">
                  {c.summary}
                </p>
              ) : (
                <ErrorBanner title="Slack needs a fix" error={c.summary} />
              )}
              {auth?.ok && (
                <p className="muted">
                  Token{' '}
                  {c.tokenSource === 'workspace' ? "(this workspace's own)" : 'SLACK_BOT_TOKEN'} of
                  Slack workspace “{auth.team ?? '?'}”, bot user {auth.botUser ?? '?'}.
                </p>
              )}
              {auth && !auth.ok && auth.failure && (
                <p className="bad">
                  auth.test answered <code>{auth.failure.code}</code>
                  {auth.failure.needed ? ` (needed: ${auth.failure.needed})` : ''}
                </p>
              )}
              <table>
                <caption>Scopes review notifications need</caption>
                <thead>
                  <tr>
                    <th scope="col">Scope</th>
                    <th scope="col">Granted</th>
                  </tr>
                </thead>
                <tbody>
                  {c.neededScopes.map((s) => (
                    <tr key={s}>
                      <td>
                        <code>{s}</code>
                      </td>
                      <td className={granted.has(s) ? 'ok' : 'bad'}>
                        {granted.has(s) ? 'granted' : 'missing'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {c.grantedScopes.length > 0 && (
                <p className="muted">
                  The token holds: <code>{c.grantedScopes.join(', ')}</code>
                </p>
              )}
              {c.report && (
                <ul className="stack" aria-label="What the token can do">
                  {c.report.capabilities.map((cap) => (
                    <li key={cap.id}>
                      <strong className={cap.works ? 'ok' : 'bad'}>
                        {cap.works ? '✓' : '✗'} {cap.label}
                      </strong>
                      : {cap.note}
                    </li>
                  ))}
                </ul>
              )}
              {c.report && (
                <table>
                  <caption>Reviewers of this workspace's campaigns</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reviewer</th>
                      <th scope="col">Campaigns</th>
                      <th scope="col">Reachable</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.report.reviewers.length === 0 && (
                      <tr>
                        <td colSpan={4} className="muted">
                          No campaign names a reviewer yet (Campaigns → Booking).
                        </td>
                      </tr>
                    )}
                    {c.report.reviewers.map((r) => (
                      <tr key={r.target}>
                        <td>{r.target}</td>
                        <td>{r.campaigns.join(', ')}</td>
                        <td className={r.reachable ? 'ok' : 'bad'}>
                          {r.reachable ? `yes, ${r.method?.replaceAll('_', ' ')}` : 'no'}
                        </td>
                        <td>
                          {r.code && <code>{r.code}</code>} {r.problem}
                          {r.missingScopes.length > 0 &&
                            ` (missing: ${r.missingScopes.join(', ')})`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {c.fix && (
                <WarnBanner>
                  <strong>How to fix</strong> <span>{c.fix}</span>
                </WarnBanner>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** Sends one test message through the notifier and shows Slack's answer as it came. */
export function SlackTestForm({ workspaceId, canSend }: { workspaceId: string; canSend: boolean }) {
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SlackTestResult>();
  const [error, setError] = useState<unknown>();

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(
        await api.post<SlackTestResult>(`/workspaces/${workspaceId}/slack/test-message`, {
          to,
          ...(text.trim() ? { text } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = error instanceof ApiError ? error.fields?.to : undefined;
  return (
    <section className="card stack" aria-labelledby="test-title">
      <h2 id="test-title">Send a test message</h2>
      {!canSend ? (
        <p className="muted">Only admins may send test messages.</p>
      ) : (
        <form className="stack" aria-label="Send a test message" onSubmit={send}>
          <label>
            To (email, member id U… or channel #name)
            <input
              value={to}
              onChange={(e) => setTo(e.target.value)}
              required
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'test-to-error' : undefined}
            />
          </label>
          {fieldError && (
            <p id="test-to-error" className="bad">
              {fieldError}
            </p>
          )}
          <label>
            Message (optional)
            <textarea value={text} rows={2} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send test message'}
            </button>
          </div>
        </form>
      )}
      {error !== undefined && !fieldError && (
        <ErrorBanner error={error} title="The test message was not sent" />
      )}
      {result?.ok && (
        <p className="ok" role="status">
          Sent to {result.to} via {result.method.replaceAll('_', ' ')} (channel {result.channel}, ts{' '}
          {result.ts}).{result.fallback ? ` The DM could not be opened: ${result.fallback}.` : ''}
        </p>
      )}
      {result && !result.ok && result.error && (
        <div className="banner banner-error" role="alert">
          <strong>Slack refused: {result.error.code}</strong>
          <span>
            {result.error.method} answered <code>{result.error.code}</code>
            {result.error.needed && (
              <>
                {' '}
                — needed scope <code>{result.error.needed}</code>
              </>
            )}
            {result.error.provided && <> (the token has {result.error.provided})</>}
          </span>
        </div>
      )}
    </section>
  );
}
