import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { followupInstances, messages, sendLedger } from '../db/schema.ts';
import { addDelay } from './add-delay.ts';
import { applyFollowupEvent } from './apply-followup-event.ts';
import type { StepSpec } from './followup-types.ts';
import type { InstanceContext } from './load-instance-context.ts';
import { followupLedgerKey } from './load-instance-context.ts';

/** One follow-up as handed to a sender, whatever the channel. */
export interface PreparedFollowup {
  step: StepSpec;
  messageId: string;
  subject: string;
  text: string;
  from: string;
  to: string;
  threadKey: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * Records a follow-up that went out, in one transaction: ledger sent, the
 * outbound message in the lead's thread (so the ghost period and reply
 * supersede checks see it), the instance on to its next step (or completed),
 * and the history row.
 */
export async function recordFollowupSent(
  db: DbOrTx,
  input: {
    ctx: InstanceContext;
    mail: PreparedFollowup;
    providerMessageId: string;
    /** Ids a platform sender returned (kept in raw.platformIds, where echo detection looks). */
    platformIds?: Record<string, string>;
    /** The Message-ID the platform put on the email, when it says. */
    rfcMessageId?: string;
    zone: string;
    at: Date;
    /** Set when the send is recorded after the fact: kept as the instance's last note. */
    recovered?: string;
  },
): Promise<void> {
  const { ctx, mail, at } = input;
  await db.transaction(async (tx) => {
    await tx
      .update(sendLedger)
      .set({ status: 'sent', providerMessageId: input.providerMessageId, finishedAt: at })
      .where(eq(sendLedger.idempotencyKey, followupLedgerKey(ctx.instance.id, mail.step.position)));
    await tx
      .insert(messages)
      .values({
        workspaceId: ctx.workspace.id,
        leadId: ctx.lead.id,
        campaignId: ctx.campaign?.id ?? null,
        direction: 'outbound',
        channel: mail.step.channel,
        source: 'autosend_followup',
        providerMessageId: mail.messageId,
        rfcMessageId: mail.step.channel === 'email' ? (input.rfcMessageId ?? mail.messageId) : null,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        threadKey: mail.threadKey,
        fromEmail: mail.from,
        toEmails: [mail.step.channel === 'email' ? mail.to : ctx.lead.email],
        subject: mail.subject,
        text: mail.text,
        occurredAt: at,
        raw: {
          followup: { instanceId: ctx.instance.id, step: mail.step.position, to: mail.to },
          ...(input.platformIds ? { platformIds: input.platformIds } : {}),
        },
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(followupInstances)
      .where(eq(followupInstances.id, ctx.instance.id))
      .for('update');
    if (!row) return;
    const next = ctx.steps.find((s) => s.position === mail.step.position + 1);
    await applyFollowupEvent(
      tx,
      row,
      {
        type: 'step_sent',
        at,
        step: mail.step.position,
        nextRunAt: next ? addDelay(at, next.delayAmount, next.delayUnit, input.zone) : null,
        messageId: mail.messageId,
      },
      { lastError: null, lastErrorAt: null },
    );
    if (input.recovered) {
      await tx
        .update(followupInstances)
        .set({ lastError: input.recovered })
        .where(and(eq(followupInstances.id, row.id)));
    }
  });
}
