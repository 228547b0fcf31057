import { useCallback, useEffect, useState } from 'react';
import { ApiError, onSignedOut, request, setCsrfToken } from './api.ts';
import { ErrorBanner, Loading } from './components/ui.tsx';
import { ActivityPage } from './pages/ActivityPage.tsx';
import { BackfillPage } from './pages/BackfillPage.tsx';
import { BookingTab } from './pages/BookingTab.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { FollowupsPage } from './pages/FollowupsPage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { ReplyDetail } from './pages/ReplyDetail.tsx';
import { ReviewLink } from './pages/ReviewLink.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SlackPage } from './pages/SlackPage.tsx';
import { match, navigate, usePath } from './router.ts';
import type { Me } from './types.ts';

type Session =
  | { state: 'loading' }
  | { state: 'out' }
  | { state: 'in'; me: Me }
  | { state: 'error'; error: Error };

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const loadMe = useCallback(async () => {
    try {
      const me = await request<Me>('GET', '/auth/me');
      setCsrfToken(me.csrfToken);
      setSession({ state: 'in', me });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ state: 'out' });
      else setSession({ state: 'error', error: error as Error });
    }
  }, []);

  useEffect(() => {
    loadMe();
    return onSignedOut(() => setSession({ state: 'out' }));
  }, [loadMe]);

  if (path === '/setup') return <SetupPage onDone={() => navigate('/')} />;
  if (session.state === 'loading') return <Loading what="your session" />;
  if (session.state === 'error')
    return <ErrorBanner error={session.error} title="The dashboard cannot reach the server" />;
  if (session.state === 'out') return <SignIn onSignedIn={loadMe} />;
  return <Shell me={session.me} path={path} onSignedOut={() => setSession({ state: 'out' })} />;
}

function Shell({ me, path, onSignedOut }: { me: Me; path: string; onSignedOut: () => void }) {
  const fromUrl = /^\/w\/([^/]+)/.exec(path)?.[1];
  const workspace = me.workspaces.find((w) => w.id === fromUrl) ?? me.workspaces[0];

  useEffect(() => {
    if (workspace && (path === '/' || path === '')) navigate(`/w/${workspace.id}/queue`);
  }, [workspace, path]);

  const signOut = async (everywhere: boolean) => {
    await request('POST', everywhere ? '/auth/logout-everywhere' : '/auth/logout', {}).catch(
      () => {},
    );
    onSignedOut();
  };

  const page = () => {
    const review = match('/reviews/:reviewId', path);
    if (review) return <ReviewLink me={me} reviewId={review.reviewId!} />;
    if (!workspace) {
      return (
        <ErrorBanner
          title="No workspace"
          error="Your account has no workspace yet: ask an admin to run autosend user create."
        />
      );
    }
    if (fromUrl && fromUrl !== workspace.id) {
      return (
        <ErrorBanner title="Not found" error="This workspace does not exist or is not yours." />
      );
    }
    const w = workspace.id;
    const isAdmin = workspace.role === 'admin';
    let m = match('/w/:w/queue', path);
    if (m) return <QueuePage workspaceId={w} isAdmin={isAdmin} />;
    m = match('/w/:w/messages/:messageId', path);
    if (m) return <ReplyDetail workspaceId={w} messageId={m.messageId!} />;
    m = match('/w/:w/campaigns', path);
    if (m) return <CampaignsPage workspaceId={w} />;
    m = match('/w/:w/campaigns/:campaignId/booking', path);
    if (m) return <BookingTab workspaceId={w} campaignId={m.campaignId!} canEdit={isAdmin} />;
    m = match('/w/:w/slack', path);
    if (m) return <SlackPage workspaceId={w} isAdmin={isAdmin} />;
    m = match('/w/:w/followups', path);
    if (m) return <FollowupsPage workspaceId={w} isAdmin={isAdmin} />;
    m = match('/w/:w/backfill', path);
    if (m) return <BackfillPage workspaceId={w} isAdmin={isAdmin} />;
    m = match('/w/:w/activity', path);
    if (m) return <ActivityPage workspaceId={w} isAdmin={isAdmin} />;
    return <ErrorBanner title="Not found" error={`There is no page at ${path}.`} />;
  };

  const link = (to: string, label: string) => {
    const href = workspace ? `/w/${workspace.id}/${to}` : '/';
    const current = path.startsWith(href);
    return (
      <a
        href={href}
        aria-current={current ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          navigate(href);
        }}
      >
        {label}
      </a>
    );
  };

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Autosend</span>
        {me.workspaces.length > 1 && workspace && (
          <label className="ws-picker">
            <span className="sr-only">Workspace</span>
            <select
              value={workspace.id}
              onChange={(e) => navigate(`/w/${e.target.value}/queue`)}
              aria-label="Workspace"
            >
              {me.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {me.workspaces.length === 1 && workspace && (
          <span className="ws-name">{workspace.name}</span>
        )}
        <nav aria-label="Main">
          {link('queue', 'Review queue')}
          {link('campaigns', 'Campaigns')}
          {link('slack', 'Slack')}
          {link('followups', 'Follow-ups')}
          {link('backfill', 'Backfill')}
          {link('activity', 'Activity')}
        </nav>
        <span className="user">
          <span className="user-email">{me.email}</span>
          <button type="button" className="link" onClick={() => signOut(false)}>
            Sign out
          </button>
          <button type="button" className="link" onClick={() => signOut(true)}>
            Sign out everywhere
          </button>
        </span>
      </header>
      <main>{page()}</main>
    </div>
  );
}
