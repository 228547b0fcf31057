import { and, count, eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { decisionEvents, drafts, sendLedger } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { alertCampaignReviewers } from '../slack/alert-reviewers.ts';
import { type HoldCause, holdCauseOf } from './email-sender.ts';
import { nextHeldAttempt } from './hold-backoff.ts';
import type { SendContext } from './load-send-context.ts';
import { ledgerKey } from './send-ledger.ts';
import { holdSummary, recordSendingHeld } from './sending-health.ts';

/**
 * A send the sender certainly did not take, for a reason only the operator
 * can fix (credentials refused, server unreachable). The draft is never
 * failed for it: in one transaction the ledger key is released, the draft
 * returns to its earlier status, a `held` event is written and reply.send is
 * queued again with backoff (outside the queue's retry limit, so it keeps
 * trying until the fix). Then sending is marked failing for /readyz, and the
 * first hold of an outage alerts the campaign's reviewers in Slack.
 */
export async function holdSend(
  deps: { db: Db; queue: JobQueue; config: Config; logger: Logger },
  input: {
    ctx: SendContext;
    previousStatus: 'generated' | 'approved';
    sender: string;
    error: unknown;
    at: Date;
  },
): Promise<{ hold: HoldCause; retryAt: Date }> {
  const { ctx, at } = input;
  const { db, queue, logger } = deps;
  const hold = holdCauseOf(input.error);
  const message = (input.error as Error).message;
  const retryAt = await db.transaction(async (tx) => {
    const [earlier] = await tx
      .select({ n: count() })
      .from(decisionEvents)
      .where(and(eq(decisionEvents.draftId, ctx.draft.id), eq(decisionEvents.outcome, 'held')));
    const retryAt = nextHeldAttempt(at, earlier?.n ?? 0);
    await tx.delete(sendLedger).where(eq(sendLedger.idempotencyKey, ledgerKey(ctx.draft.id)));
    await tx
      .update(drafts)
      .set({ status: input.previousStatus, sendAfter: retryAt, updatedAt: at })
      .where(and(eq(drafts.id, ctx.draft.id), eq(drafts.status, 'sending')));
    await queue.enqueue('reply.send', { draftId: ctx.draft.id }, { tx, startAfter: retryAt });
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: 'held',
      reason: 'sender_unavailable',
      detail: {
        hold,
        sender: input.sender,
        error: message,
        retryAt: retryAt.toISOString(),
        attempt: (earlier?.n ?? 0) + 1,
      },
      at,
    });
    return retryAt;
  });
  const summary = holdSummary(hold, input.sender);
  const newOutage = await recordSendingHeld(db, {
    cause: hold,
    sender: input.sender,
    error: message,
    at,
  });
  logger.error(
    { draftId: ctx.draft.id, hold, retryAt: retryAt.toISOString(), error: message },
    summary,
  );
  if (newOutage && ctx.campaign) {
    await alertCampaignReviewers(deps, {
      workspaceId: ctx.inbound.workspaceId,
      campaignId: ctx.campaign.id,
      text: `:warning: Autosend ${summary}. Error: ${message}`,
    });
  }
  return { hold, retryAt };
}
