import { randomUUID } from 'node:crypto';
import type { KnownBlock } from '@slack/web-api';
import { and, eq, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Config } from '../config/load-config.ts';
import { describeErrorForLog } from '../db/classify-database-error.ts';
import type { Db } from '../db/client.ts';
import { reviewNotifications, reviewRequests } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { approveReview, rejectReview } from '../review/review-actions.ts';
import { authorizeReviewClick, type ClickAuthorization } from './authorize-review-click.ts';
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
  /**
   * The control used: a button carries `value`; the Reject menu (a
   * static_select) carries the chosen option in `selected_option`.
   */
  actions?: { action_id?: string; value?: string; selected_option?: { value?: string } | null }[];
  /** Where to answer the clicker (ephemeral messages), valid for 30 minutes. */
  response_url?: string;
}

export type ReviewActionResult =
  | { ok: true; outcome: 'approved' | 'rejected'; reviewRequestId: string; updatedMessages: number }
  | { ok: false; error: string; message: string };

/**
 * Acts on an Approve click or a Reject menu choice (whose option value is the
 * reject reason, one of REJECT_REASONS): calls the review actions as
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
    const clientFor = async (workspaceId: string) => {
      const token = await resolveSlackToken(deps.db, deps.config, workspaceId).catch((error) => {
        // Without a client no email resolves to the clicker: the click is refused, and this says why.
        deps.logger.warn(
          { reviewRequestId, workspaceId, err: (error as Error).message },
          'Slack review click: the workspace Slack token cannot be used to identify the clicker',
        );
        return undefined;
      });
      return token ? makeSlackClient(token.token, { apiUrl: deps.config.slack.apiUrl }) : undefined;
    };
    const allowed = await authorizeReviewClick(
      { db: deps.db, clientFor },
      { reviewRequestId, memberId },
    );
    if (!allowed.ok) {
      await refuseClick(deps, { payload, reviewRequestId, actor, outcome, allowed });
      return { ok: false, error: 'forbidden', message: NOT_A_REVIEWER };
    }
    if (outcome === 'approved') await approveReview(deps, { reviewRequestId, actor });
    else {
      // The Reject menu's option value is the reason; a plain Reject button
      // (messages posted before the menu) records `other`.
      const reason = action?.selected_option?.value;
      await rejectReview(deps, { reviewRequestId, actor, ...(reason ? { reason } : {}) });
    }
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

const NOT_A_REVIEWER = 'you are not a reviewer of this campaign';

/**
 * A click from someone who may not decide: audited, logged, and answered
 * with an ephemeral message only the clicker sees (via the payload's
 * response_url, as Slack documents for block_actions). Nothing changes.
 */
async function refuseClick(
  deps: { db: Db; logger: Logger },
  input: {
    payload: BlockActionsPayload;
    reviewRequestId: string;
    actor: string;
    outcome: 'approved' | 'rejected';
    allowed: Extract<ClickAuthorization, { ok: false }>;
  },
): Promise<void> {
  await recordAudit(deps.db, {
    workspaceId: input.allowed.workspaceId ?? null,
    actor: input.actor,
    action: 'review.click_refused',
    entityType: 'review_request',
    entityId: input.reviewRequestId,
    before: null,
    after: { attempted: input.outcome, reason: input.allowed.reason },
  });
  deps.logger.warn(
    { reviewRequestId: input.reviewRequestId, actor: input.actor, reason: input.allowed.reason },
    'Slack review click refused: not a reviewer of this campaign',
  );
  const responseUrl = input.payload.response_url;
  if (!responseUrl) return;
  try {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response_type: 'ephemeral',
        replace_original: false,
        text: `${NOT_A_REVIEWER}: only its reviewers or a workspace admin may approve or reject.`,
      }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    deps.logger.error({ err: error }, 'could not answer the refused click in Slack');
  }
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
