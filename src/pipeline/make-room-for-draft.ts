import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, LIVE_DRAFT_STATUSES, reviewRequests } from '../db/schema.ts';
import { type DecisionStep, recordDecisionEvent } from '../decision/record-event.ts';

export type RoomForDraft =
  | { kind: 'free'; superseded: string[] }
  | { kind: 'taken'; draftId: string; status: 'approved' | 'sending' | 'send_unknown' };

/**
 * Call under the message's row lock, before inserting a sendable draft of it:
 * a message holds at most one live draft (drafts_one_live_per_message).
 *
 * A `generated` draft gives way: it is superseded, its open review closed and
 * a line written to its trail (`by` says who replaced it). An approved,
 * sending or send_unknown draft wins: a human or the sender has it, and the
 * caller must not draft the message again.
 */
export async function makeRoomForDraft(
  tx: DbOrTx,
  messageId: string,
  by: { step: DecisionStep; detail: Record<string, unknown> },
): Promise<RoomForDraft> {
  const live = await tx
    .select({ id: drafts.id, status: drafts.status })
    .from(drafts)
    .where(and(eq(drafts.messageId, messageId), inArray(drafts.status, [...LIVE_DRAFT_STATUSES])));
  const held = live.find((d) => d.status !== 'generated');
  if (held) {
    const status = held.status as Extract<RoomForDraft, { kind: 'taken' }>['status'];
    return { kind: 'taken', draftId: held.id, status };
  }
  if (!live.length) return { kind: 'free', superseded: [] };
  const ids = live.map((d) => d.id);
  await tx
    .update(drafts)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(inArray(drafts.id, ids));
  await tx
    .update(reviewRequests)
    .set({ status: 'superseded' })
    .where(and(inArray(reviewRequests.draftId, ids), eq(reviewRequests.status, 'open')));
  for (const id of ids) {
    await recordDecisionEvent(tx, {
      messageId,
      draftId: id,
      step: by.step,
      outcome: 'superseded',
      reason: 'superseded',
      detail: by.detail,
    });
  }
  return { kind: 'free', superseded: ids };
}
