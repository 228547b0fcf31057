import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, messages } from '../db/schema.ts';
import type { MessageRow } from './load-send-context.ts';

/** Why a draft must not go out because the conversation moved on, or null. */
export type ThreadChange =
  | { kind: 'newer_message'; messageId: string; direction: 'inbound' | 'outbound' }
  | { kind: 'reply_in_flight'; draftId: string };

/**
 * One responder per conversation: a message in the same thread newer than the
 * one we answer (an inbound from the lead or anyone, or an outbound of ours
 * or the platform's), or another draft of the thread being sent right now, supersedes
 * this draft.
 */
export async function findThreadChange(
  db: DbOrTx,
  inbound: MessageRow,
  draftId: string,
): Promise<ThreadChange | null> {
  const newer = await db
    .select({ id: messages.id, direction: messages.direction })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, inbound.workspaceId),
        eq(messages.threadKey, inbound.threadKey),
        ne(messages.id, inbound.id),
        gt(messages.occurredAt, inbound.occurredAt),
      ),
    )
    .orderBy(messages.occurredAt)
    .limit(1);
  const first = newer[0];
  if (first) return { kind: 'newer_message', messageId: first.id, direction: first.direction };

  const inFlight = await db
    .select({ id: drafts.id })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .where(
      and(
        eq(messages.workspaceId, inbound.workspaceId),
        eq(messages.threadKey, inbound.threadKey),
        ne(drafts.id, draftId),
        eq(drafts.status, 'sending'),
      ),
    )
    .limit(1);
  if (inFlight[0]) return { kind: 'reply_in_flight', draftId: inFlight[0].id };
  return null;
}

/** Serialises sends of one thread (and of one campaign's cap) for the rest of the transaction. */
export async function lockForSend(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${SEND_LOCK_NAMESPACE}, hashtext(${key}))`);
}

/** First key of our two-int advisory locks, so they never meet pg-boss's or others' locks. */
export const SEND_LOCK_NAMESPACE = 0x5e4d;
