import { and, count, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { decisionEvents, drafts, messages, reviewRequests, sendLedger } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { OutgoingEmail, SentEmail } from './email-sender.ts';
import type { SendContext } from './load-send-context.ts';
import { openSendUnknownReview } from './open-send-unknown-review.ts';

export type LedgerRow = typeof sendLedger.$inferSelect;

/** The one idempotency key of a draft: taken once, ever. */
export function ledgerKey(draftId: string): string {
  return `draft:${draftId}`;
}

/**
 * Automatic sends of a campaign since `since`: ledger rows not failed whose
 * draft no human approved. Human-approved sends do not count against the cap.
 */
export async function countAutoSendsSince(
  db: DbOrTx,
  campaignId: string,
  since: Date,
): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(sendLedger)
    .innerJoin(drafts, eq(drafts.id, sendLedger.draftId))
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .leftJoin(
      reviewRequests,
      and(eq(reviewRequests.draftId, drafts.id), eq(reviewRequests.status, 'approved')),
    )
    .where(
      and(
        eq(messages.campaignId, campaignId),
        gte(sendLedger.startedAt, since),
        inArray(sendLedger.status, ['sending', 'sent', 'unknown']),
        isNull(reviewRequests.id),
      ),
    );
  return rows[0]?.n ?? 0;
}

/**
 * Records a finished send in ONE statement (atomic on its own): ledger sent,
 * the outbound message stored in the thread (so follow-ups and the supersede
 * check see it; an existing row with the same provider id is reused), draft
 * sent and pointing at it, and the decision event naming it.
 */
export async function recordSent(
  db: DbOrTx,
  input: {
    ctx: SendContext;
    mail: OutgoingEmail;
    sender: string;
    providerMessageId: string;
    at: Date;
    recovered?: boolean;
    /** What the sender reported; platform senders add the platform's ids. */
    sent?: SentEmail;
  },
): Promise<string> {
  const { ctx, mail, at } = input;
  const values = {
    workspaceId: ctx.inbound.workspaceId,
    leadId: ctx.inbound.leadId,
    campaignId: ctx.inbound.campaignId,
    direction: 'outbound' as const,
    channel: ctx.inbound.channel,
    source: 'autosend',
    providerMessageId: mail.messageId,
    rfcMessageId: input.sent?.rfcMessageId ?? mail.messageId,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references,
    threadKey: ctx.inbound.threadKey,
    fromEmail: mail.from.address,
    fromName: mail.from.name ?? null,
    toEmails: mail.to,
    ccEmails: mail.cc ?? [],
    subject: mail.subject,
    text: mail.text,
    occurredAt: at,
    ...(input.sent?.platformIds ? { raw: { platformIds: input.sent.platformIds } } : {}),
  };
  const detail = {
    sender: input.sender,
    messageId: mail.messageId,
    to: mail.to,
    ...(input.sent?.platformIds ? { platformIds: input.sent.platformIds } : {}),
    ...(input.recovered ? { recoveredAfterCrash: true } : {}),
  };
  // The writes below cannot see the inserted row (one snapshot): they name it through `outbound`.
  const outboundId = sql`(select id from outbound)`;
  const { rows } = await db.execute<{ id: string }>(sql`
    with inserted as (${db.insert(messages).values(values).onConflictDoNothing().returning({ id: messages.id }).getSQL()}),
    outbound as (
      select id from inserted
      union all
      select ${messages.id} from ${messages}
      where ${and(
        eq(messages.workspaceId, values.workspaceId),
        eq(messages.source, values.source),
        eq(messages.providerMessageId, values.providerMessageId),
      )}
      limit 1),
    ledger as (${db
      .update(sendLedger)
      .set({ status: 'sent', providerMessageId: input.providerMessageId, finishedAt: at })
      .where(eq(sendLedger.idempotencyKey, ledgerKey(ctx.draft.id)))
      .getSQL()}),
    draft as (${db
      .update(drafts)
      .set({ status: 'sent', sentMessageId: outboundId, updatedAt: at })
      .where(eq(drafts.id, ctx.draft.id))
      .getSQL()}),
    event as (${db
      .insert(decisionEvents)
      .values({
        messageId: ctx.inbound.id,
        draftId: ctx.draft.id,
        step: 'send',
        outcome: 'sent',
        reason: null,
        detail: sql`${JSON.stringify(detail)}::jsonb || jsonb_build_object('outboundMessageId', ${outboundId})`,
        at,
      })
      .getSQL()})
    select id from outbound`);
  return rows[0]!.id;
}

/**
 * Ends a send that did not (or may not have) go out: ledger and draft in one
 * transaction; a `send_unknown` draft also opens a review (with its Slack
 * notification) so a human checks the mailbox before anything is re-sent.
 */
export async function recordSendEnd(
  db: DbOrTx,
  input: {
    ctx: SendContext;
    /** Queues the review notification of a send_unknown draft. */
    queue: JobQueue;
    ledger: 'failed' | 'unknown';
    draft: 'failed' | 'send_unknown';
    reason: string;
    error: string;
    at: Date;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const { ctx, at } = input;
  await db.transaction(async (tx) => {
    await tx
      .update(sendLedger)
      .set({ status: input.ledger, error: input.error, finishedAt: at })
      .where(eq(sendLedger.idempotencyKey, ledgerKey(ctx.draft.id)));
    await tx
      .update(drafts)
      .set({ status: input.draft, updatedAt: at })
      .where(eq(drafts.id, ctx.draft.id));
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: input.draft,
      reason: input.reason,
      detail: { error: input.error, ...input.detail },
      at,
    });
    if (input.draft === 'send_unknown') {
      await openSendUnknownReview(tx, input.queue, {
        workspaceId: ctx.inbound.workspaceId,
        draftId: ctx.draft.id,
      });
    }
  });
}

/**
 * Undoes a claim whose send certainly never left: the ledger row goes and the
 * draft returns to its earlier status in one transaction, so a retry starts
 * clean and nothing says "sent".
 */
export async function releaseLedgerKey(
  db: DbOrTx,
  input: {
    ctx: SendContext;
    previousStatus: 'generated' | 'approved';
    error: string;
    at: Date;
  },
): Promise<void> {
  const { ctx, at } = input;
  await db.transaction(async (tx) => {
    await tx.delete(sendLedger).where(eq(sendLedger.idempotencyKey, ledgerKey(ctx.draft.id)));
    await tx
      .update(drafts)
      .set({ status: input.previousStatus, updatedAt: at })
      .where(and(eq(drafts.id, ctx.draft.id), eq(drafts.status, 'sending')));
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: 'retry',
      reason: 'send_failed',
      detail: { error: input.error },
      at,
    });
  });
}
