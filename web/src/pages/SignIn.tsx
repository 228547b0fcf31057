import { type FormEvent, useState } from 'react';
import { request, setCsrfToken } from '../api.ts';
import { ErrorBanner } from '../components/ui.tsx';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const res = await request<{ csrfToken: string }>('POST', '/auth/login', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      setCsrfToken(res.csrfToken);
      onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to Autosend</h1>
        {error !== undefined && <ErrorBanner error={error} title="Sign-in failed" />}
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          No account? An admin creates one with <code>autosend user create</code>.
        </p>
      </form>
    </main>
  );
}
