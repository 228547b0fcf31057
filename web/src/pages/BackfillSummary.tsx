import type { BackfillSummaryRow } from '../types.ts';

const skippedText = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([reason, n]) => `${reason.replaceAll('_', ' ')} ${n}`)
    .join(', ') || '—';

/** The run's summary table, per campaign, as the CLI prints it. */
export function BackfillSummary({
  rows,
  caption,
}: {
  rows: BackfillSummaryRow[];
  caption: string;
}) {
  if (rows.length === 0) return <p className="muted">No replies selected yet.</p>;
  const shadow = rows.some((r) => r.shadow);
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Targets</th>
            <th scope="col">Skipped</th>
            <th scope="col">Drafted</th>
            <th scope="col">Sent</th>
            <th scope="col">To review</th>
            <th scope="col">Failed</th>
            <th scope="col">Notified (ok / failed)</th>
            {shadow && <th scope="col">Would send / review at the gate</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.campaignId ?? 'none'}>
              <td>{r.campaign}</td>
              <td>{r.targets}</td>
              <td>{skippedText(r.skipped)}</td>
              <td>{r.drafted}</td>
              <td>{r.sent}</td>
              <td>{r.review}</td>
              <td className={r.failed + r.sendFailed + r.sendUnknown ? 'bad' : undefined}>
                {r.failed + r.sendFailed}
                {r.sendUnknown ? ` (+${r.sendUnknown} unknown)` : ''}
              </td>
              <td>
                {r.notifyOk} / {r.notifyFailed}
              </td>
              {shadow && (
                <td>{r.shadow?.gate ? `${r.shadow.gate.send} / ${r.shadow.gate.review}` : '—'}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
