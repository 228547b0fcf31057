import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cleanText } from './clean-for-postgres.ts';
import type { InboundReply } from './inbound-reply.ts';

/**
 * Whether a "reply" a platform delivered is in fact one of our own answers
 * coming back (a platform that reports manual or API sends as replies): its
 * Message-ID, or the platform id it carries, is one our sender stored on an
 * outbound message (send-ledger.ts `raw.platformIds`). Returns that
 * message's id, or undefined. The named echo events (EMAIL_SENT, email_sent,
 * MANUAL_EMAIL_SENT) never get here: they are ignored by type.
 */
export async function findOwnEcho(
  db: DbOrTx,
  workspaceId: string,
  reply: Pick<InboundReply, 'rfcMessageId' | 'providerMessageId'>,
): Promise<string | undefined> {
  // Compared as they would be stored: PostgreSQL refuses NUL and lone surrogates.
  const rfcMessageId = reply.rfcMessageId == null ? null : cleanText(reply.rfcMessageId);
  const providerMessageId = cleanText(reply.providerMessageId);
  const result = await db.execute<{ id: string }>(sql`
    select id from messages
    where workspace_id = ${workspaceId} and direction = 'outbound'
      and (
        (${rfcMessageId}::text is not null and rfc_message_id = ${rfcMessageId})
        or raw->'platformIds'->>'emailId' = ${providerMessageId}
        or raw->'platformIds'->>'replyId' = ${providerMessageId}
      )
    limit 1`);
  return result.rows[0]?.id;
}
