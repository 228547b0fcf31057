import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBanner, when } from '../components/ui.tsx';
import type { FollowupInstance } from '../types.ts';

type Action = 'approve' | 'resume' | 'cancel';

/** One instance's actions: approve a waiting step, resume a pause, cancel with a reason. */
function InstanceActions({
  workspaceId,
  instance: f,
  isAdmin,
  onDone,
}: {
  workspaceId: string;
  instance: FollowupInstance;
  isAdmin: boolean;
  onDone: () => void;
}) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const act = async (action: Action, body?: object) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/workspaces/${workspaceId}/followups/${f.id}/${action}`, body);
      setCancelling(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const who = f.leadEmail;
  const open = f.status === 'active' || f.status === 'paused';
  return (
    <div className="stack">
      <div className="actions">
        {f.pauseReason === 'awaiting_approval' && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => act('approve')}
            aria-label={`Approve step ${f.nextStep} for ${who}`}
          >
            Approve step
          </button>
        )}
        {isAdmin && f.status === 'paused' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => act('resume', {})}
            aria-label={`Resume follow-up for ${who}`}
          >
            Resume
          </button>
        )}
        {isAdmin && open && !cancelling && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => setCancelling(true)}
            aria-label={`Cancel follow-up for ${who}`}
          >
            Cancel…
          </button>
        )}
      </div>
      {cancelling && (
        <form
          className="stack"
          aria-label={`Cancel follow-up for ${who}`}
          onSubmit={(e) => {
            e.preventDefault();
            act('cancel', { reason });
          }}
        >
          <label>
            Why cancel (kept in the audit log)
            <input value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              Cancel for good
            </button>
            <button type="button" onClick={() => setCancelling(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      {error !== undefined && <ErrorBanner error={error} title="The action failed" />}
    </div>
  );
}

/** Follow-up instances with where each one is, why, and what can be done. */
export function FollowupInstances({
  workspaceId,
  items,
  campaignName,
  isAdmin,
  onChanged,
}: {
  workspaceId: string;
  items: FollowupInstance[];
  campaignName: (id: string | null) => string;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  if (items.length === 0) {
    return <Empty title="No follow-ups here">Enrol leads in a sequence to start follow-ups.</Empty>;
  }
  return (
    <table>
      <caption className="sr-only">Follow-up instances, most recently changed first</caption>
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Sequence</th>
          <th scope="col">Status</th>
          <th scope="col">Why</th>
          <th scope="col">Next</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.id} data-testid="followup-row">
            <td>{f.leadEmail}</td>
            <td>
              {f.sequenceName}
              <div className="muted">{campaignName(f.campaignId)}</div>
            </td>
            <td>
              <span className="tag">
                {f.status}
                {f.pauseReason ? `: ${f.pauseReason.replaceAll('_', ' ')}` : ''}
              </span>
            </td>
            <td>
              {f.meaning ?? f.stopReason ?? '—'}
              {f.pausedUntil && <div className="muted">until {when(f.pausedUntil)}</div>}
              {f.lastError && <div className="bad">last error: {f.lastError}</div>}
            </td>
            <td>{f.status === 'active' ? `step ${f.nextStep} at ${when(f.nextRunAt)}` : '—'}</td>
            <td>
              <InstanceActions
                workspaceId={workspaceId}
                instance={f}
                isAdmin={isAdmin}
                onDone={onChanged}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
