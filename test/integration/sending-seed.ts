import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { campaigns, drafts, leads, messages, workspaces } from '../../src/db/schema.ts';

/** Rows for sending tests, written directly: one workspace, campaign and a way to add replies. */
export async function seedCampaign(
  db: Db,
  campaign: Partial<typeof campaigns.$inferInsert> = {},
): Promise<{ workspaceId: string; campaignId: string }> {
  const [ws] = await db
    .insert(workspaces)
    .values({
      name: 'Acme',
      webhookKey: `key-${randomUUID()}`,
      webhookSecret: 's',
      timeZone: 'UTC',
    })
    .returning();
  const [c] = await db
    .insert(campaigns)
    .values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: `c-${randomUUID()}`,
      name: 'Q3 outreach',
      responseMode: 'AI_AUTO_SEND',
      senderName: 'Sam Seller',
      senderEmail: 'sam@acme.io',
      ...campaign,
    })
    .returning();
  return { workspaceId: ws!.id, campaignId: c!.id };
}

export interface SeededReply {
  leadId: string;
  inboundId: string;
  draftId: string;
  threadKey: string;
  leadEmail: string;
  rfcMessageId: string;
}

/** A lead, the lead's inbound reply in a thread we started, and a draft answering it. */
export async function seedReply(
  db: Db,
  ids: { workspaceId: string; campaignId: string },
  options: {
    lead?: Partial<typeof leads.$inferInsert>;
    draft?: Partial<typeof drafts.$inferInsert>;
    occurredAt?: Date;
  } = {},
): Promise<SeededReply> {
  const n = randomUUID().slice(0, 8);
  const leadEmail = `jane.${n}@example.com`;
  const [lead] = await db
    .insert(leads)
    .values({ workspaceId: ids.workspaceId, email: leadEmail, firstName: 'Jane', ...options.lead })
    .returning();
  const threadKey = `<root-${n}@acme.io>`;
  const rfcMessageId = `<reply-${n}@example.com>`;
  const [inbound] = await db
    .insert(messages)
    .values({
      workspaceId: ids.workspaceId,
      leadId: lead!.id,
      campaignId: ids.campaignId,
      direction: 'inbound',
      source: 'generic',
      providerMessageId: `prov-${n}`,
      rfcMessageId,
      inReplyTo: threadKey,
      references: [threadKey],
      threadKey,
      fromEmail: leadEmail,
      toEmails: ['sam@acme.io'],
      subject: 'Re: Quick question about Acme',
      text: 'Sounds interesting, can we talk on Tuesday?',
      occurredAt: options.occurredAt ?? new Date(Date.now() - 10 * 60_000),
    })
    .returning();
  const [draft] = await db
    .insert(drafts)
    .values({
      messageId: inbound!.id,
      body: 'Hi Jane,\n\nTuesday works. Would 10:00 or 14:00 suit you?\n\nSam',
      model: 'offline',
      status: 'generated',
      ...options.draft,
    })
    .returning();
  return {
    leadId: lead!.id,
    inboundId: inbound!.id,
    draftId: draft!.id,
    threadKey,
    leadEmail,
    rfcMessageId,
  };
}
