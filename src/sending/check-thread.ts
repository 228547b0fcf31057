import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, messages } from '../db/schema.ts';
import type { MessageRow } from './load-send-context.ts';

/** Why a draft must not go out because the conversation moved on, or null. */
export type ThreadChange =
  | { kind: 'newer_message'; messageId: string; direction: 'inbound' | 'outbound' }
  | { kind: 'reply_in_flight'; draftId: string };

/** The inbound message a draft answers, as SQL values or column references. */
export interface ThreadOf {
  workspaceId: SQLWrapper;
  threadKey: SQLWrapper;
  inboundId: SQLWrapper;
  occurredAt: SQLWrapper;
  draftId: SQLWrapper;
}

/**
 * The thread check as two scalar subqueries, for reads that carry it along:
 * `newer` is the first newer message of the thread as json {id, direction},
 * `inFlight` the id of another draft of the thread being sent right now.
 */
export function threadChangeSql(of: ThreadOf): {
  newer: SQL<{ id: string; direction: 'inbound' | 'outbound' } | null>;
  inFlight: SQL<string | null>;
} {
  return {
    newer: sql`(
      select json_build_object('id', n.id, 'direction', n.direction) from ${messages} n
      where n.workspace_id = ${of.workspaceId} and n.thread_key = ${of.threadKey}
        and n.id <> ${of.inboundId} and n.occurred_at > ${of.occurredAt}
      order by n.occurred_at limit 1)`,
    inFlight: sql`(
      select od.id from ${drafts} od join ${messages} om on om.id = od.message_id
      where om.workspace_id = ${of.workspaceId} and om.thread_key = ${of.threadKey}
        and od.id <> ${of.draftId} and od.status = 'sending'
      limit 1)`,
  };
}

/** The two subqueries' answers as a ThreadChange (a newer message first). */
export function threadChangeOf(
  newer: { id: string; direction: 'inbound' | 'outbound' } | null,
  inFlight: string | null,
): ThreadChange | null {
  if (newer) return { kind: 'newer_message', messageId: newer.id, direction: newer.direction };
  if (inFlight) return { kind: 'reply_in_flight', draftId: inFlight };
  return null;
}

/** The values of one draft's thread check, as parameters. */
export function threadOf(inbound: MessageRow, draftId: string): ThreadOf {
  return {
    workspaceId: sql`${inbound.workspaceId}::uuid`,
    threadKey: sql`${inbound.threadKey}`,
    inboundId: sql`${inbound.id}::uuid`,
    occurredAt: sql`${inbound.occurredAt.toISOString()}::timestamptz`,
    draftId: sql`${draftId}::uuid`,
  };
}

/**
 * One responder per conversation: a message in the same thread newer than the
 * one we answer (an inbound from the lead or anyone, or an outbound of ours
 * or the platform's), or another draft of the thread being sent right now, supersedes
 * this draft. One statement.
 */
export async function findThreadChange(
  db: DbOrTx,
  inbound: MessageRow,
  draftId: string,
): Promise<ThreadChange | null> {
  const { newer, inFlight } = threadChangeSql(threadOf(inbound, draftId));
  const { rows } = await db.execute<{
    newer: { id: string; direction: 'inbound' | 'outbound' } | null;
    in_flight: string | null;
  }>(sql`select ${newer} as newer, ${inFlight} as in_flight`);
  return threadChangeOf(rows[0]?.newer ?? null, rows[0]?.in_flight ?? null);
}

/** Serialises sends of one thread (and of one campaign's cap) for the rest of the transaction. */
export async function lockForSend(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${SEND_LOCK_NAMESPACE}, hashtext(${key}))`);
}

/** First key of our two-int advisory locks, so they never meet pg-boss's or others' locks. */
export const SEND_LOCK_NAMESPACE = 0x5e4d;
