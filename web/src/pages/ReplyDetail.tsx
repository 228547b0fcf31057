import { api } from '../api.ts';
import { Diff } from '../components/Diff.tsx';
import { ErrorBanner, Loaded, pct, WarnBanner, when } from '../components/ui.tsx';
import { findInPages, withCursor } from '../lib/pages.ts';
import type { Explain, Page, ReviewItem } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { ReviewCard } from './ReviewCard.tsx';

interface MessageRow {
  id: string;
  text: string;
  subject: string;
  occurredAt: string;
  drafts: { id: string; body: string; status: string; sentMessageId: string | null }[];
  decisionTrail: {
    step: string;
    outcome: string;
    draftId: string | null;
    detail: Record<string, unknown>;
  }[];
}

type Entry = {
  at: string;
  kind: 'event' | 'notification' | 'send';
  title: string;
  detail?: string;
  bad?: boolean;
};

function timeline(report: Explain): Entry[] {
  const entries: Entry[] = [
    ...report.events.map((e) => ({
      at: e.at,
      kind: 'event' as const,
      title: `${e.step}: ${e.outcome}${e.reason ? ` (${e.reason.replaceAll('_', ' ')})` : ''}`,
      detail: e.detail && Object.keys(e.detail as object).length ? summarise(e.detail) : undefined,
      bad: e.outcome === 'failed' || e.outcome === 'error',
    })),
    ...report.notifications.map((n) => ({
      at: n.at,
      kind: 'notification' as const,
      title: `Slack ${n.method.replaceAll('_', ' ')} to ${n.target}: ${n.ok ? 'delivered' : 'FAILED'}`,
      detail: n.ok
        ? undefined
        : `${n.errorCode ?? 'error'}${n.neededScopes ? ` — needs scope ${n.neededScopes}` : ''}`,
      bad: !n.ok,
    })),
    ...report.sends.map((s) => ({
      at: s.at,
      kind: 'send' as const,
      title: `Send via ${s.sender}: ${s.status}`,
      detail: s.error ?? (s.providerMessageId ? `provider id ${s.providerMessageId}` : undefined),
      bad: s.status === 'failed' || s.status === 'unknown',
    })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function summarise(detail: unknown): string {
  const d = { ...(detail as Record<string, unknown>) };
  delete d.originalBody;
  const text = JSON.stringify(d);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Everything `autosend explain` knows about one reply, as a timeline, with the sent text and any edit. */
export function ReplyDetail({
  workspaceId,
  messageId,
}: {
  workspaceId: string;
  messageId: string;
}) {
  const w = `/workspaces/${workspaceId}`;
  const [data, reload] = useLoad(async () => {
    const [report, message, open] = await Promise.all([
      api.get<Explain>(`${w}/messages/${messageId}/explain`),
      api.get<MessageRow>(`${w}/messages/${messageId}`),
      findInPages(
        (cursor) =>
          api.get<Page<ReviewItem & Record<string, unknown>>>(
            withCursor(`${w}/reviews?status=open&limit=200`, cursor),
          ),
        (r) => r.messageId === messageId,
      ),
    ]);
    const sentDraft = message.drafts.find((d) => d.sentMessageId);
    const sent = sentDraft?.sentMessageId
      ? await api.get<MessageRow>(`${w}/messages/${sentDraft.sentMessageId}`)
      : null;
    return {
      report,
      message,
      sent,
      sentDraft,
      openReview: open,
    };
  }, [workspaceId, messageId]);

  return (
    <Loaded load={data} what="the reply">
      {({ report, message, sent, sentDraft, openReview }) => {
        const approval = message.decisionTrail.find(
          (e) =>
            e.step === 'review' &&
            e.outcome === 'approved' &&
            typeof e.detail?.originalBody === 'string',
        );
        const finalBody =
          sentDraft?.body ?? message.drafts.find((d) => d.id === approval?.draftId)?.body;
        const failedNotes = report.notifications.filter((n) => !n.ok);
        const failedSends = report.sends.filter(
          (s) => s.status === 'failed' || s.status === 'unknown',
        );
        return (
          <section aria-labelledby="reply-title" className="stack">
            <div className="page-head">
              <h1 id="reply-title">Reply from {report.message.from}</h1>
            </div>
            <p className="verdict" data-testid="verdict">
              {report.verdict}
            </p>
            {failedNotes.length > 0 && (
              <WarnBanner>
                <strong>{failedNotes.length} Slack notification(s) failed</strong> for this reply —
                see the timeline.
              </WarnBanner>
            )}
            {failedSends.length > 0 && (
              <ErrorBanner
                title="Sending failed"
                error={failedSends.map((s) => s.error ?? s.status).join('; ')}
              />
            )}
            <div className="grid-2">
              <section className="card">
                <h2>The lead wrote</h2>
                <p className="muted">
                  {report.message.subject} · {when(report.message.receivedAt)} ·{' '}
                  {report.message.campaign ?? 'no campaign'}
                </p>
                <blockquote className="inbound">{message.text}</blockquote>
              </section>
              <section className="card" aria-labelledby="sent-title">
                <h2 id="sent-title">Sent reply</h2>
                {sent ? (
                  <>
                    <p className="muted">
                      {sent.subject} · sent {when(sent.occurredAt)}
                    </p>
                    <blockquote className="outbound" data-testid="sent-text">
                      {sent.text}
                    </blockquote>
                  </>
                ) : (
                  <p className="muted">Nothing has been sent for this reply.</p>
                )}
                {approval && finalBody !== undefined && (
                  <details open>
                    <summary>Reviewer's edit against the AI draft</summary>
                    <Diff before={String(approval.detail.originalBody)} after={finalBody} />
                  </details>
                )}
              </section>
            </div>
            {openReview && (
              <ReviewCard workspaceId={workspaceId} review={openReview} onDone={reload} />
            )}
            <section className="card">
              <h2>Drafts</h2>
              {report.drafts.length === 0 ? (
                <p className="muted">No draft was written.</p>
              ) : (
                <table>
                  <caption className="sr-only">Drafts of this reply</caption>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Status</th>
                      <th scope="col">Confidence</th>
                      <th scope="col">Gate</th>
                      <th scope="col">Evaluator</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.drafts.map((d) => (
                      <tr key={d.id}>
                        <td>{d.version}</td>
                        <td>{d.status}</td>
                        <td>
                          {d.aiFailure
                            ? `no score (AI ${d.aiFailure.step} failed)`
                            : pct(d.confidence)}
                        </td>
                        <td>{d.gate === null ? '—' : `${d.gate} %`}</td>
                        <td>{d.evaluatorReason ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card" aria-labelledby="trail-title">
              <h2 id="trail-title">Decision trail</h2>
              <ol className="timeline">
                {timeline(report).map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries can share a time and title
                  <li key={i} className={`tl-${e.kind}${e.bad ? ' tl-bad' : ''}`}>
                    <time dateTime={e.at}>{when(e.at)}</time>
                    <strong>{e.title}</strong>
                    {e.detail && <code className="tl-detail">{e.detail}</code>}
                  </li>
                ))}
              </ol>
            </section>
          </section>
        );
      }}
    </Loaded>
  );
}
