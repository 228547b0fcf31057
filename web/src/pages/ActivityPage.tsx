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
import { confidenceHistogram, type DraftLike, perDay } from '../lib/activity-stats.ts';
import type { Campaign, Page } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { CalibrationSection } from './CalibrationSection.tsx';
import { OutcomeReasonsSection } from './OutcomeReasons.tsx';

/**
 * Per day activity, where confidence scores fall against the gate (the latest
 * 200 of each), and each campaign's calibration.
 */
export function ActivityPage({ workspaceId, isAdmin }: { workspaceId: string; isAdmin: boolean }) {
  const w = `/workspaces/${workspaceId}`;
  const [data] = useLoad(async () => {
    const [messages, drafts, campaigns] = await Promise.all([
      api.get<Page<{ occurredAt: string }>>(`${w}/messages?direction=inbound&limit=200`),
      api.get<Page<DraftLike>>(`${w}/drafts?limit=200`),
      api.get<{ items: Campaign[] }>(`${w}/campaigns`),
    ]);
    return { messages: messages.items, drafts: drafts.items, campaigns: campaigns.items };
  }, [workspaceId]);
  const [gate, setGate] = useState<number | undefined>();
  const [days, setDays] = useState(14);

  return (
    <section aria-labelledby="activity-title" className="stack">
      <h1 id="activity-title">Activity</h1>
      <div className="page-head">
        <p className="muted">Skips and holds by reason, per UTC day.</p>
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
        {({ messages, drafts, campaigns }) => {
          if (messages.length === 0 && drafts.length === 0) {
            return <Empty title="No replies yet">Charts fill in as leads reply.</Empty>;
          }
          const shownGate =
            gate ?? campaigns.find((c) => c.responseMode === 'AI_AUTO_SEND')?.confidenceGate ?? 85;
          return (
            <>
              <section className="card" aria-labelledby="per-day-title">
                <h2 id="per-day-title">Per day</h2>
                <div className="chart" role="img" aria-label="Replies and draft outcomes per day">
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart data={perDay(messages, drafts)}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="day" />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Legend />
                      <Bar dataKey="replies" name="Replies" fill="#64748b" />
                      <Bar dataKey="sent" name="Sent" fill="#16a34a" />
                      <Bar dataKey="held" name="Waiting for review" fill="#d97706" />
                      <Bar dataKey="rejected" name="Rejected" fill="#dc2626" />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="card" aria-labelledby="hist-title">
                <div className="page-head">
                  <h2 id="hist-title">Confidence scores</h2>
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
                    <BarChart data={confidenceHistogram(drafts)} margin={{ top: 24, right: 16 }}>
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
                      <Bar dataKey="count" name="Drafts" fill="#2563eb" barSize={24} />
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
