import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api.ts';
import { Empty, Loaded } from '../components/ui.tsx';
import type { ActivitySummary, Campaign } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { CalibrationSection } from './CalibrationSection.tsx';
import { OutcomeReasonsSection } from './OutcomeReasons.tsx';

/**
 * Per day activity and where confidence scores fall against the gate, exact
 * over the selected period (counted by the server), and each campaign's
 * calibration.
 */
export function ActivityPage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const w = `/workspaces/${workspaceId}`;
  const [days, setDays] = useState(14);
  const [data] = useLoad(async () => {
    const [summary, campaigns] = await Promise.all([
      api.get<ActivitySummary>(`${w}/activity/summary?days=${days}`),
      api.get<{ items: Campaign[] }>(`${w}/campaigns`),
    ]);
    return { summary, campaigns: campaigns.items };
  }, [workspaceId, days]);
  const [gate, setGate] = useState<number | undefined>();

  return (
    <section aria-labelledby="activity-title" className="stack">
      <h1 id="activity-title">Activity</h1>
      <div className="page-head">
        <p className="muted">
          Replies, draft outcomes, skips and holds per UTC day, and confidence scores, over the
          period.
        </p>
        <label className="inline">
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>last 7 days</option>
            <option value={14}>last 14 days</option>
            <option value={30}>last 30 days</option>
            <option value={90}>last 90 days</option>
          </select>
        </label>
      </div>
      <OutcomeReasonsSection workspaceId={workspaceId} days={days} />
      <Loaded load={data} what="activity">
        {({ summary, campaigns }) => {
          const { totals } = summary;
          if (totals.replies + totals.sent + totals.held + totals.rejected === 0) {
            return (
              <Empty title={`No replies in the last ${summary.days} days`}>
                Charts fill in as leads reply; pick a longer period to look further back.
              </Empty>
            );
          }
          const shownGate =
            gate ?? campaigns.find((c) => c.responseMode === 'AI_AUTO_SEND')?.confidenceGate ?? 85;
          return (
            <>
              <section className="card" aria-labelledby="per-day-title">
                <h2 id="per-day-title">Per day</h2>
                <p className="muted" data-testid="activity-totals">
                  {summary.from} to {summary.to} (UTC): {plural(totals.replies, 'reply', 'replies')}
                  ; of the drafts made, {totals.sent} sent, {totals.held} waiting for review,{' '}
                  {totals.rejected} rejected.
                </p>
                <div className="chart" role="img" aria-label="Replies and draft outcomes per day">
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart data={summary.perDay}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="day" />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Legend />
                      <Bar
                        isAnimationActive={false}
                        dataKey="replies"
                        name="Replies"
                        fill="#64748b"
                      />
                      <Bar isAnimationActive={false} dataKey="sent" name="Sent" fill="#16a34a" />
                      <Bar
                        isAnimationActive={false}
                        dataKey="held"
                        name="Waiting for review"
                        fill="#d97706"
                      />
                      <Bar
                        isAnimationActive={false}
                        dataKey="rejected"
                        name="Rejected"
                        fill="#dc2626"
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="card" aria-labelledby="hist-title">
                <div className="page-head">
                  <div>
                    <h2 id="hist-title">Confidence scores</h2>
                    <p className="muted">
                      {plural(summary.confidence.total, 'draft', 'drafts')} with a score in the
                      period.
                    </p>
                  </div>
                  <label className="inline">
                    Gate to draw (%)
                    <input
                      type="number"
                      min={0}
                      max={100}
                      value={shownGate}
                      onChange={(e) => setGate(Number(e.target.value))}
                      className="narrow"
                    />
                  </label>
                </div>
                <div
                  className="chart"
                  role="img"
                  aria-label={`Histogram of draft confidence with the gate at ${shownGate} %`}
                >
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart data={histogramBars(summary)} margin={{ top: 24, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis
                        dataKey="mid"
                        type="number"
                        domain={[0, 100]}
                        ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]}
                        unit="%"
                      />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Bar
                        isAnimationActive={false}
                        dataKey="count"
                        name="Drafts"
                        fill="#2563eb"
                        barSize={24}
                      />
                      <ReferenceLine
                        x={shownGate}
                        stroke="#dc2626"
                        strokeWidth={2}
                        label={{
                          value: `gate ${shownGate} %`,
                          position: 'insideTopLeft',
                          fill: '#dc2626',
                        }}
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
            </>
          );
        }}
      </Loaded>
      <CalibrationSection workspaceId={workspaceId} isAdmin={isAdmin} />
    </section>
  );
}

/** The server's buckets as bars centred in their 10 points, labelled for the tooltip. */
function histogramBars(summary: ActivitySummary) {
  return summary.confidence.buckets.map((b) => ({
    bucket: `${b.from}–${b.to === 100 ? 100 : b.to - 1} %`,
    mid: b.from + 5,
    count: b.count,
  }));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
