import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import type { Load } from '../use-load.ts';

/** A red banner that names what failed; never a silent blank. */
export function ErrorBanner({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? ` (${error.code})` : '';
  return (
    <div className="banner banner-error" role="alert">
      <strong>{title ?? 'Something failed'}</strong>
      <span>
        {message}
        {code}
      </span>
    </div>
  );
}

export function WarnBanner({ children }: { children: ReactNode }) {
  return (
    <div className="banner banner-warn" role="status">
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
    </div>
  );
}

/** Renders loading, error or the data. */
export function Loaded<T>({
  load,
  what,
  children,
}: {
  load: Load<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error')
    return <ErrorBanner error={load.error} title={`Could not load ${what}`} />;
  return <>{children(load.data)}</>;
}

export const pct = (confidence: number | null | undefined) =>
  confidence === null || confidence === undefined ? '—' : `${Math.round(confidence * 100)} %`;

export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
