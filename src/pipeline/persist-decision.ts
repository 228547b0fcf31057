import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Evaluation, TokenUsage } from '../ai/provider.ts';
import type { DbOrTx } from '../db/client.ts';
import { decisionEvents, drafts, reviewRequests } from '../db/schema.ts';
import type { Decision } from '../decision/decide.ts';
import type { GuardFailure } from '../decision/draft-guards.ts';
import { type DecisionEventInput, recordDecisionEvent } from '../decision/record-event.ts';
import { createReviewRequest } from '../review/review-actions.ts';
import type { ReplyContext } from './load-reply-context.ts';
import { makeRoomForDraft } from './make-room-for-draft.ts';
import type { PipelineDeps, ProcessOutcome, SlotOffer } from './process-inbound.ts';

/** True once a reply has its decision (sent, held or skipped): a retried job does nothing. */
export async function alreadyDecided(db: DbOrTx, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: decisionEvents.id })
    .from(decisionEvents)
    .where(
      and(
        eq(decisionEvents.messageId, messageId),
        or(eq(decisionEvents.step, 'decide'), eq(decisionEvents.outcome, 'skipped')),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The last step of inbound.process, in ONE transaction: lock the message,
 * supersede unsent drafts of older replies in the conversation, insert the
 * draft, write the trail collected so far, and either queue the delayed send
 * or open the review request (which queues its Slack notification).
 */
export async function persistDecision(
  deps: Pick<PipelineDeps, 'db' | 'queue' | 'attachOffers'>,
  input: {
    ctx: ReplyContext;
    trail: DecisionEventInput[];
    offer: SlotOffer;
    draft: { body: string; model: string; draftMs: number; usage?: TokenUsage };
    evaluation: Evaluation;
    evaluateMs: number;
    guardFailures: GuardFailure[];
    decision: Decision;
  },
): Promise<ProcessOutcome> {
  const { ctx, trail, offer, evaluation, evaluateMs, guardFailures, decision } = input;
  const { message } = ctx;
  const { body, model, draftMs } = input.draft;
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select id from messages where id = ${message.id} for update`);
    if (await alreadyDecided(tx, message.id)) return { outcome: 'already_processed' } as const;
    // One live draft per message: an undecided one (a backfill's) gives way; a held one wins.
    const room = await makeRoomForDraft(tx, message.id, {
      step: 'decide',
      detail: { by: 'inbound.process' },
    });
    if (room.kind === 'taken') return { outcome: 'already_processed' } as const;
    // One responder per conversation: this newer reply supersedes unsent drafts of older ones.
    const superseded = [...room.superseded, ...(await supersedeOlderDrafts(tx, ctx))];
    const [{ version }] = (
      await tx.execute<{ version: number }>(
        sql`select coalesce(max(version), 0)::int + 1 as version from drafts where message_id = ${message.id}`,
      )
    ).rows as [{ version: number }];
    const [draft] = await tx
      .insert(drafts)
      .values({
        messageId: message.id,
        version,
        subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
        body,
        offeredSlots: offer.slots,
        confidence: Math.min(1, Math.max(0, evaluation.confidence)),
        safeToSend: evaluation.safeToSend,
        requiresHumanReview: evaluation.requiresHumanReview,
        evaluatorReason: evaluation.reason,
        guardFailures,
        model,
        timings: { draftMs, evaluateMs },
        sendAfter: decision.action === 'send' ? decision.at : null,
      })
      .returning({ id: drafts.id });
    const draftId = draft!.id;
    if (offer.offerIds.length) await deps.attachOffers(tx, offer.offerIds, draftId);
    for (const e of trail) await recordDecisionEvent(tx, e);
    if (superseded.length) {
      await recordDecisionEvent(tx, {
        messageId: message.id,
        draftId,
        step: 'decide',
        outcome: 'superseded_older',
        detail: { drafts: superseded },
      });
    }
    await recordDecisionEvent(tx, {
      messageId: message.id,
      draftId,
      step: 'draft',
      outcome: 'generated',
      detail: {
        model,
        draftMs,
        version,
        ...(input.draft.usage ? { usage: input.draft.usage } : {}),
      },
    });
    await recordDecisionEvent(tx, {
      messageId: message.id,
      draftId,
      step: 'evaluate',
      outcome: `${decision.score}%`,
      detail: { ...evaluation, evaluateMs, gate: decision.gate },
    });
    await recordDecisionEvent(tx, {
      messageId: message.id,
      draftId,
      step: 'guards',
      outcome: guardFailures.length ? 'failed' : 'passed',
      detail: { failures: guardFailures },
    });
    if (decision.action === 'send') {
      await recordDecisionEvent(tx, {
        messageId: message.id,
        draftId,
        step: 'decide',
        outcome: 'send',
        reason: 'confidence_met',
        detail: {
          score: decision.score,
          gate: decision.gate,
          at: decision.at.toISOString(),
          delaySeconds: decision.delaySeconds,
        },
      });
      await deps.queue.enqueue(
        'reply.send',
        { draftId },
        { tx, startAfter: decision.at, singletonKey: draftId },
      );
      return { outcome: 'send', draftId, at: decision.at } as const;
    }
    await recordDecisionEvent(tx, {
      messageId: message.id,
      draftId,
      step: 'decide',
      outcome: 'review',
      reason: decision.reason,
      detail: {
        score: decision.score,
        gate: decision.gate,
        ...(decision.detail ? { detail: decision.detail } : {}),
      },
    });
    await createReviewRequest(tx, deps.queue, {
      workspaceId: message.workspaceId,
      draftId,
      reason: decision.reason,
    });
    return { outcome: 'review', draftId, reason: decision.reason } as const;
  });
}

/** Marks unsent drafts of older replies in the same conversation superseded (and closes their reviews). */
async function supersedeOlderDrafts(tx: DbOrTx, ctx: ReplyContext): Promise<string[]> {
  const older = ctx.thread
    .filter(
      (m) =>
        m.direction === 'inbound' &&
        m.id !== ctx.message.id &&
        m.occurredAt <= ctx.message.occurredAt,
    )
    .map((m) => m.id);
  if (!older.length) return [];
  const rows = await tx
    .update(drafts)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(and(inArray(drafts.messageId, older), inArray(drafts.status, ['generated', 'approved'])))
    .returning({ id: drafts.id, messageId: drafts.messageId });
  if (rows.length) {
    await tx
      .update(reviewRequests)
      .set({ status: 'superseded' })
      .where(
        and(
          inArray(
            reviewRequests.draftId,
            rows.map((r) => r.id),
          ),
          ne(reviewRequests.status, 'approved'),
          ne(reviewRequests.status, 'rejected'),
        ),
      );
    for (const r of rows) {
      await recordDecisionEvent(tx, {
        messageId: r.messageId,
        draftId: r.id,
        step: 'decide',
        outcome: 'superseded',
        reason: 'superseded',
        detail: { by: ctx.message.id },
      });
    }
  }
  return rows.map((r) => r.id);
}
