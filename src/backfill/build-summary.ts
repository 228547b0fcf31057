/**
 * The run's summary table, per campaign: targets, skipped by reason, drafted,
 * failed, sent, sent to review, notifications ok/failed (and for shadow runs
 * what each gate would have done). Pure: built from counts.
 */

export interface SummaryCount {
  campaignId: string | null;
  state: string;
  reason: string | null;
  notify: string | null;
  n: number;
}

/** shadow: per campaign, per threshold (`gate`, `70`, `80`, `90`, `95`), send or review counts. */
export interface ShadowCount {
  campaignId: string | null;
  threshold: string;
  action: string;
  n: number;
}

export interface CampaignSummary {
  campaignId: string | null;
  campaign: string;
  targets: number;
  skipped: Record<string, number>;
  drafted: number;
  failed: number;
  sent: number;
  review: number;
  deferred: number;
  scheduled: number;
  superseded: number;
  sendFailed: number;
  sendUnknown: number;
  notifyOk: number;
  notifyFailed: number;
  shadow?: Record<string, { send: number; review: number }>;
}

export const SHADOW_THRESHOLDS = [70, 80, 90, 95] as const;

const AFTER_DRAFT = new Set([
  'drafted',
  'sent',
  'review',
  'deferred',
  'scheduled',
  'superseded',
  'send_failed',
  'send_unknown',
]);

export function buildSummary(
  counts: SummaryCount[],
  campaignNames: Map<string, string>,
  shadow: ShadowCount[] = [],
): CampaignSummary[] {
  const out = new Map<string | null, CampaignSummary>();
  const get = (campaignId: string | null): CampaignSummary => {
    let s = out.get(campaignId);
    if (!s) {
      s = {
        campaignId,
        campaign: (campaignId && campaignNames.get(campaignId)) ?? campaignId ?? '(none)',
        targets: 0,
        skipped: {},
        drafted: 0,
        failed: 0,
        sent: 0,
        review: 0,
        deferred: 0,
        scheduled: 0,
        superseded: 0,
        sendFailed: 0,
        sendUnknown: 0,
        notifyOk: 0,
        notifyFailed: 0,
      };
      out.set(campaignId, s);
    }
    return s;
  };
  for (const c of counts) {
    const s = get(c.campaignId);
    if (c.state === 'skipped') {
      const reason = c.reason ?? 'unknown';
      s.skipped[reason] = (s.skipped[reason] ?? 0) + c.n;
      continue;
    }
    s.targets += c.n;
    if (AFTER_DRAFT.has(c.state)) s.drafted += c.n;
    if (c.state === 'failed') s.failed += c.n;
    if (c.state === 'sent') s.sent += c.n;
    if (c.state === 'review') s.review += c.n;
    if (c.state === 'deferred') s.deferred += c.n;
    if (c.state === 'scheduled') s.scheduled += c.n;
    if (c.state === 'superseded') s.superseded += c.n;
    if (c.state === 'send_failed') s.sendFailed += c.n;
    if (c.state === 'send_unknown') s.sendUnknown += c.n;
    if (c.notify === 'ok') s.notifyOk += c.n;
    if (c.notify === 'failed') s.notifyFailed += c.n;
  }
  for (const c of shadow) {
    const s = get(c.campaignId);
    s.shadow ??= {};
    const t = s.shadow[c.threshold] ?? { send: 0, review: 0 };
    s.shadow[c.threshold] = t;
    if (c.action === 'send') t.send += c.n;
    else t.review += c.n;
  }
  return [...out.values()].sort((a, b) => a.campaign.localeCompare(b.campaign));
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const skippedText = (s: Record<string, number>) =>
  Object.entries(s)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || '-';

/** The summary as a fixed-width table, for the terminal and the .log file. */
export function formatSummary(
  summaries: CampaignSummary[],
  mode: 'dry_run' | 'shadow' | 'apply',
): string {
  if (summaries.length === 0) return 'no conversations in scope';
  const lines: string[] = [];
  if (mode === 'dry_run') {
    lines.push(
      pad([
        ['campaign', 'targets', 'skipped', 'apply would'],
        ...summaries.map((s) => [
          s.campaign,
          String(s.targets),
          skippedText(s.skipped),
          `draft ${s.targets}, then send or review each at the gate`,
        ]),
      ]),
    );
    return lines.join('\n');
  }
  lines.push(
    pad([
      [
        'campaign',
        'targets',
        'skipped',
        'drafted',
        'failed',
        'sent',
        'review',
        'notify ok',
        'notify failed',
        'other',
      ],
      ...summaries.map((s) => [
        s.campaign,
        String(s.targets),
        skippedText(s.skipped),
        String(s.drafted),
        String(s.failed),
        String(s.sent),
        String(s.review),
        String(s.notifyOk),
        String(s.notifyFailed),
        [
          s.deferred ? `deferred=${s.deferred}` : '',
          s.scheduled ? `scheduled=${s.scheduled}` : '',
          s.superseded ? `superseded=${s.superseded}` : '',
          s.sendFailed ? `send_failed=${s.sendFailed}` : '',
          s.sendUnknown ? `send_unknown=${s.sendUnknown}` : '',
        ]
          .filter(Boolean)
          .join(' ') || '-',
      ]),
    ]),
  );
  if (mode === 'shadow') {
    const thresholds = ['gate', ...SHADOW_THRESHOLDS.map(String)];
    lines.push('', 'shadow: would auto-send / review');
    lines.push(
      pad([
        ['campaign', ...thresholds.map((t) => (t === 'gate' ? 'at its gate' : `at ${t}%`))],
        ...summaries.map((s) => [
          s.campaign,
          ...thresholds.map((t) => {
            const v = s.shadow?.[t];
            return v ? `${v.send} / ${v.review}` : '0 / 0';
          }),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}
