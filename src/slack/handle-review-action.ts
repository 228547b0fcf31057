import { randomUUID } from 'node:crypto';
import type { KnownBlock } from '@slack/web-api';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import { describeErrorForLog } from '../db/classify-database-error.ts';
import type { Db } from '../db/client.ts';
import { reviewNotifications, reviewRequests } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { approveReview, rejectReview } from '../review/review-actions.ts';
import { APPROVE_ACTION, buildDecidedMessage, REJECT_ACTION } from './build-review-message.ts';
import { makeSlackClient, resolveSlackToken } from './make-slack-client.ts';
import { toSlackFailure } from './slack-failure.ts';

/** The parts of a Slack block_actions payload we use. */
export interface BlockActionsPayload {
  type: string;
  user?: { id?: string };
  channel?: { id?: string };
  container?: { channel_id?: string; message_ts?: string };
  message?: { ts?: string; text?: string; blocks?: KnownBlock[] };
  actions?: { action_id?: string; value?: string }[];
}

export type ReviewActionResult =
  | { ok: true; outcome: 'approved' | 'rejected'; reviewRequestId: string; updatedMessages: number }
  | { ok: false; error: string; message: string };

/**
 * Acts on an Approve / Reject button click: calls the review actions as
 * `slack:<member id>`, then updates the clicked message (and the other
 * reviewers' copies) to "Approved by <@U…> at …" so nobody acts twice.
 */
export async function handleReviewAction(
  deps: { db: Db; queue: JobQueue; config: Config; logger: Logger },
  payload: BlockActionsPayload,
  now: Date,
): Promise<ReviewActionResult> {
  const action = payload.actions?.[0];
  const actionId = action?.action_id ?? '';
  const outcome = actionId.startsWith(`${APPROVE_ACTION}:`)
    ? 'approved'
    : actionId.startsWith(`${REJECT_ACTION}:`)
      ? 'rejected'
      : undefined;
  const reviewRequestId = action?.value ?? actionId.split(':')[1];
  const memberId = payload.user?.id;
  if (payload.type !== 'block_actions' || !outcome || !reviewRequestId || !memberId) {
    return { ok: false, error: 'unsupported', message: 'not a review button' };
  }
  const actor = `slack:${memberId}`;
  try {
    if (outcome === 'approved') await approveReview(deps, { reviewRequestId, actor });
    else await rejectReview(deps, { reviewRequestId, actor });
  } catch (error) {
    // Our own refusals (not found, already decided) are safe to show; anything
    // else may carry SQL and its parameters: log it under an id, answer the id.
    if (error instanceof AutosendError && !error.retryable) {
      deps.logger.warn(
        { reviewRequestId, actor, code: error.code },
        `Slack review action refused: ${error.message}`,
      );
      return { ok: false, error: error.code, message: error.message };
    }
    const errorId = randomUUID();
    deps.logger.error(
      { errorId, reviewRequestId, actor, error: describeErrorForLog(error) },
      'Slack review action failed',
    );
    return { ok: false, error: 'internal', message: `internal error (error id ${errorId})` };
  }
  const updatedMessages = await updateMessages(deps, {
    reviewRequestId,
    outcome,
    memberId,
    now,
    payload,
  });
  return { ok: true, outcome, reviewRequestId, updatedMessages };
}

async function updateMessages(
  deps: { db: Db; config: Config; logger: Logger },
  input: {
    reviewRequestId: string;
    outcome: 'approved' | 'rejected';
    memberId: string;
    now: Date;
    payload: BlockActionsPayload;
  },
): Promise<number> {
  const [review] = await deps.db
    .select({ workspaceId: reviewRequests.workspaceId })
    .from(reviewRequests)
    .where(eq(reviewRequests.id, input.reviewRequestId));
  const token = await resolveSlackToken(deps.db, deps.config, review?.workspaceId);
  if (!token) return 0;
  const client = makeSlackClient(token.token, { apiUrl: deps.config.slack.apiUrl });
  const decision = { outcome: input.outcome, memberId: input.memberId, at: input.now };
  const clickedChannel = input.payload.container?.channel_id ?? input.payload.channel?.id;
  const clickedTs = input.payload.container?.message_ts ?? input.payload.message?.ts;
  const sent = await deps.db
    .select({ channel: reviewNotifications.providerChannel, ts: reviewNotifications.providerTs })
    .from(reviewNotifications)
    .where(
      and(
        eq(reviewNotifications.reviewRequestId, input.reviewRequestId),
        isNotNull(reviewNotifications.providerTs),
      ),
    );
  const targets = sent.filter((s): s is { channel: string; ts: string } =>
    Boolean(s.channel && s.ts),
  );
  if (
    clickedChannel &&
    clickedTs &&
    !targets.some((t) => t.channel === clickedChannel && t.ts === clickedTs)
  ) {
    targets.push({ channel: clickedChannel, ts: clickedTs });
  }
  let updated = 0;
  for (const t of targets) {
    const original =
      t.channel === clickedChannel && t.ts === clickedTs
        ? { text: input.payload.message?.text ?? '', blocks: input.payload.message?.blocks }
        : { text: '', blocks: undefined };
    const message = buildDecidedMessage(original, decision);
    try {
      await client.chat.update({
        channel: t.channel,
        ts: t.ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      });
      updated++;
    } catch (error) {
      const failure = toSlackFailure('chat.update', error);
      deps.logger.error(
        {
          reviewRequestId: input.reviewRequestId,
          channel: t.channel,
          code: failure.code,
          missingScopes: failure.needed,
        },
        'could not update the Slack review message',
      );
    }
  }
  return updated;
}
