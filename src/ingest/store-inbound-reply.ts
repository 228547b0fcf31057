import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { messages } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { pauseForInbound } from '../followups/pause-for-reply.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { hashAddress } from '../privacy/address-hash.ts';
import { storeSuppressedReply } from '../privacy/store-suppressed-reply.ts';
import type { SuppressionHit } from '../privacy/suppressions.ts';
import { cleanForPostgres } from './clean-for-postgres.ts';
import type { InboundReply } from './inbound-reply.ts';
import {
  type SignedWith,
  type StoreReplyRow,
  storeReplyStatement,
} from './store-reply-statement.ts';

export type StoreResult =
  | { status: 'created'; messageId: string; cleaned: string[] }
  | { status: 'duplicate'; messageId: string }
  /** From a suppressed address: filed as a tombstone without any content (privacy/). */
  | { status: 'suppressed'; messageId: string };

/** What storing a reply a platform delivered can also come to (storeDeliveredReply). */
export type DeliveredStoreResult =
  | StoreResult
  /** Our own answer came back as if the lead had written it: nothing written. */
  | { status: 'own_echo'; echoOf: string }
  /** The secret the delivery verified with is no longer in force: nothing written. */
  | { status: 'secret_changed' };

/** A mapped reply; `dedupeScope` may be left out by callers whose ids are unique per source. */
export type StorableReply = Omit<InboundReply, 'dedupeScope'> & { dedupeScope?: string };

export interface DeliveredOptions {
  /** Webhooks: the secret that verified must still be in force when the reply is stored. */
  signedWith?: SignedWith;
}

/** Thrown inside the transaction when a concurrent delivery won the insert: rolls everything back. */
class LostInsertRace extends Error {}

/**
 * Stores one reply and queues its processing, all in ONE transaction: the
 * lead (created or its empty fields filled), the campaign (found, or created
 * as a MANUAL "discovered" campaign with configuredAt null, which the pipeline
 * skips as unknown_campaign until someone configures it), the inbound message,
 * an `ingest` decision event, the pause of the lead's running follow-ups and
 * the `inbound.process` job. A reply seen before (same source, platform scope
 * and provider message id) returns its message and writes nothing. A reply
 * from a suppressed address (`autosend lead forget`) keeps no content: see
 * privacy/store-suppressed-reply.ts (the suppression is read in the same
 * statement).
 *
 * Round trips: BEGIN, one statement (store-reply-statement.ts), the job,
 * COMMIT; a lead with running follow-ups adds their pause and the event.
 *
 * What PostgreSQL cannot store (NUL, lone surrogates) is replaced first and
 * the changed fields are recorded in the trail (`cleaned`), so such a reply
 * is stored instead of failing on every retry.
 */
export async function storeInboundReply(
  deps: { db: Db; queue: JobQueue },
  workspaceId: string,
  received: StorableReply,
): Promise<StoreResult> {
  return (await storeReply(deps, workspaceId, received, { checkOwnEcho: false })) as StoreResult;
}

/**
 * storeInboundReply for a reply a platform delivered, which may be one of
 * our own answers coming back (loop safety, find-own-echo.ts): that is
 * `own_echo` and nothing is written. With `signedWith`, a secret rotated or
 * removed since it was read is `secret_changed`. Both checked in the same
 * statement as the store.
 */
export function storeDeliveredReply(
  deps: { db: Db; queue: JobQueue },
  workspaceId: string,
  received: StorableReply,
  options: DeliveredOptions = {},
): Promise<DeliveredStoreResult> {
  return storeReply(deps, workspaceId, received, { ...options, checkOwnEcho: true });
}

async function storeReply(
  deps: { db: Db; queue: JobQueue },
  workspaceId: string,
  received: StorableReply,
  options: DeliveredOptions & { checkOwnEcho: boolean },
): Promise<DeliveredStoreResult> {
  const { value: cleanReply, changed, changedCount } = cleanForPostgres(received);
  const reply: InboundReply = { ...cleanReply, dedupeScope: cleanReply.dedupeScope ?? '' };
  const cleaned = changedCount > 0 ? { fields: changed, count: changedCount } : undefined;
  // What has no column: the ids a platform sender needs, the thread the
  // platform sent along, our mailbox, and the lead as the platform named it.
  const raw = {
    mailbox: reply.mailbox ?? null,
    platformRefs: reply.platformRefs,
    priorMessages: reply.priorMessages,
    lead: reply.lead,
    campaign: reply.campaign,
    ...(cleaned ? { cleaned } : {}),
  };
  const detail = {
    source: reply.source,
    providerMessageId: reply.providerMessageId,
    fromIsLead: reply.from.email === reply.lead.email,
    // NUL / lone surrogates replaced so the reply could be stored at all.
    ...(cleaned ? { cleaned } : {}),
  };
  const statement = storeReplyStatement({
    workspaceId,
    reply,
    raw,
    detail,
    checkOwnEcho: options.checkOwnEcho,
    signedWith: options.signedWith,
    addressHashes: [...new Set([hashAddress(reply.lead.email), hashAddress(reply.from.email)])],
  });
  try {
    return await deps.db.transaction(async (tx): Promise<DeliveredStoreResult> => {
      let row = await runStatement(tx, statement);
      let leadCreated = row.lead_created === true;
      const retried =
        !row.message_id && row.lead_id !== null && !!reply.campaign && !row.campaign_id;
      if (retried) {
        // A concurrent delivery was creating the campaign: a new statement sees it committed.
        row = await runStatement(tx, statement);
        leadCreated ||= row.lead_created === true;
      }
      if (row.echo_id) return { status: 'own_echo', echoOf: row.echo_id };
      if (row.existing_id) return { status: 'duplicate', messageId: row.existing_id };
      if (!row.secret_ok) return { status: 'secret_changed' };
      if (row.suppression_id) {
        const suppression: SuppressionHit = {
          id: row.suppression_id,
          scope: row.suppression_everywhere ? 'all' : 'workspace',
        };
        const id = await storeSuppressedReply(tx, workspaceId, reply, suppression);
        if (!id) throw new LostInsertRace();
        return { status: 'suppressed', messageId: id };
      }
      if (!row.message_id || !row.lead_id) throw new LostInsertRace();
      const messageId = row.message_id;
      if (row.running_followups > 0) {
        // The lead replied: their follow-ups pause with the message, never a moment later.
        const paused = await pauseForInbound(tx, {
          leadId: row.lead_id,
          messageId,
          at: reply.receivedAt,
        });
        await recordDecisionEvent(tx, {
          messageId,
          step: 'ingest',
          outcome: 'stored',
          detail: {
            ...detail,
            leadId: row.lead_id,
            leadCreated,
            campaignId: row.campaign_id,
            campaign: !reply.campaign ? 'none' : row.campaign_created ? 'discovered' : 'known',
            ...(paused.length ? { followupsPaused: paused.length } : {}),
          },
        });
      } else if (leadCreated && row.lead_created !== true) {
        // The statement's first run created the lead; the event was written by the second.
        await tx.execute(sql`update decision_events
          set detail = detail || '{"leadCreated": true}'::jsonb
          where message_id = ${messageId} and step = 'ingest'`);
      }
      await deps.queue.enqueue('inbound.process', { messageId }, { tx });
      return { status: 'created', messageId, cleaned: changed };
    });
  } catch (error) {
    if (!(error instanceof LostInsertRace)) throw error;
    const winner = await findMessageId(deps.db, workspaceId, reply);
    if (!winner) throw error;
    return { status: 'duplicate', messageId: winner };
  }
}

async function runStatement(tx: DbOrTx, statement: SQL): Promise<StoreReplyRow> {
  const result = await tx.execute<StoreReplyRow>(statement);
  return result.rows[0]!;
}

/** The message stored for this reply before: same workspace, source, platform scope and id. */
async function findMessageId(
  db: DbOrTx,
  workspaceId: string,
  reply: Pick<InboundReply, 'source' | 'dedupeScope' | 'providerMessageId'>,
) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.source, reply.source),
        eq(messages.dedupeScope, reply.dedupeScope),
        eq(messages.providerMessageId, reply.providerMessageId),
      ),
    )
    .limit(1);
  return row?.id;
}
