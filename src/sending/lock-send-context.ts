import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  campaigns,
  drafts,
  leads,
  messages,
  reviewRequests,
  sendingConnections,
  systemChecks,
  workspaces,
} from '../db/schema.ts';
import { suppressedSql } from '../privacy/suppressions.ts';
import {
  SEND_LOCK_NAMESPACE,
  type ThreadChange,
  threadChangeOf,
  threadChangeSql,
} from './check-thread.ts';
import type { SendingConnectionRow } from './connection-credentials.ts';
import type { SendContext } from './load-send-context.ts';
import { SENDING_CHECK } from './sending-health.ts';

/** What resolveSender needs of a workspace's sending connection. */
export type ConnectionForSend = Pick<
  SendingConnectionRow,
  'id' | 'kind' | 'settings' | 'credentialsSealed'
>;

export interface LockedSendContext {
  /** Whether this attempt holds the draft's send lock (another attempt does otherwise). */
  locked: boolean;
  ctx: SendContext;
  /** The conversation moved on (check-thread.ts), as of this read. */
  threadChange: ThreadChange | null;
  /** The workspace's sending connections, for resolveSender. */
  connections: ConnectionForSend[];
  /** Whether sends are marked held (sending-health.ts): a successful send clears it. */
  sendingHeld: boolean;
}

/**
 * reply.send's first read, in ONE statement inside its lock transaction:
 * tries the draft's advisory lock (for the rest of the transaction) and loads
 * the draft with its inbound message, lead, campaign, workspace and review,
 * the thread check, the workspace's sending connections and the sending
 * health. The read's snapshot is taken before the lock: a draft read as
 * `sending` must be read again (loadSendContext) before it is judged
 * interrupted; every other status is re-checked by the claim.
 */
export async function lockAndLoadSendContext(
  tx: DbOrTx,
  draftId: string,
): Promise<LockedSendContext | null> {
  const thread = threadChangeSql({
    workspaceId: messages.workspaceId,
    threadKey: messages.threadKey,
    inboundId: messages.id,
    occurredAt: messages.occurredAt,
    draftId: drafts.id,
  });
  const rows = await tx
    .select({
      locked: sql<boolean>`pg_try_advisory_xact_lock(${SEND_LOCK_NAMESPACE}, hashtext(${draftId}))`,
      draft: drafts,
      inbound: messages,
      lead: leads,
      campaign: campaigns,
      workspace: workspaces,
      review: reviewRequests,
      suppressed: suppressedSql([leads.email], messages.workspaceId),
      newer: thread.newer,
      inFlight: thread.inFlight,
      connections: sql<ConnectionForSend[]>`(
        select coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind,
          'settings', c.settings, 'credentialsSealed', c.credentials_sealed)), '[]'::json)
        from ${sendingConnections} c where c.workspace_id = ${messages.workspaceId})`,
      sendingHeld: sql<boolean>`exists (select 1 from ${systemChecks} sc
        where sc.name = ${SENDING_CHECK} and sc.ok = false)`,
    })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .leftJoin(reviewRequests, eq(reviewRequests.draftId, drafts.id))
    .where(eq(drafts.id, draftId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { locked, newer, inFlight, connections, sendingHeld, ...ctx } = row;
  return {
    locked,
    ctx,
    threadChange: threadChangeOf(newer, inFlight),
    connections,
    sendingHeld,
  };
}
