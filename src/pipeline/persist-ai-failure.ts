import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts } from '../db/schema.ts';
import { type DecisionEventInput, recordDecisionEvents } from '../decision/record-event.ts';
import type { AutosendError } from '../errors.ts';
import { createReviewRequest } from '../review/review-actions.ts';
import type { ReplyContext } from './load-reply-context.ts';
import { makeRoomForDraft } from './make-room-for-draft.ts';
import { alreadyDecided } from './persist-decision.ts';
import type { PipelineDeps, ProcessOutcome, SlotOffer } from './process-inbound.ts';

/**
 * The AI failed for good (a permanent error, or the last retry): the reply
 * must not be lost. In ONE transaction: a draft row holding whatever was
 * obtained (the draft body when only the evaluation failed, else nothing:
 * a reviewer must write the answer), the trail so far, the failure, the
 * decision `review: ai_failed`, and the review request (which queues its
 * Slack notification). Slots already held stay attached to that draft.
 */
export async function persistAiFailure(
  deps: Pick<PipelineDeps, 'db' | 'queue' | 'attachOffers' | 'logger'>,
  input: {
    ctx: ReplyContext;
    trail: DecisionEventInput[];
    step: 'classify' | 'draft' | 'evaluate';
    error: AutosendError;
    attempt: number;
    offer?: SlotOffer;
    draft?: { body: string; model: string; draftMs: number };
    model: string;
  },
): Promise<ProcessOutcome> {
  const { ctx, trail, step, error } = input;
  const { message } = ctx;
  const outcome = await deps.db.transaction(async (tx: DbOrTx) => {
    await tx.execute(sql`select id from messages where id = ${message.id} for update`);
    if (await alreadyDecided(tx, message.id)) return { outcome: 'already_processed' } as const;
    const room = await makeRoomForDraft(tx, message.id, {
      step: 'decide',
      detail: { by: 'inbound.process' },
    });
    if (room.kind === 'taken') return { outcome: 'already_processed' } as const;
    const [{ version }] = (
      await tx.execute<{ version: number }>(
        sql`select coalesce(max(version), 0)::int + 1 as version from drafts where message_id = ${message.id}`,
      )
    ).rows as [{ version: number }];
    const why = `AI ${step} failed (${error.code}): ${error.message}`;
    const [draft] = await tx
      .insert(drafts)
      .values({
        messageId: message.id,
        version,
        subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
        body: input.draft?.body ?? '',
        offeredSlots: input.offer?.slots ?? [],
        confidence: 0,
        safeToSend: false,
        requiresHumanReview: true,
        evaluatorReason: why.slice(0, 500),
        guardFailures: [],
        model: input.draft?.model ?? input.model,
        timings: input.draft ? { draftMs: input.draft.draftMs } : {},
        sendAfter: null,
      })
      .returning({ id: drafts.id });
    const draftId = draft!.id;
    if (input.offer?.offerIds.length) await deps.attachOffers(tx, input.offer.offerIds, draftId);
    await recordDecisionEvents(tx, [
      ...trail,
      {
        messageId: message.id,
        draftId,
        step: 'decide',
        outcome: 'review',
        reason: 'ai_failed',
        detail: {
          step,
          code: error.code,
          message: error.message,
          attempts: input.attempt,
          draftKept: Boolean(input.draft),
        },
      },
    ]);
    await createReviewRequest(tx, deps.queue, {
      workspaceId: message.workspaceId,
      draftId,
      reason: 'ai_failed',
    });
    return { outcome: 'review', draftId, reason: 'ai_failed' } as const;
  });
  deps.logger.warn(
    { messageId: message.id, step, code: error.code },
    'AI failed for good: reply held for review (ai_failed)',
  );
  return outcome;
}
