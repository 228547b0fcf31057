import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Evaluation, OfferedSlot } from '../ai/provider.ts';
import type { DbOrTx } from '../db/client.ts';
import { drafts, reviewRequests } from '../db/schema.ts';
import type { GuardFailure } from '../decision/draft-guards.ts';
import { type DecisionEventInput, recordDecisionEvent } from '../decision/record-event.ts';
import { makeRoomForDraft } from '../pipeline/make-room-for-draft.ts';
import { updateItem } from './run-state.ts';

export interface DraftToSave {
  runId: string;
  itemId: string;
  messageId: string;
  /** The target and the replies folded into it: their unsent drafts are superseded. */
  answers: string[];
  subject: string;
  body: string;
  model: string;
  slots: OfferedSlot[];
  offerIds: string[];
  evaluation: Evaluation;
  guardFailures: GuardFailure[];
  timings: { classifyMs: number; draftMs: number; evaluateMs: number };
  trail: Omit<DecisionEventInput, 'messageId'>[];
  /** Stored on the item (category, score, gate, shadow decisions, ...). */
  itemDetail: Record<string, unknown>;
}

/** Since selection, a human or the sender took the reply: the backfill leaves it alone. */
export interface DraftNotSaved {
  skipped: 'approved_by_human' | 'send_in_progress' | 'send_unknown';
  /** The live draft that holds the reply. */
  heldBy: string;
}

const SKIP_FOR: Record<'approved' | 'sending' | 'send_unknown', DraftNotSaved['skipped']> = {
  approved: 'approved_by_human',
  sending: 'send_in_progress',
  send_unknown: 'send_unknown',
};

/**
 * Saves one backfill draft and moves its item to `drafted`, in one
 * transaction: a kill -9 leaves either both or neither. An apply draft is
 * `generated` without a send time (the send phase decides); unsent drafts of
 * the same replies are superseded and their reviews closed. A shadow draft is
 * `shadow`: reply.send and approvals never touch it, and it sits beside the
 * message's one live draft. An apply draft is not saved when the reply has an
 * approved, sending or send_unknown draft by now (checked under the lock).
 */
export async function persistBackfillDraft(
  db: DbOrTx,
  mode: 'shadow' | 'apply',
  input: DraftToSave,
  attachOffers: (tx: DbOrTx, offerIds: string[], draftId: string) => Promise<void>,
): Promise<{ draftId: string; superseded: string[] } | DraftNotSaved> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from messages where id = ${input.messageId} for update`);
    const superseded: string[] = [];
    if (mode === 'apply') {
      const room = await makeRoomForDraft(tx, input.messageId, {
        step: 'backfill',
        detail: { runId: input.runId, by: input.messageId },
      });
      if (room.kind === 'taken') return { skipped: SKIP_FOR[room.status], heldBy: room.draftId };
      superseded.push(...room.superseded, ...(await supersedeUnsent(tx, input)));
    }
    const [{ version }] = (
      await tx.execute<{ version: number }>(
        sql`select coalesce(max(version), 0)::int + 1 as version from drafts where message_id = ${input.messageId}`,
      )
    ).rows as [{ version: number }];
    const [draft] = await tx
      .insert(drafts)
      .values({
        messageId: input.messageId,
        version,
        subject: /^re:/i.test(input.subject) ? input.subject : `Re: ${input.subject}`,
        body: input.body,
        offeredSlots: input.slots,
        status: mode === 'apply' ? 'generated' : 'shadow',
        confidence: Math.min(1, Math.max(0, input.evaluation.confidence)),
        safeToSend: input.evaluation.safeToSend,
        requiresHumanReview: input.evaluation.requiresHumanReview,
        evaluatorReason: input.evaluation.reason,
        guardFailures: input.guardFailures,
        model: input.model,
        timings: input.timings,
        sendAfter: null,
      })
      .returning({ id: drafts.id });
    const draftId = draft!.id;
    if (input.offerIds.length) await attachOffers(tx, input.offerIds, draftId);
    for (const e of input.trail) {
      await recordDecisionEvent(tx, { ...e, messageId: input.messageId, draftId });
    }
    await recordDecisionEvent(tx, {
      messageId: input.messageId,
      draftId,
      step: 'backfill',
      outcome: mode === 'apply' ? 'drafted' : 'shadow_draft',
      detail: { runId: input.runId, version, superseded },
    });
    await updateItem(tx, input.itemId, { state: 'drafted', draftId, detail: input.itemDetail });
    return { draftId, superseded };
  });
}

async function supersedeUnsent(tx: DbOrTx, input: DraftToSave): Promise<string[]> {
  const rows = await tx
    .update(drafts)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(and(inArray(drafts.messageId, input.answers), eq(drafts.status, 'generated')))
    .returning({ id: drafts.id, messageId: drafts.messageId });
  if (!rows.length) return [];
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
      step: 'backfill',
      outcome: 'superseded',
      reason: 'superseded',
      detail: { runId: input.runId, by: input.messageId },
    });
  }
  return rows.map((r) => r.id);
}
