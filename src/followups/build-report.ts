import { isLinkedinProfileUrl } from './evaluate-instance.ts';
import { REASON_MEANINGS } from './followup-types.ts';

/**
 * The follow-up report: counts by status and pause reason per workspace and
 * campaign, each with its meaning, then the anomalies (instances that should
 * have moved and did not), each with the leads, how long they have been
 * stuck and what to do. Pure: rows and `now` in, report out.
 */

export interface ReportRow {
  instanceId: string;
  workspaceId: string;
  workspaceName: string;
  campaignId: string | null;
  campaignName: string | null;
  sequenceName: string;
  ghostDays: number;
  status: string;
  pauseReason: string | null;
  stopReason: string | null;
  nextRunAt: Date | null;
  pausedUntil: Date | null;
  pausedAt: Date | null;
  pauseDetail: Record<string, unknown>;
  lastError: string | null;
  lastErrorAt: Date | null;
  leadEmail: string;
  leadPhone: string | null;
  leadLinkedinUrl: string | null;
  leadUpdatedAt: Date;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  /** An open review of the instance reached at least one reviewer in Slack. */
  approvalNotified?: boolean;
}

export type AnomalyKind =
  | 'ghost_resume_missed'
  | 'enrichment_arrived'
  | 'approval_waiting'
  | 'due_not_sent'
  | 'paused_until_passed';

export interface Anomaly {
  kind: AnomalyKind;
  workspaceId: string;
  campaignId: string | null;
  campaignName: string | null;
  meaning: string;
  suggestedAction: string;
  leads: {
    instanceId: string;
    leadEmail: string;
    stuckSince: string;
    stuckHours: number;
    detail: string | null;
  }[];
}

export interface ReportCount {
  status: string;
  reason: string | null;
  count: number;
  meaning: string;
}

export interface FollowupReport {
  generatedAt: string;
  ok: boolean;
  workspaces: {
    workspaceId: string;
    workspaceName: string;
    byStatus: Record<string, number>;
    campaigns: { campaignId: string | null; campaignName: string | null; counts: ReportCount[] }[];
  }[];
  anomalies: Anomaly[];
}

const HOUR = 3_600_000;
/** Due or dated pauses this much in the past are stuck (the tick runs every minute). */
export const STUCK_GRACE_MS = HOUR;

const ANOMALY_TEXT: Record<AnomalyKind, { meaning: string; action: string }> = {
  ghost_resume_missed: {
    meaning:
      'paused lead_replied although the conversation has been quiet past the ghost period; the automatic resume did not happen',
    action:
      'check that a worker runs (autosend worker) and its logs for followup.tick errors; or resume by hand: autosend followups resume <id>',
  },
  enrichment_arrived: {
    meaning: 'awaiting_enrichment although the lead now has the phone or LinkedIn profile URL',
    action: 'check that a worker runs followup.tick; the next tick resumes these',
  },
  approval_waiting: {
    meaning:
      'awaiting_approval for longer than the approval limit and no reviewer was notified in Slack',
    action:
      'check the campaign reviewers and Slack (autosend slack doctor), then autosend slack retry; or decide in the review queue (autosend review list)',
  },
  due_not_sent: {
    meaning: 'active and due more than an hour ago but not sent (scheduler lag or errors)',
    action: 'read the last error; check the sender settings and that a worker runs followup.tick',
  },
  paused_until_passed: {
    meaning: 'paused until a date that has passed, but still paused',
    action:
      'check that a worker runs followup.tick; or resume by hand: autosend followups resume <id>',
  },
};

function stuckSince(
  r: ReportRow,
  now: Date,
  approvalHours: number,
): { kind: AnomalyKind; since: Date; detail: string | null } | null {
  const late = (d: Date | null) => d !== null && now.getTime() - d.getTime() > STUCK_GRACE_MS;
  if (r.status === 'active' && late(r.nextRunAt)) {
    return {
      kind: 'due_not_sent',
      since: r.nextRunAt!,
      detail: r.lastError ? `last error: ${r.lastError}` : 'no error recorded',
    };
  }
  if (r.status !== 'paused') return null;
  if (
    (r.pauseReason === 'out_of_office' || r.pauseReason === 'lead_snoozed') &&
    late(r.pausedUntil)
  ) {
    return {
      kind: 'paused_until_passed',
      since: r.pausedUntil!,
      detail: `${r.pauseReason} until ${r.pausedUntil!.toISOString()}`,
    };
  }
  if (
    r.pauseReason === 'lead_replied' &&
    r.lastOutboundAt &&
    (!r.lastInboundAt || r.lastInboundAt < r.lastOutboundAt)
  ) {
    const due = new Date(r.lastOutboundAt.getTime() + r.ghostDays * 24 * HOUR);
    if (late(due))
      return {
        kind: 'ghost_resume_missed',
        since: due,
        detail: `our last message ${r.lastOutboundAt.toISOString()}, ghost period ${r.ghostDays} days`,
      };
  }
  if (r.pauseReason === 'awaiting_enrichment') {
    const needs = r.pauseDetail['needs'];
    const has =
      needs === 'phone' ? Boolean(r.leadPhone?.trim()) : isLinkedinProfileUrl(r.leadLinkedinUrl);
    if (has && late(r.leadUpdatedAt))
      return {
        kind: 'enrichment_arrived',
        since: r.leadUpdatedAt,
        detail: `${String(needs)} now present`,
      };
  }
  if (
    r.pauseReason === 'awaiting_approval' &&
    !r.approvalNotified &&
    r.pausedAt &&
    now.getTime() - r.pausedAt.getTime() > approvalHours * HOUR
  ) {
    return {
      kind: 'approval_waiting',
      since: r.pausedAt,
      detail: `step ${String(r.pauseDetail['step'] ?? '?')}`,
    };
  }
  return null;
}

/** Builds the report; `approvalHours` is how long an approval may wait before it is an anomaly. */
export function buildFollowupReport(
  rows: ReportRow[],
  now: Date,
  approvalHours = 24,
): FollowupReport {
  const workspaces = new Map<string, FollowupReport['workspaces'][number]>();
  const counts = new Map<string, ReportCount>();
  const anomalies = new Map<string, Anomaly>();
  for (const r of rows) {
    let ws = workspaces.get(r.workspaceId);
    if (!ws) {
      ws = {
        workspaceId: r.workspaceId,
        workspaceName: r.workspaceName,
        byStatus: { active: 0, paused: 0, completed: 0, cancelled: 0 },
        campaigns: [],
      };
      workspaces.set(r.workspaceId, ws);
    }
    ws.byStatus[r.status] = (ws.byStatus[r.status] ?? 0) + 1;
    let campaign = ws.campaigns.find((c) => c.campaignId === r.campaignId);
    if (!campaign) {
      campaign = { campaignId: r.campaignId, campaignName: r.campaignName, counts: [] };
      ws.campaigns.push(campaign);
    }
    const reason = r.status === 'paused' ? r.pauseReason : r.stopReason;
    const key = `${r.workspaceId}|${r.campaignId}|${r.status}|${reason}`;
    let count = counts.get(key);
    if (!count) {
      const meaning =
        REASON_MEANINGS[(r.status === 'paused' ? r.pauseReason : r.status) ?? r.status] ?? '';
      count = { status: r.status, reason, count: 0, meaning };
      counts.set(key, count);
      campaign.counts.push(count);
    }
    count.count++;
    const stuck = stuckSince(r, now, approvalHours);
    if (!stuck) continue;
    const aKey = `${r.workspaceId}|${r.campaignId}|${stuck.kind}`;
    let anomaly = anomalies.get(aKey);
    if (!anomaly) {
      const text = ANOMALY_TEXT[stuck.kind];
      anomaly = {
        kind: stuck.kind,
        workspaceId: r.workspaceId,
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        meaning: text.meaning,
        suggestedAction: text.action,
        leads: [],
      };
      anomalies.set(aKey, anomaly);
    }
    anomaly.leads.push({
      instanceId: r.instanceId,
      leadEmail: r.leadEmail,
      stuckSince: stuck.since.toISOString(),
      stuckHours: Math.round((now.getTime() - stuck.since.getTime()) / HOUR),
      detail: stuck.detail,
    });
  }
  for (const ws of workspaces.values())
    for (const c of ws.campaigns) c.counts.sort((a, b) => b.count - a.count);
  const list = [...anomalies.values()];
  return {
    generatedAt: now.toISOString(),
    ok: list.length === 0,
    workspaces: [...workspaces.values()],
    anomalies: list,
  };
}

/** The report as the CLI prints it. */
export function formatFollowupReport(report: FollowupReport): string {
  const lines: string[] = [];
  if (report.workspaces.length === 0) lines.push('No follow-up instances.');
  for (const ws of report.workspaces) {
    lines.push(`Workspace ${ws.workspaceName} (${ws.workspaceId})`);
    for (const c of ws.campaigns) {
      lines.push(
        `  Campaign ${c.campaignName ?? '(none)'}${c.campaignId ? ` (${c.campaignId})` : ''}`,
      );
      for (const n of c.counts) {
        const label = n.reason ? `${n.status}: ${n.reason}` : n.status;
        lines.push(`    ${String(n.count).padStart(5)}  ${label.padEnd(32)} ${n.meaning}`);
      }
    }
  }
  lines.push('');
  if (report.ok) lines.push('No anomalies.');
  else
    lines.push(`${report.anomalies.length} anomal${report.anomalies.length === 1 ? 'y' : 'ies'}:`);
  for (const a of report.anomalies) {
    lines.push(`  ${a.kind} — ${a.campaignName ?? '(no campaign)'}: ${a.leads.length} lead(s)`);
    lines.push(`    ${a.meaning}`);
    lines.push(`    suggested: ${a.suggestedAction}`);
    for (const l of a.leads.slice(0, 20)) {
      lines.push(
        `    - ${l.leadEmail} (follow-up ${l.instanceId}) stuck ${l.stuckHours}h since ${l.stuckSince}${l.detail ? `; ${l.detail}` : ''}`,
      );
    }
    if (a.leads.length > 20) lines.push(`    … and ${a.leads.length - 20} more (--json lists all)`);
  }
  return `${lines.join('\n')}\n`;
}
