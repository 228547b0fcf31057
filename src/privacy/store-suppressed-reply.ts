import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { campaigns, messages } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { InboundReply } from '../ingest/inbound-reply.ts';
import { noteRefusal, type SuppressionHit } from './suppressions.ts';

/** The one lead per workspace that suppressed replies are filed under: no person's data. */
export const SUPPRESSED_PLACEHOLDER_EMAIL = 'suppressed@autosend.invalid';

/** Finds or creates the workspace's placeholder lead, opted out so nothing ever writes to it. */
async function placeholderLead(tx: DbOrTx, workspaceId: string, at: Date): Promise<string> {
  const result = await tx.execute<{ id: string }>(sql`
    insert into leads (workspace_id, email, opted_out_at, opted_out_reason)
    values (${workspaceId}, ${SUPPRESSED_PLACEHOLDER_EMAIL}, ${at},
            'placeholder for replies from suppressed addresses (docs/privacy.md)')
    on conflict (workspace_id, lower(email)) do update set email = leads.email
    returning id`);
  return result.rows[0]!.id;
}

/**
 * Files a reply from a suppressed address as a tombstone, in the caller's
 * transaction: the provider's id (so a redelivery is a duplicate), the
 * source, the known campaign and the time, under the placeholder lead, with
 * no address, name, subject, text, headers or payload. The trail says
 * `suppressed`, so explain answers; nothing is queued.
 */
export async function storeSuppressedReply(
  tx: DbOrTx,
  workspaceId: string,
  reply: InboundReply,
  hit: SuppressionHit,
): Promise<string | null> {
  const at = new Date();
  const leadId = await placeholderLead(tx, workspaceId, at);
  const [campaign] = reply.campaign
    ? await tx
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(
          and(
            eq(campaigns.workspaceId, workspaceId),
            eq(campaigns.externalId, reply.campaign.externalId),
          ),
        )
        .limit(1)
    : [];
  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId,
      leadId,
      campaignId: campaign?.id ?? null,
      direction: 'inbound',
      channel: reply.channel,
      source: reply.source,
      providerMessageId: reply.providerMessageId,
      dedupeScope: reply.dedupeScope,
      threadKey: `suppressed:${reply.source}:${reply.providerMessageId}`,
      fromEmail: SUPPRESSED_PLACEHOLDER_EMAIL,
      occurredAt: reply.receivedAt,
      contentPurgedAt: at,
    })
    .onConflictDoNothing({
      target: [
        messages.workspaceId,
        messages.source,
        messages.dedupeScope,
        messages.providerMessageId,
      ],
    })
    .returning({ id: messages.id });
  if (!row) return null;
  await recordDecisionEvent(tx, {
    messageId: row.id,
    step: 'ingest',
    outcome: 'stored',
    detail: { source: reply.source, suppressed: true },
  });
  await recordDecisionEvent(tx, {
    messageId: row.id,
    step: 'decide',
    outcome: 'skipped',
    reason: 'suppressed',
    detail: {
      evidence: `the sender's address is suppressed in ${hit.scope === 'all' ? 'every workspace' : 'this workspace'}; nothing but this record was kept`,
    },
  });
  await noteRefusal(tx, hit, at);
  return row.id;
}
