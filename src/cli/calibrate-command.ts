import type { Command } from 'commander';
import { findCampaignWorkspace, getCampaign } from '../admin/campaigns.ts';
import { runAdminCommand } from '../admin/run-admin-command.ts';
import { closeCampaignBreaker } from '../calibration/campaign-breaker.ts';
import {
  applyRecommendedGate,
  type CampaignCalibration,
  loadCampaignCalibration,
} from '../calibration/load-calibration.ts';

const pct = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : `${(n * 100).toFixed(digits)}%`;

/** Gates printed in the table; the JSON carries every gate from 50 to 99. */
function shownGates(c: CampaignCalibration): Set<number> {
  const shown = new Set([50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99]);
  shown.add(c.campaign.confidenceGate);
  if (c.calibration.recommendedGate !== null) shown.add(c.calibration.recommendedGate);
  return shown;
}

/** The calibration as a person reads it: evidence, table, recommendation, what it would change. */
export function formatCalibration(c: CampaignCalibration): string {
  const k = c.calibration;
  const out: string[] = [
    `campaign ${c.campaign.name} (${c.campaign.id}), ${c.campaign.responseMode}, gate ${c.campaign.confidenceGate}%, target ${c.campaign.targetPrecision}% approved as is`,
    `evidence: ${c.scope} (${c.reviewedByScope[c.scope]} reviewed drafts; campaign ${c.reviewedByScope.campaign}, workspace ${c.reviewedByScope.workspace}, all ${c.reviewedByScope.all}), ${k.totalScored} scored drafts`,
    '',
    'gate  auto-sent  reviewed  as-is  share  lower95',
  ];
  const shown = shownGates(c);
  for (const g of k.gates.filter((g) => shown.has(g.gate))) {
    const marks = [
      g.gate === c.campaign.confidenceGate ? 'current' : '',
      g.gate === k.recommendedGate ? 'recommended' : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      `${`${g.gate}%`.padEnd(6)}${`${g.wouldAutoSend} (${pct(g.autoSendRate)})`.padEnd(11)}${String(g.reviewed).padEnd(10)}${String(g.approvedAsIs).padEnd(7)}${pct(g.share).padEnd(7)}${pct(g.lowerBound, 1).padEnd(8)}${marks ? ` ← ${marks}` : ''}`,
    );
  }
  out.push('');
  const line = (label: string, e: NonNullable<typeof k.recommended>) =>
    `${label} ${e.gate}%: auto-send rate ${pct(e.autoSendRate)}, expected error rate ${pct(e.errorRate, 1)} (at most ${pct(e.errorRateUpper, 1)}), ${e.reviewed} reviewed`;
  out.push(line('at the current gate', k.current));
  if (k.recommendedGate !== null && k.recommended) {
    out.push(line('at the recommended gate', k.recommended));
    out.push(
      k.recommendedGate === c.campaign.confidenceGate
        ? 'the current gate is the recommended one'
        : `apply it with: autosend campaign calibrate ${c.campaign.id} --apply`,
    );
  } else {
    const more = k.notEnoughEvidence?.moreReviewsNeeded;
    out.push(
      `not enough evidence: ${k.notEnoughEvidence?.why}${more != null ? `; about ${more} more reviews needed` : ''}`,
    );
  }
  if (c.breaker.open) {
    out.push(
      `circuit breaker OPEN since ${c.breaker.openedAt} (${c.breaker.reason}): ${String(c.breaker.detail.summary ?? '')}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** `autosend campaign calibrate|show|breaker close`, registered under `campaign`. */
export function registerCalibrationCommands(campaign: Command): void {
  campaign
    .command('calibrate')
    .description(
      'Calibrate the gate from reviewer outcomes: per-gate table and recommended gate; --apply sets it (audited)',
    )
    .argument('<id>', 'campaign id')
    .option('--apply', 'set the gate to the recommended one (refused without one)')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { apply?: boolean; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor }) => {
          const ref = { workspaceId: await findCampaignWorkspace(db, id), campaignId: id };
          return o.apply ? applyRecommendedGate(db, actor, ref) : loadCampaignCalibration(db, ref);
        },
        (c) =>
          (o.apply ? `gate set to ${c.campaign.confidenceGate}%\n` : '') + formatCalibration(c),
      ),
    );

  campaign
    .command('show')
    .description('Show one campaign: settings, circuit breaker and calibration summary')
    .argument('<id>', 'campaign id')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => {
          const workspaceId = await findCampaignWorkspace(db, id);
          const view = await getCampaign(db, workspaceId, id);
          const c = await loadCampaignCalibration(db, { workspaceId, campaignId: id });
          return { ...view, calibration: c.calibration, evidenceScope: c.scope };
        },
        (v) => {
          const b = v.breaker;
          const rec = v.calibration.recommendedGate;
          return (
            `${v.id}  ${v.name}  [${v.platform} ${v.externalId}]\n` +
            `  ${v.configuredAt ? v.responseMode : 'NEW (not configured; MANUAL)'}, gate ${v.confidenceGate}%, target precision ${v.targetPrecision}%\n` +
            `  reviewers ${v.reviewers.map((r) => r.target).join(', ') || 'none'}\n` +
            (b.open
              ? `  CIRCUIT BREAKER OPEN since ${b.openedAt} (${b.reason}): ${String(b.detail.summary ?? '')}\n  every reply waits for review; close it with: autosend campaign breaker close ${v.id}\n`
              : `  circuit breaker closed${b.closedAt ? ` (last closed ${b.closedAt})` : ''}\n`) +
            `  calibration (${v.evidenceScope}): ${rec !== null ? `recommended gate ${rec}%` : `not enough evidence (${v.calibration.notEnoughEvidence?.why})`}\n`
          );
        },
      ),
    );

  campaign
    .command('breaker')
    .description('The circuit breaker of automatic sends')
    .command('close')
    .description(
      'Close an open breaker: automatic sends resume, its windows start afresh (audited)',
    )
    .argument('<id>', 'campaign id')
    .option('--note <text>', 'what was fixed, for the audit log')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { note?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor }) => {
          const workspaceId = await findCampaignWorkspace(db, id);
          return closeCampaignBreaker(db, actor, { workspaceId, campaignId: id }, o.note);
        },
        () => `closed the circuit breaker of campaign ${id}: automatic sends resume\n`,
      ),
    );
}
