import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Conversation, ConversationMessage } from './select-target.ts';

/** A conversation as loaded, with who the lead is (for the log). */
export interface LoadedConversation extends Conversation {
  workspaceId: string;
  threadKey: string;
  leadOf: Map<string, { id: string; email: string; name: string | null }>;
}

/**
 * Streams the conversations that hold a reply in one of `campaignIds`, a page
 * at a time in (workspace, thread) order, so memory stays flat however many
 * replies exist. Each conversation comes with all its messages, the drafts
 * of its replies and the current flags of the lead of its latest reply.
 */
export async function* streamConversations(
  db: DbOrTx,
  campaignIds: string[],
  pageSize = 500,
): AsyncGenerator<LoadedConversation[]> {
  if (campaignIds.length === 0) return;
  let cursor: { workspaceId: string; threadKey: string } | null = null;
  for (;;) {
    const after: SQL = cursor
      ? sql`and (m.workspace_id, m.thread_key) > (${cursor.workspaceId}::uuid, ${cursor.threadKey})`
      : sql``;
    const page: { rows: { workspace_id: string; thread_key: string }[] } = await db.execute<{
      workspace_id: string;
      thread_key: string;
    }>(sql`
      select distinct m.workspace_id, m.thread_key from messages m
      where m.direction = 'inbound'
        and m.campaign_id = any(${sql.param(campaignIds)}::uuid[])
        ${after}
      order by m.workspace_id, m.thread_key
      limit ${pageSize}`);
    const threads: { workspace_id: string; thread_key: string }[] = page.rows;
    if (threads.length === 0) return;
    yield await loadConversations(db, threads);
    const last: { workspace_id: string; thread_key: string } = threads[threads.length - 1]!;
    cursor = { workspaceId: last.workspace_id, threadKey: last.thread_key };
    if (threads.length < pageSize) return;
  }
}

/**
 * Loads the given threads in one round trip: every message's ordering fields,
 * the content (sender, subject, text, headers, flags) of each thread's latest
 * reply only, since the gates read nothing else, the drafts of each reply and
 * the lead of each message. Keeping the rows lean keeps a page's garbage small,
 * so memory stays flat across a hundred thousand conversations.
 */
async function loadConversations(
  db: DbOrTx,
  threads: { workspace_id: string; thread_key: string }[],
): Promise<LoadedConversation[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select m.id, m.workspace_id, m.thread_key, m.lead_id, m.direction, m.occurred_at, m.created_at,
           m.campaign_id, m.from_email, m.content_purged_at is not null as content_purged,
           case when m.latest then m.from_name end as from_name,
           case when m.latest then m.subject end as subject,
           case when m.latest then m.text end as text,
           case when m.latest then m.headers end as headers,
           case when m.latest then m.platform_flags end as platform_flags,
           l.email as lead_email, l.first_name, l.last_name,
           l.opted_out_at, l.bounced_at, l.booked_at,
           case when m.direction = 'inbound' then
             (select json_agg(json_build_array(d.id, d.status)) from drafts d where d.message_id = m.id)
           end as drafts
    from (
      select m.*, m.direction = 'inbound' and row_number() over (
               partition by m.workspace_id, m.thread_key, m.direction
               order by m.occurred_at desc, m.created_at desc, m.id desc) = 1 as latest
      from messages m
      join unnest(${sql.param(threads.map((t) => t.workspace_id))}::uuid[],
                  ${sql.param(threads.map((t) => t.thread_key))}::text[]) as t(workspace_id, thread_key)
        on m.workspace_id = t.workspace_id and m.thread_key = t.thread_key
    ) m
    left join leads l on l.id = m.lead_id
    order by m.workspace_id, m.thread_key, m.occurred_at, m.created_at, m.id`);
  const byThread = new Map<string, LoadedConversation>();
  for (const r of result.rows) {
    const key = `${r.workspace_id}\u0000${r.thread_key}`;
    let conversation = byThread.get(key);
    if (!conversation) {
      conversation = {
        workspaceId: r.workspace_id as string,
        threadKey: r.thread_key as string,
        messages: [],
        drafts: [],
        lead: { optedOutAt: null, bouncedAt: null, bookedAt: null },
        leadOf: new Map(),
      };
      byThread.set(key, conversation);
    }
    const message: ConversationMessage = {
      id: r.id as string,
      direction: r.direction as 'inbound' | 'outbound',
      occurredAt: new Date(r.occurred_at as string),
      createdAt: new Date(r.created_at as string),
      campaignId: (r.campaign_id as string | null) ?? null,
      fromEmail: r.from_email as string,
      fromName: (r.from_name as string | null) ?? null,
      subject: (r.subject as string | null) ?? '',
      text: (r.text as string | null) ?? '',
      headers: (r.headers as Record<string, string> | null) ?? {},
      platformFlags: (r.platform_flags as Record<string, unknown> | null) ?? {},
      contentPurged: r.content_purged === true,
    };
    conversation.messages.push(message);
    for (const [id, status] of (r.drafts as [string, string][] | null) ?? []) {
      conversation.drafts.push({ id, messageId: message.id, status });
    }
    const name = [r.first_name, r.last_name].filter(Boolean).join(' ') || null;
    conversation.leadOf.set(message.id, {
      id: r.lead_id as string,
      email: (r.lead_email as string | null) ?? message.fromEmail,
      name,
    });
    // Rows come oldest first: the last reply seen is the latest, whose lead's flags the gates read.
    if (message.direction === 'inbound') {
      conversation.lead = {
        optedOutAt: toDate(r.opted_out_at),
        bouncedAt: toDate(r.bounced_at),
        bookedAt: toDate(r.booked_at),
      };
    }
  }
  return threads.flatMap((t) => byThread.get(`${t.workspace_id}\u0000${t.thread_key}`) ?? []);
}

function toDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}
