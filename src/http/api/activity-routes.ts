import { z } from 'zod';
import {
  assertReviewInWorkspace,
  deliveryListSchema,
  draftListSchema,
  followupListSchema,
  getMessage,
  listDrafts,
  listFollowups,
  listMessages,
  listNotificationDeliveries,
  listReviews,
  messageListSchema,
  reviewListSchema,
} from '../../admin/list-activity.ts';
import { parseInput } from '../../admin/parse-input.ts';
import { AutosendError } from '../../errors.ts';
import { explainReply } from '../../explain/explain-reply.ts';
import { approveReview, rejectReview } from '../../review/review-actions.ts';
import { retryFailedNotifications } from '../../slack/retry-failed-notifications.ts';
import {
  deliveryPageSchema,
  draftPageSchema,
  messageDetailSchema,
  messagePageSchema,
  reviewPageSchema,
} from './activity-schemas.ts';
import type { AdminApiDeps, ApiRoute } from './api-route.ts';
import { approveSchema, explainReportSchema, pageSchema, rejectSchema } from './api-schemas.ts';

const W = '/workspaces/:workspaceId';

/** Actions that queue jobs or call Slack need the process's full deps. */
function fullDeps(deps: AdminApiDeps) {
  if (!deps.queue || !deps.config) {
    throw new AutosendError('internal', 'this process runs without a job queue or configuration');
  }
  return { db: deps.database.db, queue: deps.queue, config: deps.config, logger: deps.logger };
}

function slackDeps(deps: AdminApiDeps) {
  if (!deps.config) throw new AutosendError('internal', 'this process runs without configuration');
  return { db: deps.database.db, config: deps.config, logger: deps.logger };
}

/** Messages, drafts, the review queue, Slack deliveries and follow-ups. */
export const activityRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: `${W}/messages`,
    operationId: 'listMessages',
    summary: 'List messages, newest first',
    tag: 'messages',
    role: 'reviewer',
    query: messageListSchema,
    response: messagePageSchema,
    handler: ({ deps, params, query }) =>
      listMessages(deps.database.db, params.workspaceId!, query as never),
  },
  {
    method: 'GET',
    path: `${W}/messages/:messageId`,
    operationId: 'getMessage',
    summary: 'Get a message with its drafts and decision trail',
    tag: 'messages',
    role: 'reviewer',
    response: messageDetailSchema,
    handler: ({ deps, params }) =>
      getMessage(deps.database.db, params.workspaceId!, params.messageId!),
  },
  {
    method: 'GET',
    path: `${W}/messages/:messageId/explain`,
    operationId: 'explainMessage',
    summary: 'Why a reply was sent, held or skipped: verdict, events, drafts, reviews, sends',
    tag: 'messages',
    role: 'reviewer',
    response: explainReportSchema,
    handler: async ({ deps, params }) => {
      await getMessage(deps.database.db, params.workspaceId!, params.messageId!);
      const [report] = await explainReply(deps.database.db, {
        workspaceId: params.workspaceId!,
        messageIdOrLeadEmail: params.messageId!,
      });
      return report;
    },
  },
  {
    method: 'GET',
    path: `${W}/drafts`,
    operationId: 'listDrafts',
    summary: 'List drafts, newest first (filter by status)',
    tag: 'drafts',
    role: 'reviewer',
    query: draftListSchema,
    response: draftPageSchema,
    handler: ({ deps, params, query }) =>
      listDrafts(deps.database.db, params.workspaceId!, query as never),
  },
  {
    method: 'GET',
    path: `${W}/reviews`,
    operationId: 'listReviews',
    summary: 'The review queue, newest first (status=open for what waits)',
    tag: 'reviews',
    role: 'reviewer',
    query: reviewListSchema,
    response: reviewPageSchema,
    handler: ({ deps, params, query }) =>
      listReviews(deps.database.db, params.workspaceId!, query as never),
  },
  {
    method: 'POST',
    path: `${W}/reviews/:reviewId/approve`,
    operationId: 'approveReview',
    summary: 'Approve a held draft, optionally with an edited body; it is sent now',
    tag: 'reviews',
    role: 'reviewer',
    body: approveSchema,
    example: { editedBody: 'Hi Anna, Tuesday at 10:00 works. Talk soon.' },
    response: z.object({
      draftId: z.uuid().nullable(),
      followupInstanceId: z.uuid().optional(),
      sendAfter: z.iso.datetime(),
    }),
    handler: async ({ deps, actor, params, body }) => {
      const { editedBody } = parseInput(approveSchema, body ?? {});
      await assertReviewInWorkspace(deps.database.db, params.workspaceId!, params.reviewId!);
      const result = await approveReview(fullDeps(deps), {
        reviewRequestId: params.reviewId!,
        actor,
        ...(editedBody ? { editedBody } : {}),
      });
      return {
        draftId: result.draftId,
        ...(result.followupInstanceId ? { followupInstanceId: result.followupInstanceId } : {}),
        sendAfter: result.sendAfter.toISOString(),
      };
    },
  },
  {
    method: 'POST',
    path: `${W}/reviews/:reviewId/reject`,
    operationId: 'rejectReview',
    summary: 'Reject a held draft: it will never be sent',
    tag: 'reviews',
    role: 'reviewer',
    body: rejectSchema,
    example: { reason: 'wrong_tone', note: 'Too pushy for this client' },
    response: z.object({ rejected: z.literal(true) }),
    handler: async ({ deps, actor, params, body }) => {
      const { note, reason } = parseInput(rejectSchema, body ?? {});
      await assertReviewInWorkspace(deps.database.db, params.workspaceId!, params.reviewId!);
      await rejectReview(fullDeps(deps), {
        reviewRequestId: params.reviewId!,
        actor,
        ...(note ? { note } : {}),
        ...(reason ? { reason } : {}),
      });
      return { rejected: true };
    },
  },
  {
    method: 'GET',
    path: `${W}/notification-deliveries`,
    operationId: 'listNotificationDeliveries',
    summary: 'Slack notification attempts, newest first (status=failed for problems)',
    tag: 'notifications',
    role: 'reviewer',
    query: deliveryListSchema,
    response: deliveryPageSchema,
    handler: ({ deps, params, query }) =>
      listNotificationDeliveries(deps.database.db, params.workspaceId!, query as never),
  },
  {
    method: 'POST',
    path: `${W}/notification-deliveries/retry`,
    operationId: 'retryNotificationDeliveries',
    summary: 'Re-send failed or missing Slack notifications of open reviews',
    tag: 'notifications',
    role: 'reviewer',
    response: z.object({ retried: z.int(), results: z.array(z.record(z.string(), z.unknown())) }),
    handler: async ({ deps, params }) => {
      const results = await retryFailedNotifications(slackDeps(deps), {
        workspaceId: params.workspaceId!,
      });
      return { retried: results.length, results };
    },
  },
  {
    method: 'GET',
    path: `${W}/followups`,
    operationId: 'listFollowups',
    summary: 'Follow-up instances, most recently changed first (filter by status)',
    tag: 'followups',
    role: 'reviewer',
    query: followupListSchema,
    response: pageSchema,
    handler: ({ deps, params, query }) =>
      listFollowups(deps.database.db, params.workspaceId!, query as never),
  },
];
