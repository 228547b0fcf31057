import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, leads } from '../db/schema.ts';
import type { Conversation, ConversationMessage } from './select-target.ts';

/** A conversation as loaded, with who the lead is (for the log). */
export interface LoadedConversation extends Conversation {
  workspaceId: string;
  threadKey: string;
  leadOf: Map<string, { id: string; email: string; name: string | null }>;
}

interface MessageRow extends ConversationMessage {
  workspaceId: string;
  threadKey: string;
  leadId: string;
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

async function loadConversations(
  db: DbOrTx,
  threads: { workspace_id: string; thread_key: string }[],
): Promise<LoadedConversation[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select m.id, m.workspace_id, m.thread_key, m.lead_id, m.direction, m.occurred_at, m.created_at,
           m.campaign_id, m.from_email, m.from_name, m.subject, m.text, m.headers, m.platform_flags,
           m.content_purged_at is not null as content_purged
    from messages m
    join unnest(${sql.param(threads.map((t) => t.workspace_id))}::uuid[],
                ${sql.param(threads.map((t) => t.thread_key))}::text[]) as t(workspace_id, thread_key)
      on m.workspace_id = t.workspace_id and m.thread_key = t.thread_key`);
  const rows: MessageRow[] = result.rows.map((r) => ({
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    threadKey: r.thread_key as string,
    leadId: r.lead_id as string,
    direction: r.direction as 'inbound' | 'outbound',
    occurredAt: new Date(r.occurred_at as string),
    createdAt: new Date(r.created_at as string),
    campaignId: (r.campaign_id as string | null) ?? null,
    fromEmail: r.from_email as string,
    fromName: (r.from_name as string | null) ?? null,
    subject: (r.subject as string) ?? '',
    text: (r.text as string) ?? '',
    headers: (r.headers as Record<string, string>) ?? {},
    platformFlags: (r.platform_flags as Record<string, unknown>) ?? {},
    contentPurged: r.content_purged === true,
  }));
  const inboundIds = rows.filter((r) => r.direction === 'inbound').map((r) => r.id);
  const draftRows = inboundIds.length
    ? await db
        .select({ id: drafts.id, messageId: drafts.messageId, status: drafts.status })
        .from(drafts)
        .where(inArray(drafts.messageId, inboundIds))
    : [];
  const leadIds = [...new Set(rows.map((r) => r.leadId))];
  const leadRows = leadIds.length
    ? await db
        .select({
          id: leads.id,
          email: leads.email,
          firstName: leads.firstName,
          lastName: leads.lastName,
          optedOutAt: leads.optedOutAt,
          bouncedAt: leads.bouncedAt,
          bookedAt: leads.bookedAt,
        })
        .from(leads)
        .where(inArray(leads.id, leadIds))
    : [];
  const leadById = new Map(leadRows.map((l) => [l.id, l]));
  const byThread = Map.groupBy(rows, (r) => `${r.workspaceId}\u0000${r.threadKey}`);
  const draftsByMessage = Map.groupBy(draftRows, (d) => d.messageId);
  return threads.map((t) => {
    const messages = byThread.get(`${t.workspace_id}\u0000${t.thread_key}`) ?? [];
    const latest = messages
      .filter((m) => m.direction === 'inbound')
      .sort(
        (a, b) =>
          b.occurredAt.getTime() - a.occurredAt.getTime() ||
          b.createdAt.getTime() - a.createdAt.getTime(),
      )[0];
    const lead = latest ? leadById.get(latest.leadId) : undefined;
    const leadOf = new Map(
      messages.map((m) => {
        const l = leadById.get(m.leadId);
        const name = [l?.firstName, l?.lastName].filter(Boolean).join(' ') || null;
        return [m.id, { id: m.leadId, email: l?.email ?? m.fromEmail, name }];
      }),
    );
    return {
      workspaceId: t.workspace_id,
      threadKey: t.thread_key,
      messages,
      drafts: messages.flatMap((m) => draftsByMessage.get(m.id) ?? []),
      lead: {
        optedOutAt: lead?.optedOutAt ?? null,
        bouncedAt: lead?.bouncedAt ?? null,
        bookedAt: lead?.bookedAt ?? null,
      },
      leadOf,
    };
  });
}
