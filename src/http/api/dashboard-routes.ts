import { z } from 'zod';
import { getAvailabilityStatus } from '../../admin/availability-status.ts';
import { parseInput } from '../../admin/parse-input.ts';
import { activitySummaryQuerySchema, summariseActivity } from '../../admin/summarise-activity.ts';
import {
  outcomeReasonsQuerySchema,
  summariseOutcomeReasons,
} from '../../admin/summarise-outcome-reasons.ts';
import { AutosendError } from '../../errors.ts';
import { checkWorkspaceSlack, sendSlackTestMessage } from '../../slack/check-workspace-slack.ts';
import { DEFAULT_TEST_DM_TEXT } from '../../slack/send-test-dms.ts';
import type { AdminApiDeps, ApiRoute } from './api-route.ts';

const W = '/workspaces/:workspaceId';

function slackDeps(deps: AdminApiDeps) {
  if (!deps.config) throw new AutosendError('internal', 'this process runs without configuration');
  return { db: deps.database.db, config: deps.config };
}

const slackTestSchema = z.strictObject({
  to: z.string().trim().min(1).max(320).describe('an email, a member id (U…/W…) or a channel'),
  text: z.string().trim().min(1).max(2000).default(DEFAULT_TEST_DM_TEXT),
});

const slackErrorSchema = z.object({
  method: z.string(),
  code: z.string().describe('Slack’s error: missing_scope, users_not_found, not_in_channel, …'),
  needed: z.string().nullable(),
  provided: z.string().nullable(),
  message: z.string(),
});

const reasonsPerDaySchema = z.object({
  reasons: z.array(z.string()),
  totals: z.record(z.string(), z.int()),
  total: z.int(),
  days: z.array(
    z.object({ day: z.string(), total: z.int(), byReason: z.record(z.string(), z.int()) }),
  ),
});

const activityCountsSchema = z.object({
  replies: z.int().describe('inbound replies received'),
  sent: z.int().describe('drafts created that were sent'),
  held: z.int().describe('drafts created whose review request is still open'),
  rejected: z.int().describe('drafts created that a reviewer rejected'),
});

/** Reads and checks the dashboard needs beyond the CLI's. */
export const dashboardRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: `${W}/availability/status`,
    operationId: 'getAvailabilityStatus',
    summary: 'Last availability refresh (time, error, stale) and the next cached slots',
    tag: 'workspaces',
    role: 'reviewer',
    handler: ({ deps, params }) =>
      getAvailabilityStatus(deps.database.db, params.workspaceId!, new Date()),
  },
  {
    method: 'GET',
    path: `${W}/slack/doctor`,
    operationId: 'checkSlack',
    summary:
      "Slack doctor for this workspace: needed vs granted scopes, each way of reaching a reviewer, every reviewer's reach, the fix",
    tag: 'notifications',
    role: 'reviewer',
    response: z.object({
      workspaceId: z.uuid(),
      configured: z.boolean(),
      tokenSource: z.enum(['workspace', 'SLACK_BOT_TOKEN']).nullable(),
      ok: z.boolean(),
      summary: z.string(),
      neededScopes: z.array(z.string()),
      grantedScopes: z.array(z.string()),
      missingScopes: z.array(z.string()),
      fix: z.string().nullable(),
      report: z.record(z.string(), z.unknown()).nullable(),
      reviewers: z.array(z.object({ target: z.string(), campaigns: z.array(z.string()) })),
    }),
    handler: ({ deps, params }) => checkWorkspaceSlack(slackDeps(deps), params.workspaceId!),
  },
  {
    method: 'POST',
    path: `${W}/slack/test-message`,
    operationId: 'sendSlackTestMessage',
    summary:
      'Send one test message to a reviewer (email, member id or channel) with the notifier; Slack’s error as it answered',
    tag: 'notifications',
    role: 'admin',
    body: slackTestSchema,
    example: { to: 'reviewer@agency.example' },
    response: z.object({
      ok: z.boolean(),
      to: z.string(),
      method: z.string(),
      channel: z.string().nullable(),
      ts: z.string().nullable(),
      error: slackErrorSchema.nullable(),
      fallback: z.string().nullable(),
    }),
    handler: ({ deps, params, body }) =>
      sendSlackTestMessage(
        slackDeps(deps),
        params.workspaceId!,
        parseInput(slackTestSchema, body ?? {}),
      ),
  },
  {
    method: 'GET',
    path: `${W}/activity/reasons`,
    operationId: 'getOutcomeReasons',
    summary:
      'Replies skipped by skip reason and drafts held by review reason, per UTC day (last `days` days, default 14)',
    tag: 'messages',
    role: 'reviewer',
    query: outcomeReasonsQuerySchema,
    response: z.object({
      days: z.int(),
      from: z.string(),
      to: z.string(),
      skips: reasonsPerDaySchema,
      holds: reasonsPerDaySchema,
    }),
    handler: ({ deps, params, query }) =>
      summariseOutcomeReasons(deps.database.db, {
        workspaceId: params.workspaceId!,
        query,
        now: new Date(),
      }),
  },
  {
    method: 'GET',
    path: `${W}/activity/summary`,
    operationId: 'getActivitySummary',
    summary:
      'Exact counts per UTC day (replies received; drafts sent, waiting for review, rejected by day of creation) and a histogram of draft confidence in 10-point buckets (last `days` days, default 14)',
    tag: 'messages',
    role: 'reviewer',
    query: activitySummaryQuerySchema,
    response: z.object({
      days: z.int(),
      from: z.string(),
      to: z.string(),
      totals: activityCountsSchema,
      perDay: z.array(activityCountsSchema.extend({ day: z.string() })),
      confidence: z.object({
        total: z.int(),
        buckets: z.array(
          z.object({
            from: z.int().describe('percent, inclusive'),
            to: z.int().describe('percent, exclusive; the top bucket includes 100'),
            count: z.int(),
          }),
        ),
      }),
    }),
    handler: ({ deps, params, query }) =>
      summariseActivity(deps.database.db, {
        workspaceId: params.workspaceId!,
        query,
        now: new Date(),
      }),
  },
];
