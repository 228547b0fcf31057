import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { DbOrTx } from '../db/client.ts';
import { campaignReviewers, campaigns } from '../db/schema.ts';
import { makeSlackClient, resolveSlackToken } from './make-slack-client.ts';
import { type DoctorReport, type DoctorReviewer, runSlackDoctor } from './slack-doctor.ts';

export interface TokenCheck {
  /** Where the token comes from: SLACK_BOT_TOKEN, or a workspace's stored token. */
  source: 'SLACK_BOT_TOKEN' | 'workspace';
  workspaceId: string | undefined;
  report: DoctorReport;
}

export interface ConfiguredDoctorReport {
  /** False when no token is set anywhere. */
  configured: boolean;
  ok: boolean;
  summary: string;
  checks: TokenCheck[];
  /** Reviewers of workspaces with no token at all. */
  withoutToken: DoctorReviewer[];
  reviewerCount: number;
}

/** Every configured reviewer (all campaigns), grouped by target, per workspace. */
async function loadReviewers(db: DbOrTx) {
  const rows = await db
    .select({
      workspaceId: campaigns.workspaceId,
      campaign: campaigns.name,
      target: campaignReviewers.target,
    })
    .from(campaignReviewers)
    .innerJoin(campaigns, eq(campaigns.id, campaignReviewers.campaignId))
    .orderBy(campaignReviewers.target);
  const byWorkspace = new Map<string, Map<string, DoctorReviewer>>();
  for (const row of rows) {
    const targets = byWorkspace.get(row.workspaceId) ?? new Map<string, DoctorReviewer>();
    byWorkspace.set(row.workspaceId, targets);
    const entry = targets.get(row.target) ?? { target: row.target, campaigns: [] };
    entry.campaigns!.push(row.campaign);
    targets.set(row.target, entry);
  }
  return byWorkspace;
}

/**
 * Runs the Slack doctor for every token in use: SLACK_BOT_TOKEN with the
 * reviewers of workspaces that have no token of their own, and each
 * workspace token with its workspace's reviewers.
 */
export async function runConfiguredSlackDoctor(deps: {
  db: DbOrTx;
  config: Config;
  clientFor?: (token: string) => WebClient;
}): Promise<ConfiguredDoctorReport> {
  const clientFor =
    deps.clientFor ?? ((t: string) => makeSlackClient(t, { apiUrl: deps.config.slack.apiUrl }));
  const byWorkspace = await loadReviewers(deps.db);
  const envReviewers = new Map<string, DoctorReviewer>();
  const withoutToken: DoctorReviewer[] = [];
  const checks: TokenCheck[] = [];
  let reviewerCount = 0;
  for (const [workspaceId, targets] of byWorkspace) {
    reviewerCount += targets.size;
    const token = await resolveSlackToken(deps.db, deps.config, workspaceId);
    if (!token) withoutToken.push(...targets.values());
    else if (token.source === 'workspace') {
      checks.push({
        source: 'workspace',
        workspaceId,
        report: await runSlackDoctor(clientFor(token.token), [...targets.values()]),
      });
    } else {
      for (const [target, r] of targets) {
        const seen = envReviewers.get(target);
        if (seen) seen.campaigns!.push(...(r.campaigns ?? []));
        else envReviewers.set(target, { ...r, campaigns: [...(r.campaigns ?? [])] });
      }
    }
  }
  if (deps.config.slack.botToken) {
    const report = await runSlackDoctor(clientFor(deps.config.slack.botToken), [
      ...envReviewers.values(),
    ]);
    checks.unshift({ source: 'SLACK_BOT_TOKEN', workspaceId: undefined, report });
  }
  const configured = checks.length > 0;
  const unreachable =
    withoutToken.length +
    checks.reduce((n, c) => n + c.report.reviewers.filter((r) => !r.reachable).length, 0);
  const authFailed = checks.filter((c) => !c.report.auth.ok);
  const ok = configured && authFailed.length === 0 && unreachable === 0;
  const summary = !configured
    ? reviewerCount
      ? `Slack is not configured (no SLACK_BOT_TOKEN): ${reviewerCount} reviewer(s) cannot be notified`
      : 'Slack is not configured (no SLACK_BOT_TOKEN)'
    : authFailed.length
      ? `Slack token rejected: ${authFailed.map((c) => c.report.auth.failure?.code).join(', ')}`
      : unreachable
        ? `${unreachable} of ${reviewerCount} reviewer(s) cannot be reached in Slack`
        : `Slack OK: ${reviewerCount} reviewer(s) reachable`;
  return { configured, ok, summary, checks, withoutToken, reviewerCount };
}
