import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api.ts';
import { Empty, ErrorBanner, Loaded } from '../components/ui.tsx';
import { errorRateText, percent, reliabilityPoints } from '../lib/reliability.ts';
import type { Campaign, CampaignCalibration, GateExpectation } from '../types.ts';
import { useLoad } from '../use-load.ts';

const SCOPE_TEXT: Record<CampaignCalibration['scope'], string> = {
  campaign: "this campaign's own reviews",
  workspace: "the workspace's reviews (this campaign has too few of its own)",
  all: "every campaign's reviews (this workspace has too few)",
};

function ExpectationRow({ label, e }: { label: string; e: GateExpectation }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{e.gate} %</td>
      <td>{percent(e.autoSendRate)}</td>
      <td>{errorRateText(e)}</td>
      <td>{e.reviewed}</td>
    </tr>
  );
}

function ReliabilityChart({ data }: { data: CampaignCalibration }) {
  const c = data.calibration;
  const gate = data.campaign.confidenceGate;
  const points = reliabilityPoints(c.buckets);
  return (
    <>
      <div
        className="chart"
        role="img"
        aria-label={`Reliability: approved-as-is share per confidence bucket, current gate ${gate} %${
          c.recommendedGate === null ? '' : `, recommended gate ${c.recommendedGate} %`
        }`}
      >
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={points} margin={{ top: 28, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="mid"
              type="number"
              domain={[0, 100]}
              ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]}
              unit="%"
            />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip
              formatter={(value, _name, item) => {
                const p = item.payload as (typeof points)[number];
                return [`${value} % (${p.approvedAsIs} of ${p.reviewed})`, 'Approved as is'];
              }}
              labelFormatter={(_mid, items) =>
                `confidence ${(items?.[0]?.payload as (typeof points)[number] | undefined)?.label ?? ''} %`
              }
            />
            <Bar
              dataKey="sharePercent"
              name="Approved as is"
              fill="#2563eb"
              barSize={28}
              isAnimationActive={false}
            >
              <LabelList dataKey="counts" position="top" fill="#0f172a" />
            </Bar>
            <ReferenceLine
              y={c.targetPrecision}
              stroke="#64748b"
              strokeDasharray="4 4"
              label={{ value: `target ${c.targetPrecision} %`, position: 'insideBottomLeft' }}
            />
            <ReferenceLine
              x={gate}
              stroke="#dc2626"
              strokeWidth={2}
              label={{ value: `gate ${gate} %`, position: 'insideTopLeft', fill: '#dc2626' }}
            />
            {c.recommendedGate !== null && (
              <ReferenceLine
                x={c.recommendedGate}
                stroke="#16a34a"
                strokeWidth={2}
                strokeDasharray="6 3"
                label={{
                  value: `recommended ${c.recommendedGate} %`,
                  position: 'top',
                  fill: '#16a34a',
                }}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-scroll">
        <table>
          <caption>Reviewed drafts per confidence bucket</caption>
          <thead>
            <tr>
              <th scope="col">Confidence</th>
              <th scope="col">Reviewed</th>
              <th scope="col">Approved as is</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {points
              .filter((p) => p.reviewed > 0)
              .map((p) => (
                <tr key={p.label}>
                  <td>{p.label} %</td>
                  <td>{p.reviewed}</td>
                  <td>{p.approvedAsIs}</td>
                  <td>{p.sharePercent === null ? '—' : `${p.sharePercent} %`}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What the recommendation rests on, the rates it promises, and the admin's "Apply". */
function CalibrationView({
  workspaceId,
  data,
  isAdmin,
  onApplied,
}: {
  workspaceId: string;
  data: CampaignCalibration;
  isAdmin: boolean;
  onApplied: (before: number, after: CampaignCalibration) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const c = data.calibration;
  const apply = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const after = await api.post<CampaignCalibration>(
        `/workspaces/${workspaceId}/campaigns/${data.campaign.id}/calibration/apply`,
      );
      onApplied(data.campaign.confidenceGate, after);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        Evidence: {SCOPE_TEXT[data.scope]} — {c.totalReviewed} reviewed of {c.totalScored} scored
        drafts (campaign {data.reviewedByScope.campaign}, workspace {data.reviewedByScope.workspace}
        , all {data.reviewedByScope.all}). Target: {c.targetPrecision} % approved as is, proven by
        the Wilson 95 % lower bound over at least {c.minReviewed} reviewed drafts.
      </p>
      {c.totalReviewed === 0 ? (
        <Empty title="No reviewed drafts yet">
          The chart fills in as reviewers approve and reject drafts.
        </Empty>
      ) : (
        <ReliabilityChart data={data} />
      )}
      {c.notEnoughEvidence && (
        <div className="banner banner-warn" role="status">
          <strong>
            Not enough evidence
            {c.notEnoughEvidence.moreReviewsNeeded !== null &&
              `: ${c.notEnoughEvidence.moreReviewsNeeded} more reviews needed`}
          </strong>
          <span>{c.notEnoughEvidence.why}</span>
        </div>
      )}
      <div className="table-scroll">
        <table>
          <caption>Expected at the current and the recommended gate</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Gate</th>
              <th scope="col">Auto-send rate</th>
              <th scope="col">Expected error rate</th>
              <th scope="col">Reviewed at or above</th>
            </tr>
          </thead>
          <tbody>
            <ExpectationRow label="Current" e={c.current} />
            {c.recommended && <ExpectationRow label="Recommended" e={c.recommended} />}
          </tbody>
        </table>
      </div>
      {error !== undefined && <ErrorBanner error={error} title="Gate not changed" />}
      {isAdmin && c.recommendedGate !== null && c.recommendedGate !== c.current.gate && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={apply}>
            {busy ? 'Applying…' : `Apply recommended gate (${c.recommendedGate} %)`}
          </button>
        </div>
      )}
    </>
  );
}

/**
 * Activity → Calibration: per campaign, how often a draft at each confidence
 * was approved as is, with the gate and the recommended gate drawn on it
 * (GET …/campaigns/{id}/calibration; admins apply via POST …/calibration/apply).
 */
export function CalibrationSection({
  workspaceId,
  isAdmin,
}: {
  workspaceId: string;
  isAdmin: boolean;
}) {
  const [campaigns] = useLoad(
    () => api.get<{ items: Campaign[] }>(`/workspaces/${workspaceId}/campaigns`),
    [workspaceId],
  );
  return (
    <section className="card stack" aria-labelledby="calibration-title">
      <Loaded load={campaigns} what="campaigns">
        {({ items }) =>
          items.length === 0 ? (
            <>
              <h2 id="calibration-title">Calibration</h2>
              <Empty title="No campaigns yet" />
            </>
          ) : (
            <CampaignCalibrationPanel
              workspaceId={workspaceId}
              campaigns={items}
              isAdmin={isAdmin}
            />
          )
        }
      </Loaded>
    </section>
  );
}

function CampaignCalibrationPanel({
  workspaceId,
  campaigns,
  isAdmin,
}: {
  workspaceId: string;
  campaigns: Campaign[];
  isAdmin: boolean;
}) {
  const [picked, setPicked] = useState<string | undefined>();
  const [applied, setApplied] = useState<{ before: number; after: number } | undefined>();
  const campaignId =
    picked ?? (campaigns.find((c) => c.responseMode === 'AI_AUTO_SEND') ?? campaigns[0])!.id;
  const [data, reload] = useLoad(
    () =>
      api.get<CampaignCalibration>(
        `/workspaces/${workspaceId}/campaigns/${campaignId}/calibration`,
      ),
    [workspaceId, campaignId],
  );
  return (
    <>
      <div className="page-head">
        <h2 id="calibration-title">Calibration</h2>
        <label className="inline">
          Campaign
          <select
            value={campaignId}
            onChange={(e) => {
              setApplied(undefined);
              setPicked(e.target.value);
            }}
          >
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {applied && (
        <p className="ok" role="status">
          Gate changed from {applied.before} % to {applied.after} % (recorded in the audit log as
          campaign.calibration_apply).
        </p>
      )}
      <Loaded load={data} what="the calibration">
        {(d) => (
          <CalibrationView
            workspaceId={workspaceId}
            data={d}
            isAdmin={isAdmin}
            onApplied={(before, after) => {
              setApplied({ before, after: after.campaign.confidenceGate });
              reload();
            }}
          />
        )}
      </Loaded>
    </>
  );
}
