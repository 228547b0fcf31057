import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { campaigns, drafts, leads, messages, reviewRequests, workspaces } from '../db/schema.ts';
import { suppressedSql } from '../privacy/suppressions.ts';

export type DraftRow = typeof drafts.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type LeadRow = typeof leads.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;
export type ReviewRequestRow = typeof reviewRequests.$inferSelect;

/** Everything reply.send needs to know about one draft. */
export interface SendContext {
  draft: DraftRow;
  /** The inbound message the draft answers. */
  inbound: MessageRow;
  lead: LeadRow;
  /** Null when the reply named no stored campaign. */
  campaign: CampaignRow | null;
  workspace: WorkspaceRow;
  review: ReviewRequestRow | null;
  /** The lead's address is suppressed (`autosend lead forget`): never sent to. */
  suppressed?: 'workspace' | 'all' | null;
}

/** Loads a draft with its inbound message, lead, campaign, workspace and review request. */
export async function loadSendContext(db: DbOrTx, draftId: string): Promise<SendContext | null> {
  const rows = await db
    .select({
      draft: drafts,
      inbound: messages,
      lead: leads,
      campaign: campaigns,
      workspace: workspaces,
      review: reviewRequests,
      suppressed: suppressedSql([leads.email], messages.workspaceId),
    })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .leftJoin(reviewRequests, eq(reviewRequests.draftId, drafts.id))
    .where(eq(drafts.id, draftId))
    .limit(1);
  return rows[0] ?? null;
}

/** Why this lead must never get mail again, or null. */
export function leadFlag(lead: LeadRow): 'opted_out' | 'bounced' | 'booked' | null {
  if (lead.optedOutAt) return 'opted_out';
  if (lead.bouncedAt) return 'bounced';
  if (lead.bookedAt) return 'booked';
  return null;
}

/** Our mailbox for this reply: the address that received it, else the campaign's sender. */
export function senderMailbox(ctx: SendContext): string | null {
  return ctx.inbound.toEmails[0] ?? ctx.campaign?.senderEmail ?? null;
}
