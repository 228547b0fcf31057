import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { DbOrTx } from '../db/client.ts';
import { campaignReviewers, campaigns } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { makeSlackClient, resolveSlackToken } from './make-slack-client.ts';
import { parseReviewerTarget } from './reviewer-target.ts';
import { sendToReviewer } from './send-to-reviewer.ts';
import { NOTIFICATION_SCOPES, scopeFixText } from './slack-capabilities.ts';
import {
  combinedScopeFix,
  type DoctorReport,
  type DoctorReviewer,
  runSlackDoctor,
} from './slack-doctor.ts';
import { describeSlackFailure, type SlackFailure } from './slack-failure.ts';

export interface SlackCheckDeps {
  db: DbOrTx;
  config: Config;
  /** Tests and the CLI may pass their own client factory. */
  clientFor?: (token: string) => WebClient;
}

/** The doctor for one workspace, as the dashboard shows it. */
export interface WorkspaceSlackCheck {
  workspaceId: string;
  configured: boolean;
  /** Which token was checked (never the token itself). */
  tokenSource: 'workspace' | 'SLACK_BOT_TOKEN' | null;
  ok: boolean;
  summary: string;
  /** Scopes review notifications use, and which of them the token has. */
  neededScopes: string[];
  grantedScopes: string[];
  missingScopes: string[];
  /** One sentence with the exact fix, when something is missing or broken. */
  fix: string | null;
  report: DoctorReport | null;
  reviewers: DoctorReviewer[];
}

/** The workspace's token; a stored token that cannot be decrypted is a clear 409, not a 500. */
async function tokenFor(deps: SlackCheckDeps, workspaceId: string) {
  try {
    return await resolveSlackToken(deps.db, deps.config, workspaceId);
  } catch (error) {
    throw new AutosendError('conflict', (error as Error).message, { cause: error });
  }
}

const clientOf = (deps: SlackCheckDeps, token: string) =>
  deps.clientFor?.(token) ?? makeSlackClient(token, { apiUrl: deps.config.slack.apiUrl });

/** This workspace's reviewers (all campaigns), one entry per target with its campaigns. */
async function workspaceReviewers(db: DbOrTx, workspaceId: string): Promise<DoctorReviewer[]> {
  const rows = await db
    .select({ campaign: campaigns.name, target: campaignReviewers.target })
    .from(campaignReviewers)
    .innerJoin(campaigns, eq(campaigns.id, campaignReviewers.campaignId))
    .where(eq(campaigns.workspaceId, workspaceId))
    .orderBy(campaignReviewers.target, campaigns.name);
  const byTarget = new Map<string, DoctorReviewer>();
  for (const row of rows) {
    const entry = byTarget.get(row.target) ?? { target: row.target, campaigns: [] };
    entry.campaigns!.push(row.campaign);
    byTarget.set(row.target, entry);
  }
  return [...byTarget.values()];
}

/**
 * Runs the Slack doctor for one workspace: the token its notifications use
 * (its own, else SLACK_BOT_TOKEN) against its campaigns' reviewers. Sends no
 * message. Slack's answers (missing_scope with needed scopes, invalid_auth, …)
 * are in the report, not thrown.
 */
export async function checkWorkspaceSlack(
  deps: SlackCheckDeps,
  workspaceId: string,
): Promise<WorkspaceSlackCheck> {
  const reviewers = await workspaceReviewers(deps.db, workspaceId);
  const token = await tokenFor(deps, workspaceId);
  const needed = [...NOTIFICATION_SCOPES];
  if (!token) {
    return {
      workspaceId,
      configured: false,
      tokenSource: null,
      ok: false,
      summary: reviewers.length
        ? `Slack is not configured (no SLACK_BOT_TOKEN): ${reviewers.length} reviewer(s) cannot be notified`
        : 'Slack is not configured (no SLACK_BOT_TOKEN)',
      neededScopes: needed,
      grantedScopes: [],
      missingScopes: needed,
      fix:
        'Create a Slack app at https://api.slack.com/apps, add the Bot Token Scopes ' +
        `${needed.join(', ')} under OAuth & Permissions, install it to the workspace, and set ` +
        'SLACK_BOT_TOKEN (xoxb-…) where the service runs.',
      report: null,
      reviewers,
    };
  }
  const report = await runSlackDoctor(clientOf(deps, token.token), reviewers);
  const granted = new Set(report.grantedScopes);
  const missing = report.auth.ok ? needed.filter((s) => !granted.has(s)) : needed;
  const unreachable = report.reviewers.filter((r) => !r.reachable).length;
  const summary = !report.auth.ok
    ? `Slack token rejected: ${describeSlackFailure(report.auth.failure!)}`
    : unreachable
      ? `${unreachable} of ${report.reviewers.length} reviewer(s) cannot be reached in Slack`
      : `Slack OK: ${report.reviewers.length} reviewer(s) reachable`;
  const fix = !report.auth.ok
    ? 'Reinstall the app to the workspace (OAuth & Permissions → Reinstall to Workspace) and update ' +
      `${token.source === 'workspace' ? "the workspace's stored Slack token" : 'SLACK_BOT_TOKEN'} where the service runs.`
    : (combinedScopeFix(report) ?? (missing.length ? scopeFixText(missing) : null));
  return {
    workspaceId,
    configured: true,
    tokenSource: token.source,
    ok: report.ok,
    summary,
    neededScopes: needed,
    grantedScopes: report.grantedScopes,
    missingScopes: missing,
    fix,
    report,
    reviewers,
  };
}

export interface SlackTestResult {
  ok: boolean;
  to: string;
  method: string;
  channel: string | null;
  ts: string | null;
  /** Slack's error as it answered: code, needed and provided scopes. */
  error: {
    method: string;
    code: string;
    needed: string | null;
    provided: string | null;
    message: string;
  } | null;
  /** Set when the DM could not be opened and the member-id fallback was used. */
  fallback: string | null;
}

const errorOf = (f: SlackFailure): NonNullable<SlackTestResult['error']> => ({
  method: f.method,
  code: f.code,
  needed: f.needed ?? null,
  provided: f.provided ?? null,
  message: describeSlackFailure(f),
});

/**
 * Sends one test message to a reviewer target (email, member id or channel)
 * with the token this workspace's notifications use, through the notifier's
 * own delivery code. Slack's refusal is returned, not thrown.
 */
export async function sendSlackTestMessage(
  deps: SlackCheckDeps,
  workspaceId: string,
  input: { to: string; text: string },
): Promise<SlackTestResult> {
  const target = parseReviewerTarget(input.to);
  if (!target) {
    throw new ValidationError(
      `to: "${input.to}" is not an email, member id (U…/W…) or channel (#name, C…)`,
      { to: 'not an email, member id (U…/W…) or channel (#name, C…)' },
    );
  }
  const token = await tokenFor(deps, workspaceId);
  if (!token) {
    throw new AutosendError(
      'conflict',
      'Slack is not configured (no SLACK_BOT_TOKEN and no workspace token): nothing can be sent',
    );
  }
  const outcome = await sendToReviewer(clientOf(deps, token.token), target, { text: input.text });
  return {
    ok: outcome.ok,
    to: input.to,
    method: outcome.method,
    channel: outcome.channel ?? null,
    ts: outcome.ts ?? null,
    error: outcome.failure ? errorOf(outcome.failure) : null,
    fallback: outcome.fallbackFrom ? describeSlackFailure(outcome.fallbackFrom) : null,
  };
}
