import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TranscriptEntry } from '../ai/provider.ts';
import { houseStyleStampSql } from '../calibration/load-house-style.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  campaigns,
  decisionEvents,
  drafts,
  followupInstances,
  leads,
  messages,
  workspaces,
} from '../db/schema.ts';
import { extractNewText } from '../gates/extract-new-text.ts';
import { suppressedSql } from '../privacy/suppressions.ts';
import type { ResumePoint } from './load-resume-point.ts';

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
  /** True once the reply has its decision (sent, held or skipped): a retried job does nothing. */
  decided: boolean;
  /** What an earlier attempt obtained before the AI failed (load-resume-point.ts); {} at first. */
  resume: ResumePoint;
  /** Which edit examples the campaign has now (houseStyleStampSql), for the house-style cache. */
  houseStyleStamp: string;
  /**
   * Whether the lead has running or paused follow-ups, or a sent reply of
   * ours: without either, a classified reply has nothing to pause and answers
   * no send, and the pipeline skips that transaction.
   */
  leadHasFollowups: boolean;
  leadHasSentReplies: boolean;
}

const thread = alias(messages, 'thread');

/**
 * Loads what the pipeline needs to decide about one inbound message, in one
 * statement: one row per message of its conversation, each carrying the
 * reply, its lead, campaign and workspace, whether it is decided already,
 * the latest resume point, the campaign's house-style stamp, and whether the
 * lead has follow-ups or sent replies.
 */
export async function loadReplyContext(
  db: DbOrTx,
  messageId: string,
): Promise<ReplyContext | null> {
  let query = prepared.get(db);
  if (!query) {
    query = prepareContextQuery(db);
    prepared.set(db, query);
  }
  return fromRows(await query.execute({ messageId }));
}

/**
 * Built once per database handle, not once per reply: drizzle's building of
 * this wide select was a large share of a worker's CPU per reply, and the
 * named statement is parsed and planned once per connection.
 */
const prepared = new WeakMap<DbOrTx, ReturnType<typeof prepareContextQuery>>();

function prepareContextQuery(db: DbOrTx) {
  return db
    .select({
      message: messages,
      lead: leads,
      campaign: campaigns,
      workspace: workspaces,
      suppressed: suppressedSql([leads.email, messages.fromEmail], messages.workspaceId),
      thread,
      decided: sql<boolean>`exists (select 1 from ${decisionEvents}
        where ${decisionEvents.messageId} = ${messages.id}
          and (${decisionEvents.step} = 'decide' or ${decisionEvents.outcome} = 'skipped'))`,
      resume: sql<{
        resume?: ResumePoint;
      } | null>`(select ${decisionEvents.detail} from ${decisionEvents}
        where ${decisionEvents.messageId} = ${messages.id}
          and ${decisionEvents.outcome} = 'failed' and ${decisionEvents.detail} ? 'resume'
        order by ${decisionEvents.id} desc limit 1)`,
      houseStyleStamp: houseStyleStampSql(messages.campaignId),
      leadHasFollowups: sql<boolean>`exists (select 1 from ${followupInstances}
        where ${followupInstances.leadId} = ${messages.leadId}
          and ${followupInstances.status} in ('active', 'paused'))`,
      leadHasSentReplies: sql<boolean>`exists (select 1 from ${messages} lm
        join ${drafts} ld on ld.message_id = lm.id
        where lm.lead_id = ${messages.leadId} and ld.status = 'sent')`,
    })
    .from(messages)
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .innerJoin(
      thread,
      and(eq(thread.workspaceId, messages.workspaceId), eq(thread.threadKey, messages.threadKey)),
    )
    .where(eq(messages.id, sql.placeholder('messageId')))
    .orderBy(asc(thread.occurredAt), asc(thread.createdAt))
    .prepare('autosend_reply_context');
}

type ContextRow = Awaited<ReturnType<ReturnType<typeof prepareContextQuery>['execute']>>[number];

function fromRows(rows: ContextRow[]): ReplyContext | null {
  const first = rows[0];
  if (!first) return null;
  const row = {
    message: first.message,
    lead: first.lead,
    campaign: first.campaign,
    workspace: first.workspace,
  };
  const conversation = rows.map((r) => r.thread);
  const stored: TranscriptEntry[] = conversation
    .filter((m) => m.occurredAt <= row.message.occurredAt)
    .map((m) => ({
      direction: m.direction,
      from: m.fromEmail,
      at: m.occurredAt.toISOString(),
      text: extractNewText(m.text),
    }));
  return {
    ...row,
    thread: conversation,
    transcript: [...priorFromPlatform(row.message, conversation), ...stored],
    decided: first.decided,
    resume: (first.resume?.resume ?? {}) as ResumePoint,
    houseStyleStamp: first.houseStyleStamp,
    leadHasFollowups: first.leadHasFollowups,
    leadHasSentReplies: first.leadHasSentReplies,
    suppressed: first.suppressed,
  };
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
