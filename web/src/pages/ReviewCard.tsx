import { useState } from 'react';
import { api } from '../api.ts';
import { Diff } from '../components/Diff.tsx';
import { ErrorBanner, pct, when } from '../components/ui.tsx';
import { navigate } from '../router.ts';
import { REJECT_REASONS, type RejectReason, type ReviewItem } from '../types.ts';

interface Slot {
  start?: string;
  startsAt?: string;
  label?: string;
}

const slotText = (s: unknown) => {
  if (typeof s === 'string') return s;
  const slot = s as Slot;
  return slot.label ?? when(slot.start ?? slot.startsAt ?? null);
};

const guardText = (g: unknown) =>
  typeof g === 'string'
    ? g
    : ((g as { code?: string; message?: string }).message ?? JSON.stringify(g));

/** One held draft: the lead's reply, the draft, why it is held; edit, approve or reject. */
export function ReviewCard({
  workspaceId,
  review,
  onDone,
}: {
  workspaceId: string;
  review: ReviewItem & Record<string, unknown>;
  onDone: () => void;
}) {
  const [body, setBody] = useState(review.body);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<RejectReason | ''>('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const gate = review.confidenceGate as number | null;
  const below =
    gate !== null && review.confidence !== null && Math.round(review.confidence * 100) < gate;
  const guards = (review.guardFailures as unknown[]) ?? [];
  const slots = (review.offeredSlots as unknown[]) ?? [];
  const edited = body.trim() !== review.body.trim();
  const base = `/workspaces/${workspaceId}/reviews/${review.id}`;
  const idPrefix = `review-${review.id}`;

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card review" aria-labelledby={`${idPrefix}-title`}>
      <header className="review-head">
        <h2 id={`${idPrefix}-title`}>{review.leadEmail}</h2>
        <span className="muted">
          {String(review.campaignName ?? 'no campaign')} · {when(review.createdAt)}
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>Confidence</dt>
          <dd className={below ? 'bad' : ''}>
            {pct(review.confidence)}{' '}
            {gate !== null && <span className="muted">vs gate {gate} %</span>}
          </dd>
        </div>
        <div>
          <dt>Held because</dt>
          <dd>{review.reason.replaceAll('_', ' ')}</dd>
        </div>
        {typeof review.evaluatorReason === 'string' && (
          <div>
            <dt>Evaluator</dt>
            <dd>{review.evaluatorReason}</dd>
          </div>
        )}
      </dl>
      {guards.length > 0 && (
        <div className="banner banner-warn" role="status">
          <strong>Draft guards failed</strong>
          <ul>
            {guards.map((g) => (
              <li key={guardText(g)}>{guardText(g)}</li>
            ))}
          </ul>
        </div>
      )}
      {review.kind === 'followup' ? (
        <section>
          <h3>Follow-up step {review.followupStep} awaiting approval</h3>
          <p>
            Approve to send it; reject to stop this lead's sequence. To change its text, edit the
            sequence.
          </p>
        </section>
      ) : (
        <section>
          <h3>The lead wrote</h3>
          <blockquote className="inbound">{review.inboundText || '(empty)'}</blockquote>
        </section>
      )}
      {slots.length > 0 && (
        <section>
          <h3>Offered slots</h3>
          <ul className="slots">
            {slots.map((s) => (
              <li key={slotText(s)}>{slotText(s)}</li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <label htmlFor={`${idPrefix}-body`}>
          <h3>Reply draft {edited && <span className="tag">edited</span>}</h3>
        </label>
        <textarea
          id={`${idPrefix}-body`}
          value={body}
          rows={Math.min(16, Math.max(5, body.split('\n').length + 1))}
          onChange={(e) => setBody(e.target.value)}
        />
        {edited && (
          <details open>
            <summary>Your edit against the AI draft</summary>
            <Diff before={review.body} after={body} />
          </details>
        )}
      </section>
      {error !== undefined && <ErrorBanner error={error} title="Not done" />}
      {rejecting ? (
        <div className="actions">
          <label>
            Why reject
            <select
              value={reason}
              required
              onChange={(e) => setReason(e.target.value as RejectReason | '')}
            >
              <option value="" disabled>
                Pick a reason…
              </option>
              {REJECT_REASONS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Note (optional)
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. quoted a price we do not have"
            />
          </label>
          <button
            type="button"
            className="danger"
            disabled={busy || reason === ''}
            onClick={() =>
              act(() =>
                api.post(`${base}/reject`, {
                  reason,
                  ...(note.trim() ? { note: note.trim() } : {}),
                }),
              )
            }
          >
            Reject draft
          </button>
          <button type="button" onClick={() => setRejecting(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy || !body.trim()}
            onClick={() =>
              act(() => api.post(`${base}/approve`, edited ? { editedBody: body } : {}))
            }
          >
            {edited ? 'Approve edited reply and send' : 'Approve and send'}
          </button>
          <button type="button" disabled={busy} onClick={() => setRejecting(true)}>
            Reject…
          </button>
          {review.messageId && (
            <a
              href={`/w/${workspaceId}/messages/${review.messageId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/w/${workspaceId}/messages/${review.messageId}`);
              }}
            >
              Full trail
            </a>
          )}
        </div>
      )}
    </article>
  );
}
