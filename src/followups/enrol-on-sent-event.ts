import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { campaigns, messages } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import type { FirstEmailSent } from '../ingest/interpret-sent-event.ts';
import { findSuppression, noteRefusal } from '../privacy/suppressions.ts';
import { enrolOnFirstEmail } from './enrol-leads.ts';

export type FirstEmailOutcome =
  | { enrolled: number; leadId: string; campaignId: string }
  | { enrolled: 0; skipped: 'unknown_campaign' | 'lead_already_replied' | 'suppressed' };

/**
 * The campaign's first email went out to a lead: creates the lead when it is
 * new and enrols it in every follow-up sequence of the campaign
 * (enrolOnFirstEmail), in one transaction. A lead who has already written to
 * us in this campaign is in a conversation, not waiting for follow-ups: it is
 * left alone (the pipeline manages its sequences).
 */
export async function enrolOnFirstEmailSent(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    campaignId: string;
    leadEmail: string;
    at: Date;
    /** The platform's sent email, stored as our outbound message (its thread ids let follow-ups thread). */
    sent?: { source: string; email: NonNullable<FirstEmailSent['sent']> };
  },
): Promise<FirstEmailOutcome> {
  // A forgotten address is never stored or followed up again (privacy/).
  const hit = await findSuppression(tx, input.workspaceId, [input.leadEmail]);
  if (hit) {
    await noteRefusal(tx, hit, input.at);
    return { enrolled: 0, skipped: 'suppressed' };
  }
  const lead = await tx.execute<{ id: string }>(sql`
    insert into leads (workspace_id, email) values (${input.workspaceId}, ${input.leadEmail})
    on conflict (workspace_id, lower(email)) do update set email = leads.email
    returning id`);
  const leadId = lead.rows[0]!.id;
  const [replied] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.leadId, leadId),
        eq(messages.campaignId, input.campaignId),
        eq(messages.direction, 'inbound'),
      ),
    )
    .limit(1);
  if (replied) return { enrolled: 0, skipped: 'lead_already_replied' };
  if (input.sent) {
    const e = input.sent.email;
    await tx
      .insert(messages)
      .values({
        workspaceId: input.workspaceId,
        leadId,
        campaignId: input.campaignId,
        direction: 'outbound',
        source: input.sent.source,
        providerMessageId: e.providerId,
        rfcMessageId: e.rfcMessageId,
        threadKey: e.rfcMessageId ?? `${input.sent.source}:${e.providerId}`,
        fromEmail: e.mailbox ?? '',
        toEmails: [input.leadEmail],
        subject: e.subject,
        occurredAt: input.at,
        raw: { platformRefs: e.refs, firstEmailSent: true },
      })
      .onConflictDoNothing();
  }
  const enrolled = await enrolOnFirstEmail(tx, {
    workspaceId: input.workspaceId,
    campaignId: input.campaignId,
    leadId,
    now: input.at,
  });
  return { enrolled, leadId, campaignId: input.campaignId };
}

/** A platform's first-email-sent webhook: the campaign by its platform id (unknown ones are skipped). */
export async function enrolOnPlatformFirstEmail(
  db: Db,
  input: {
    workspaceId: string;
    platform: 'smartlead' | 'instantly' | 'emailbison';
    campaignExternalId: string;
    leadEmail: string;
    at: Date;
    sent?: FirstEmailSent['sent'];
  },
): Promise<FirstEmailOutcome> {
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.workspaceId, input.workspaceId),
          eq(campaigns.platform, input.platform),
          eq(campaigns.externalId, input.campaignExternalId),
        ),
      );
    if (!campaign) return { enrolled: 0, skipped: 'unknown_campaign' } as const;
    const { sent, ...rest } = input;
    return enrolOnFirstEmailSent(tx, {
      ...rest,
      campaignId: campaign.id,
      ...(sent ? { sent: { source: input.platform, email: sent } } : {}),
    });
  });
}

export const firstEmailSentSchema = z.strictObject({
  /** The lead the campaign's first email went to. */
  leadEmail: z.string().trim().toLowerCase().pipe(z.email()),
  /** When it went out (ISO 8601); default now. Follow-up delays count from it. */
  sentAt: z.iso.datetime({ offset: true }).optional(),
});

/** The API's "first email sent" (for campaigns sent outside the three platforms), audited. */
export async function recordFirstEmailSent(
  db: Db,
  ref: { workspaceId: string; campaignId: string; actor: string },
  body: unknown,
  now = new Date(),
): Promise<FirstEmailOutcome> {
  const input = parseInput(firstEmailSentSchema, body);
  const at = input.sentAt ? new Date(input.sentAt) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw new ValidationError('sentAt is in the future', { sentAt: 'must not be in the future' });
  }
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, ref.workspaceId), eq(campaigns.id, ref.campaignId)));
    if (!campaign) throw new AutosendError('not_found', `campaign ${ref.campaignId} not found`);
    const result = await enrolOnFirstEmailSent(tx, {
      workspaceId: ref.workspaceId,
      campaignId: campaign.id,
      leadEmail: input.leadEmail,
      at,
    });
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor: ref.actor,
      action: 'followup.first_email_sent',
      entityType: 'campaign',
      entityId: campaign.id,
      before: null,
      after: {
        // A suppressed address is not written down again, not even here.
        leadEmail: 'skipped' in result && result.skipped === 'suppressed' ? null : input.leadEmail,
        sentAt: at.toISOString(),
        ...result,
      },
    });
    return result;
  });
}
