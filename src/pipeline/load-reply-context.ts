import { and, asc, eq } from 'drizzle-orm';
import type { TranscriptEntry } from '../ai/provider.ts';
import type { DbOrTx } from '../db/client.ts';
import { campaigns, leads, messages, workspaces } from '../db/schema.ts';
import { extractNewText } from '../gates/extract-new-text.ts';
import { suppressedSql } from '../privacy/suppressions.ts';

export type MessageRow = typeof messages.$inferSelect;
export type LeadRow = typeof leads.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export interface ReplyContext {
  message: MessageRow;
  lead: LeadRow;
  campaign: CampaignRow | null;
  workspace: WorkspaceRow;
  /** The lead's or sender's address is suppressed (`autosend lead forget`): `workspace`, `all`, or null. */
  suppressed: 'workspace' | 'all' | null;
  /** Every message of the conversation, oldest first, this reply included. */
  thread: MessageRow[];
  /** The same, as the AI sees it: new text only. */
  transcript: TranscriptEntry[];
}

/** Loads what the pipeline needs to decide about one inbound message. */
export async function loadReplyContext(
  db: DbOrTx,
  messageId: string,
): Promise<ReplyContext | null> {
  const [row] = await db
    .select({
      message: messages,
      lead: leads,
      campaign: campaigns,
      workspace: workspaces,
      suppressed: suppressedSql([leads.email, messages.fromEmail], messages.workspaceId),
    })
    .from(messages)
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(eq(messages.id, messageId));
  if (!row) return null;
  const thread = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, row.message.workspaceId),
        eq(messages.threadKey, row.message.threadKey),
      ),
    )
    .orderBy(asc(messages.occurredAt), asc(messages.createdAt));
  const stored: TranscriptEntry[] = thread
    .filter((m) => m.occurredAt <= row.message.occurredAt)
    .map((m) => ({
      direction: m.direction,
      from: m.fromEmail,
      at: m.occurredAt.toISOString(),
      text: extractNewText(m.text),
    }));
  return { ...row, thread, transcript: [...priorFromPlatform(row.message, thread), ...stored] };
}

/**
 * Earlier messages the platform sent along with the reply (e.g. our campaign
 * email in Smartlead's sent_message), kept by ingest in `raw.priorMessages`;
 * those already stored as messages of the thread are not repeated.
 */
function priorFromPlatform(message: MessageRow, thread: MessageRow[]): TranscriptEntry[] {
  const raw = message.raw as {
    priorMessages?: {
      direction: 'inbound' | 'outbound';
      text: string;
      at?: string;
      rfcMessageId?: string;
    }[];
    mailbox?: string;
  } | null;
  const known = new Set(thread.map((m) => m.rfcMessageId).filter(Boolean));
  return (raw?.priorMessages ?? [])
    .filter((p) => !p.rfcMessageId || !known.has(p.rfcMessageId))
    .map((p) => ({
      direction: p.direction,
      from: p.direction === 'outbound' ? (raw?.mailbox ?? 'us') : message.fromEmail,
      at: p.at ?? message.occurredAt.toISOString(),
      text: extractNewText(p.text),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}
