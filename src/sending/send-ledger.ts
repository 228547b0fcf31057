import { and, count, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, messages, reviewRequests, sendLedger } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { OutgoingEmail, SentEmail } from './email-sender.ts';
import type { SendContext } from './load-send-context.ts';

export type LedgerRow = typeof sendLedger.$inferSelect;

/** The one idempotency key of a draft: taken once, ever. */
export function ledgerKey(draftId: string): string {
  return `draft:${draftId}`;
}

/**
 * Takes the draft's ledger key. Returns the new row, or the row an earlier or
 * concurrent attempt already holds (the unique key decides, not a read).
 */
export async function takeLedgerKey(
  tx: DbOrTx,
  input: { draftId: string; sender: string; at: Date },
): Promise<{ taken: true; row: LedgerRow } | { taken: false; row: LedgerRow }> {
  const inserted = await tx
    .insert(sendLedger)
    .values({
      idempotencyKey: ledgerKey(input.draftId),
      draftId: input.draftId,
      sender: input.sender,
      status: 'sending',
      startedAt: input.at,
    })
    .onConflictDoNothing({ target: sendLedger.idempotencyKey })
    .returning();
  if (inserted[0]) return { taken: true, row: inserted[0] };
  const existing = await tx
    .select()
    .from(sendLedger)
    .where(eq(sendLedger.idempotencyKey, ledgerKey(input.draftId)));
  return { taken: false, row: existing[0]! };
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
 * Records a finished send in one transaction: ledger sent, the outbound
 * message stored in the thread (so follow-ups and the supersede check see it),
 * draft sent and pointing at it, and the decision event.
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
  return db.transaction(async (tx) => {
    await tx
      .update(sendLedger)
      .set({ status: 'sent', providerMessageId: input.providerMessageId, finishedAt: at })
      .where(eq(sendLedger.idempotencyKey, ledgerKey(ctx.draft.id)));
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
    const inserted = await tx
      .insert(messages)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: messages.id });
    const outboundId =
      inserted[0]?.id ??
      (
        await tx
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(
              eq(messages.workspaceId, values.workspaceId),
              eq(messages.providerMessageId, values.providerMessageId),
            ),
          )
      )[0]!.id;
    await tx
      .update(drafts)
      .set({ status: 'sent', sentMessageId: outboundId, updatedAt: at })
      .where(eq(drafts.id, ctx.draft.id));
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'send',
      outcome: 'sent',
      detail: {
        sender: input.sender,
        messageId: mail.messageId,
        to: mail.to,
        outboundMessageId: outboundId,
        ...(input.sent?.platformIds ? { platformIds: input.sent.platformIds } : {}),
        ...(input.recovered ? { recoveredAfterCrash: true } : {}),
      },
      at,
    });
    return outboundId;
  });
}

/** Ends a send that did not (or may not have) go out: ledger and draft in one transaction. */
export async function recordSendEnd(
  db: DbOrTx,
  input: {
    ctx: SendContext;
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
