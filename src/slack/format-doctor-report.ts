import type { ConfiguredDoctorReport } from './run-configured-doctor.ts';
import { combinedScopeFix } from './slack-doctor.ts';
import { describeSlackFailure } from './slack-failure.ts';

/** The doctor's report as people read it in a terminal. Pure. */
export function formatDoctorReport(report: ConfiguredDoctorReport): string {
  const out: string[] = [];
  if (!report.configured) {
    out.push('Slack is not configured: no SLACK_BOT_TOKEN and no workspace token.');
    out.push(
      '  fix: create a Slack app, add the Bot Token Scopes chat:write, chat:write.public, im:write, ' +
        'users:read, users:read.email under OAuth & Permissions, install it to the workspace, and set ' +
        'SLACK_BOT_TOKEN (xoxb-…) where the service runs.',
    );
  }
  for (const check of report.checks) {
    const r = check.report;
    const label =
      check.source === 'workspace' ? `workspace ${check.workspaceId} token` : 'SLACK_BOT_TOKEN';
    out.push('');
    if (!r.auth.ok) {
      out.push(`${label}: auth.test failed: ${describeSlackFailure(r.auth.failure!)}`);
      out.push(
        '  fix: reinstall the app to the workspace (OAuth & Permissions → Reinstall to Workspace) and update SLACK_BOT_TOKEN where the service runs.',
      );
    } else {
      out.push(`${label}: workspace "${r.auth.team ?? '?'}", bot user ${r.auth.botUser ?? '?'}`);
      out.push(`  granted scopes: ${r.grantedScopes.join(', ') || '(none reported)'}`);
      out.push('');
      for (const c of r.capabilities) {
        out.push(`  ${c.works ? '✓' : '✗'} ${c.label}: ${c.note}`);
        if (c.missingScopes.length) out.push(`      missing scopes: ${c.missingScopes.join(', ')}`);
        if (c.fix) out.push(`      fix: ${c.fix}`);
      }
    }
    out.push('');
    out.push(`  reviewers (${r.reviewers.length}):`);
    if (r.reviewers.length === 0) out.push('    (none configured on any campaign)');
    for (const reviewer of r.reviewers) {
      const where = reviewer.campaigns.length ? ` [${reviewer.campaigns.join(', ')}]` : '';
      const how = reviewer.method ? ` via ${reviewer.method}` : '';
      out.push(
        `    ${reviewer.reachable ? '✓' : '✗'} ${reviewer.target}${where}${how}${reviewer.problem ? `: ${reviewer.problem}` : ''}`,
      );
    }
    const fix = combinedScopeFix(r);
    if (fix) out.push(`  fix for the unreachable reviewers: ${fix}`);
  }
  if (report.withoutToken.length) {
    out.push('');
    out.push('  reviewers of workspaces without any Slack token (cannot be notified):');
    for (const reviewer of report.withoutToken) out.push(`    ✗ ${reviewer.target}`);
  }
  out.push('');
  out.push(report.summary);
  return `${out.join('\n').replace(/^\n+/, '')}\n`;
}
