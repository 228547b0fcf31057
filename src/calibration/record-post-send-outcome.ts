import { sql } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { postSendOutcomes } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import type { Logger } from '../logger.ts';
import type { PostSendOutcome } from './assess-breaker.ts';
import { checkCampaignBreaker } from './campaign-breaker.ts';

/*
 * Post-send outcomes: what the lead did after an automatic send. An
 * automatic send is a sent draft that never had a review request.
 */

interface AnsweredSend {
  draftId: string;
  workspaceId: string;
  campaignId: string | null;
  inboundId: string;
  sentAt: Date;
}

/** The latest automatic send to this lead, within the window before the reply, without an outcome yet. */
async function findAnsweredSend(
  tx: DbOrTx,
  input: { leadId: string; replyAt: Date; windowHours: number },
): Promise<AnsweredSend | undefined> {
  const since = new Date(input.replyAt.getTime() - input.windowHours * 3600_000);
  const { rows } = await tx.execute<{
    draft_id: string;
    workspace_id: string;
    campaign_id: string | null;
    inbound_id: string;
    sent_at: Date | string;
  }>(sql`
    select d.id as draft_id, i.workspace_id, i.campaign_id, i.id as inbound_id, o.occurred_at as sent_at
    from drafts d
    join messages i on i.id = d.message_id
    join messages o on o.id = d.sent_message_id
    where i.lead_id = ${input.leadId}
      and d.status = 'sent'
      and o.occurred_at < ${input.replyAt.toISOString()}
      and o.occurred_at >= ${since.toISOString()}
      and not exists (select 1 from review_requests r where r.draft_id = d.id)
      and not exists (select 1 from post_send_outcomes p where p.draft_id = d.id)
    order by o.occurred_at desc
    limit 1`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    draftId: row.draft_id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    inboundId: row.inbound_id,
    sentAt: new Date(row.sent_at),
  };
}

/**
 * Records the outcome of the automatic send this reply answers, if any, in
 * the caller's transaction, and notes it on the send's own trail. Returns the
 * campaign whose breaker should be re-assessed.
 */
export async function recordPostSendReply(
  tx: DbOrTx,
  input: {
    leadId: string;
    reply: { id: string; occurredAt: Date };
    outcome: { outcome: PostSendOutcome; evidence: string };
    category?: string;
    windowHours: number;
  },
): Promise<{ campaignId: string | null; outcome: PostSendOutcome } | undefined> {
  const send = await findAnsweredSend(tx, {
    leadId: input.leadId,
    replyAt: input.reply.occurredAt,
    windowHours: input.windowHours,
  });
  if (!send) return undefined;
  const inserted = await tx
    .insert(postSendOutcomes)
    .values({
      workspaceId: send.workspaceId,
      campaignId: send.campaignId,
      draftId: send.draftId,
      sentAt: send.sentAt,
      outcome: input.outcome.outcome,
      replyMessageId: input.reply.id,
      category: input.category ?? null,
      evidence: input.outcome.evidence,
    })
    .onConflictDoNothing({ target: postSendOutcomes.draftId })
    .returning({ id: postSendOutcomes.id });
  if (!inserted.length) return undefined;
  await recordDecisionEvent(tx, {
    messageId: send.inboundId,
    draftId: send.draftId,
    step: 'post_send',
    outcome: input.outcome.outcome,
    detail: { reply: input.reply.id, evidence: input.outcome.evidence },
  });
  return { campaignId: send.campaignId, outcome: input.outcome.outcome };
}

/**
 * outcomes.tick: automatic sends whose window ended without a reply get
 * `no_reply`, in batches; then each touched campaign's breaker is re-assessed.
 */
export async function recordNoReplyOutcomes(
  deps: { db: Db; config: Config; logger: Logger },
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - deps.config.trust.postSendWindowHours * 3600_000);
  const { rows } = await deps.db.execute<{ campaign_id: string | null }>(sql`
    insert into post_send_outcomes (workspace_id, campaign_id, draft_id, sent_at, outcome, evidence)
    select i.workspace_id, i.campaign_id, d.id, o.occurred_at, 'no_reply',
           ${`no reply within ${deps.config.trust.postSendWindowHours} h`}
    from drafts d
    join messages i on i.id = d.message_id
    join messages o on o.id = d.sent_message_id
    where d.status = 'sent'
      and o.occurred_at < ${cutoff.toISOString()}
      and not exists (select 1 from review_requests r where r.draft_id = d.id)
      and not exists (select 1 from post_send_outcomes p where p.draft_id = d.id)
    order by o.occurred_at
    limit 1000
    on conflict (draft_id) do nothing
    returning campaign_id`);
  const campaigns = new Set(rows.map((r) => r.campaign_id).filter((c): c is string => !!c));
  for (const campaignId of campaigns) await checkCampaignBreaker(deps, campaignId);
  if (rows.length)
    deps.logger.info({ recorded: rows.length }, 'no_reply post-send outcomes recorded');
  return rows.length;
}
