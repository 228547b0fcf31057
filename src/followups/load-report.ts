import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { buildFollowupReport, type FollowupReport, type ReportRow } from './build-report.ts';

/**
 * Reads every instance (of one workspace, or all) with what the report
 * needs — the lead's contact fields and the conversation's last inbound and
 * outbound times — and builds the report.
 */
export async function loadFollowupReport(
  db: Db,
  options: { workspaceId?: string; approvalHours?: number; now?: Date } = {},
): Promise<FollowupReport> {
  const now = options.now ?? new Date();
  const result = await db.execute<Record<string, unknown>>(sql`
    select i.id as instance_id, w.id as workspace_id, w.name as workspace_name,
           c.id as campaign_id, c.name as campaign_name, s.name as sequence_name, s.ghost_days,
           i.status, i.pause_reason, i.stop_reason, i.next_run_at, i.paused_until, i.paused_at,
           i.pause_detail, i.last_error, i.last_error_at,
           l.email as lead_email, l.phone as lead_phone, l.linkedin_url as lead_linkedin_url,
           l.updated_at as lead_updated_at, conv.last_inbound_at, conv.last_outbound_at,
           exists (
             select 1 from review_requests rr
             join review_notifications rn on rn.review_request_id = rr.id and rn.status = 'sent'
             where rr.followup_instance_id = i.id and rr.status = 'open'
           ) as approval_notified
    from followup_instances i
    join followup_sequences s on s.id = i.sequence_id
    join workspaces w on w.id = s.workspace_id
    join leads l on l.id = i.lead_id
    left join campaigns c on c.id = s.campaign_id
    left join lateral (
      select max(m.occurred_at) filter (where m.direction = 'inbound') as last_inbound_at,
             max(m.occurred_at) filter (where m.direction = 'outbound') as last_outbound_at
      from messages m
      where m.lead_id = i.lead_id and (s.campaign_id is null or m.campaign_id = s.campaign_id)
    ) conv on i.status = 'paused' and i.pause_reason = 'lead_replied'
    ${options.workspaceId ? sql`where w.id = ${options.workspaceId}` : sql``}
    order by w.name, w.id, c.name, i.id`);
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const rows: ReportRow[] = result.rows.map((r) => ({
    instanceId: r['instance_id'] as string,
    workspaceId: r['workspace_id'] as string,
    workspaceName: r['workspace_name'] as string,
    campaignId: (r['campaign_id'] as string | null) ?? null,
    campaignName: (r['campaign_name'] as string | null) ?? null,
    sequenceName: r['sequence_name'] as string,
    ghostDays: Number(r['ghost_days']),
    status: r['status'] as string,
    pauseReason: (r['pause_reason'] as string | null) ?? null,
    stopReason: (r['stop_reason'] as string | null) ?? null,
    nextRunAt: date(r['next_run_at']),
    pausedUntil: date(r['paused_until']),
    pausedAt: date(r['paused_at']),
    pauseDetail: (r['pause_detail'] as Record<string, unknown>) ?? {},
    lastError: (r['last_error'] as string | null) ?? null,
    lastErrorAt: date(r['last_error_at']),
    leadEmail: r['lead_email'] as string,
    leadPhone: (r['lead_phone'] as string | null) ?? null,
    leadLinkedinUrl: (r['lead_linkedin_url'] as string | null) ?? null,
    leadUpdatedAt: date(r['lead_updated_at'])!,
    lastInboundAt: date(r['last_inbound_at']),
    lastOutboundAt: date(r['last_outbound_at']),
    approvalNotified: r['approval_notified'] === true,
  }));
  return buildFollowupReport(rows, now, options.approvalHours);
}
