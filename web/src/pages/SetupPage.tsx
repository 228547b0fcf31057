import { type FormEvent, useState } from 'react';
import { request } from '../api.ts';
import { ErrorBanner, Loaded } from '../components/ui.tsx';
import { useLoad } from '../use-load.ts';

interface LinkInfo {
  kind: 'first_admin' | 'set_password';
  email: string | null;
  needsWorkspace: boolean;
}

/** The one-time link: its token is in the URL fragment, which never reaches a server log. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const token = location.hash.slice(1);
  const [info] = useLoad(
    () => request<LinkInfo>('GET', `/auth/setup/${encodeURIComponent(token)}`),
    [token],
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (form.get('password') !== form.get('confirm')) {
      setError(new Error('the two passwords differ'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, string> = { token, password: String(form.get('password')) };
      for (const k of ['email', 'workspaceName']) if (form.get(k)) body[k] = String(form.get(k));
      await request('POST', '/auth/setup', body);
      // Replace, not push: the spent token leaves the browser history.
      history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <div className="card auth-card">
        <Loaded load={info} what="the setup link">
          {(link) => (
            <form onSubmit={submit} aria-labelledby="setup-title">
              <h1 id="setup-title">
                {link.kind === 'first_admin'
                  ? 'Create the first admin'
                  : `Set the password for ${link.email}`}
              </h1>
              {error !== undefined && <ErrorBanner error={error} title="Not saved" />}
              {link.kind === 'first_admin' && (
                <label>
                  Email
                  <input name="email" type="email" autoComplete="username" required />
                </label>
              )}
              {link.needsWorkspace && (
                <label>
                  First workspace name
                  <input name="workspaceName" required placeholder="e.g. Acme outreach" />
                </label>
              )}
              <label>
                Password (at least 12 characters)
                <input
                  name="password"
                  type="password"
                  minLength={12}
                  autoComplete="new-password"
                  required
                />
              </label>
              <label>
                Repeat the password
                <input
                  name="confirm"
                  type="password"
                  minLength={12}
                  autoComplete="new-password"
                  required
                />
              </label>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save and continue to sign-in'}
              </button>
            </form>
          )}
        </Loaded>
      </div>
    </main>
  );
}
