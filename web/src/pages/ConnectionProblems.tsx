import { api } from '../api.ts';
import { ErrorBanner, WarnBanner, when } from '../components/ui.tsx';
import { useLoad } from '../use-load.ts';

/** A sending connection as GET …/connections lists it (credentials redacted). */
interface ConnectionCheck {
  kind: string;
  lastCheck: {
    at: string | null;
    ok: boolean | null;
    errorCode: string | null;
    error: string | null;
  };
}

/**
 * A banner per sending connection whose last check failed: replies and
 * follow-ups of campaigns on that platform are held (never sent another way)
 * until it works again. Admins only: the connection list is an admin route.
 */
export function ConnectionProblems({
  workspaceId,
  isAdmin,
}: {
  workspaceId: string;
  isAdmin: boolean;
}) {
  const [connections] = useLoad(
    () =>
      isAdmin
        ? api.get<{ items: ConnectionCheck[] }>(`/workspaces/${workspaceId}/connections`)
        : Promise.resolve({ items: [] as ConnectionCheck[] }),
    [workspaceId, isAdmin],
  );
  if (connections.state === 'error') {
    return (
      <ErrorBanner error={connections.error} title="Could not check the sending connections" />
    );
  }
  if (connections.state !== 'ready') return null;
  return (
    <>
      {connections.data.items
        .filter((c) => c.lastCheck.ok === false)
        .map((c) => (
          <WarnBanner key={c.kind}>
            <strong>The {c.kind} sending connection is failing</strong>
            {c.lastCheck.errorCode ? ` [${c.lastCheck.errorCode}]` : ''}:{' '}
            {c.lastCheck.error ?? 'no detail'}
            {c.lastCheck.at ? ` (checked ${when(c.lastCheck.at)})` : ''}. Replies and follow-ups
            through it are held, never sent another way, until it works: fix it, then run{' '}
            <code>
              autosend connection test {workspaceId} {c.kind}
            </code>
          </WarnBanner>
        ))}
    </>
  );
}
