import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBanner, when } from '../components/ui.tsx';
import type { Breaker } from '../types.ts';

const REASON_TEXT: Record<NonNullable<Breaker['reason']>, string> = {
  post_send_complaints: 'too many complaints, opt-outs or confused replies after automatic sends',
  reviewer_rejections: 'reviewers rejected too many drafts that scored at or above the gate',
};

/**
 * Shown while a campaign's circuit breaker is open: why, since when, and for
 * admins a "Close breaker" with a note (POST …/breaker/close, audited).
 */
export function BreakerBanner({
  workspaceId,
  campaign,
  breaker,
  isAdmin,
  onClosed,
}: {
  workspaceId: string;
  campaign: { id: string; name: string };
  breaker: Breaker;
  isAdmin: boolean;
  onClosed: () => void;
}) {
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!breaker.open) return null;
  const summary = typeof breaker.detail.summary === 'string' ? breaker.detail.summary : null;

  const close = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(
        `/workspaces/${workspaceId}/campaigns/${campaign.id}/breaker/close`,
        note.trim() ? { note: note.trim() } : {},
      );
      onClosed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="banner banner-error breaker"
      role="alert"
      aria-label={`Circuit breaker open: ${campaign.name}`}
    >
      <strong>
        Circuit breaker open for {campaign.name}: automatic sending is stopped, every reply waits
        for review
      </strong>
      <span>
        Since {when(breaker.openedAt)} —{' '}
        {breaker.reason ? REASON_TEXT[breaker.reason] : 'reason not recorded'}
        {summary && ` (${summary})`}.
      </span>
      {error !== undefined && <ErrorBanner error={error} title="Breaker not closed" />}
      {isAdmin &&
        (closing ? (
          <div className="actions">
            <label className="grow">
              What was fixed (note for the audit log)
              <input
                value={note}
                maxLength={2000}
                onChange={(e) => setNote(e.target.value)}
                placeholder="e.g. corrected the pricing in the knowledge"
              />
            </label>
            <button type="button" className="danger" disabled={busy} onClick={close}>
              {busy ? 'Closing…' : 'Close breaker and resume automatic sends'}
            </button>
            <button type="button" disabled={busy} onClick={() => setClosing(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" onClick={() => setClosing(true)}>
              Close breaker…
            </button>
          </div>
        ))}
    </section>
  );
}
