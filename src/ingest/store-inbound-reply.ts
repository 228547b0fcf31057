import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { campaigns, messages } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { pauseForInbound } from '../followups/pause-for-reply.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { hashAddress } from '../privacy/address-hash.ts';
import { storeSuppressedReply } from '../privacy/store-suppressed-reply.ts';
import type { SuppressionHit } from '../privacy/suppressions.ts';
import { cleanForPostgres } from './clean-for-postgres.ts';
import type { InboundReply, InboundSource } from './inbound-reply.ts';

export type StoreResult =
  | { status: 'created'; messageId: string; cleaned: string[] }
  | { status: 'duplicate'; messageId: string }
  /** From a suppressed address: filed as a tombstone without any content (privacy/). */
  | { status: 'suppressed'; messageId: string };

/** A mapped reply; `dedupeScope` may be left out by callers whose ids are unique per source. */
export type StorableReply = Omit<InboundReply, 'dedupeScope'> & { dedupeScope?: string };

/** Thrown inside the transaction when a concurrent delivery won the insert: rolls everything back. */
class LostInsertRace extends Error {}

/**
 * Stores one reply and queues its processing, all in ONE transaction: the
 * lead (created or its empty fields filled), the campaign (found, or created
 * as a MANUAL "discovered" campaign with configuredAt null, which the pipeline
 * skips as unknown_campaign until someone configures it), the inbound message,
 * an `ingest` decision event and the `inbound.process` job. A reply seen
 * before (same source, platform scope and provider message id) returns its
 * message and writes nothing. A reply from a suppressed address (`autosend
 * lead forget`) keeps no content: see privacy/store-suppressed-reply.ts.
 *
 * What PostgreSQL cannot store (NUL, lone surrogates) is replaced first and
 * the changed fields are recorded in the trail (`cleaned`), so such a reply
 * is stored instead of failing on every retry.
 */
export async function storeInboundReply(
  deps: { db: Db; queue: JobQueue },
  workspaceId: string,
  received: StorableReply,
): Promise<StoreResult> {
  const { value: cleanReply, changed, changedCount } = cleanForPostgres(received);
  const reply: InboundReply = { ...cleanReply, dedupeScope: cleanReply.dedupeScope ?? '' };
  const cleaned = changedCount > 0 ? { fields: changed, count: changedCount } : undefined;
  const existing = await findMessageId(deps.db, workspaceId, reply);
  if (existing) return { status: 'duplicate', messageId: existing };
  try {
    return await deps.db.transaction(async (tx): Promise<StoreResult> => {
      // One statement: the suppression lookup and the lead upsert (skipped when suppressed).
      const { lead, suppression } = await upsertUnlessSuppressed(tx, workspaceId, reply);
      if (suppression) {
        const id = await storeSuppressedReply(tx, workspaceId, reply, suppression);
        if (!id) throw new LostInsertRace();
        return { status: 'suppressed', messageId: id };
      }
      const campaign = reply.campaign
        ? await findOrCreateCampaign(tx, workspaceId, platformOf(reply.source), reply.campaign)
        : null;
      const [row] = await tx
        .insert(messages)
        .values({
          workspaceId,
          leadId: lead.id,
          campaignId: campaign?.id ?? null,
          direction: 'inbound',
          channel: reply.channel,
          source: reply.source,
          providerMessageId: reply.providerMessageId,
          dedupeScope: reply.dedupeScope,
          rfcMessageId: reply.rfcMessageId ?? null,
          inReplyTo: reply.inReplyTo ?? null,
          references: reply.references,
          threadKey:
            reply.threadKey ??
            reply.references[0] ??
            reply.inReplyTo ??
            reply.rfcMessageId ??
            `${reply.source}:${reply.providerMessageId}`,
          fromEmail: reply.from.email,
          fromName: reply.from.name ?? null,
          toEmails: reply.to,
          ccEmails: reply.cc,
          subject: reply.subject,
          headers: reply.headers,
          platformFlags: reply.platformFlags,
          text: reply.text,
          html: reply.html ?? null,
          occurredAt: reply.receivedAt,
          // What has no column: the ids a platform sender needs, the thread the
          // platform sent along, our mailbox, and the lead as the platform named it.
          raw: {
            mailbox: reply.mailbox ?? null,
            platformRefs: reply.platformRefs,
            priorMessages: reply.priorMessages,
            lead: reply.lead,
            campaign: reply.campaign,
            ...(cleaned ? { cleaned } : {}),
          },
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
      if (!row) throw new LostInsertRace();
      // The lead replied: their follow-ups pause with the message, never a moment later.
      const paused = await pauseForInbound(tx, {
        leadId: lead.id,
        messageId: row.id,
        at: reply.receivedAt,
      });
      await recordDecisionEvent(tx, {
        messageId: row.id,
        step: 'ingest',
        outcome: 'stored',
        detail: {
          source: reply.source,
          providerMessageId: reply.providerMessageId,
          leadId: lead.id,
          leadCreated: lead.created,
          campaignId: campaign?.id ?? null,
          campaign: campaign === null ? 'none' : campaign.created ? 'discovered' : 'known',
          fromIsLead: reply.from.email === reply.lead.email,
          // NUL / lone surrogates replaced so the reply could be stored at all.
          ...(cleaned ? { cleaned } : {}),
          ...(paused.length ? { followupsPaused: paused.length } : {}),
        },
      });
      await deps.queue.enqueue('inbound.process', { messageId: row.id }, { tx });
      return { status: 'created' as const, messageId: row.id, cleaned: changed };
    });
  } catch (error) {
    if (!(error instanceof LostInsertRace)) throw error;
    const winner = await findMessageId(deps.db, workspaceId, reply);
    if (!winner) throw error;
    return { status: 'duplicate', messageId: winner };
  }
}

/** eml and generic replies belong to `generic` campaigns (the platform enum has no `eml`). */
export function platformOf(
  source: InboundSource,
): 'generic' | 'smartlead' | 'instantly' | 'emailbison' {
  return source === 'eml' ? 'generic' : source;
}

/** The message stored for this reply before: same workspace, source, platform scope and id. */
async function findMessageId(
  db: DbOrTx,
  workspaceId: string,
  reply: Pick<InboundReply, 'source' | 'dedupeScope' | 'providerMessageId'>,
) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.source, reply.source),
        eq(messages.dedupeScope, reply.dedupeScope),
        eq(messages.providerMessageId, reply.providerMessageId),
      ),
    )
    .limit(1);
  return row?.id;
}

/**
 * Creates the lead (or fills its empty profile fields: what a person entered
 * is never overwritten by a webhook), unless the sender's or the lead's
 * address is suppressed (privacy/): then nothing is written and the
 * suppression is returned. One statement.
 */
async function upsertUnlessSuppressed(
  tx: DbOrTx,
  workspaceId: string,
  reply: InboundReply,
): Promise<
  | { lead: { id: string; created: boolean }; suppression: null }
  | { lead: null; suppression: SuppressionHit }
> {
  const l = reply.lead;
  const hashes = [...new Set([hashAddress(l.email), hashAddress(reply.from.email)])];
  const result = await tx.execute<{
    id: string | null;
    created: boolean | null;
    suppression_id: string | null;
    everywhere: boolean | null;
  }>(sql`
    with hit as (
      select id, workspace_id is null as everywhere from suppressions
      where address_hash = any(${`{${hashes.join(',')}}`}::text[])
        and (workspace_id is null or workspace_id = ${workspaceId})
      limit 1
    ), up as (
    insert into leads (workspace_id, email, first_name, last_name, company, time_zone, phone, linkedin_url)
    select ${workspaceId}, ${l.email}, ${l.firstName ?? null}, ${l.lastName ?? null},
            ${l.company ?? null}, ${l.timeZone ?? null}, ${l.phone ?? null}, ${l.linkedinUrl ?? null}
    where not exists (select 1 from hit)
    on conflict (workspace_id, lower(email)) do update set
      first_name = coalesce(leads.first_name, excluded.first_name),
      last_name = coalesce(leads.last_name, excluded.last_name),
      company = coalesce(leads.company, excluded.company),
      time_zone = coalesce(leads.time_zone, excluded.time_zone),
      phone = coalesce(leads.phone, excluded.phone),
      linkedin_url = coalesce(leads.linkedin_url, excluded.linkedin_url),
      updated_at = case
        when (leads.first_name, leads.last_name, leads.company, leads.time_zone, leads.phone, leads.linkedin_url)
          is not distinct from
          (coalesce(leads.first_name, excluded.first_name), coalesce(leads.last_name, excluded.last_name),
           coalesce(leads.company, excluded.company), coalesce(leads.time_zone, excluded.time_zone),
           coalesce(leads.phone, excluded.phone), coalesce(leads.linkedin_url, excluded.linkedin_url))
        then leads.updated_at else now() end
    returning id, (xmax = 0) as created
    )
    select up.id, up.created, hit.id as suppression_id, hit.everywhere
    from (select 1) as one left join up on true left join hit on true`);
  const row = result.rows[0]!;
  if (row.suppression_id) {
    return {
      lead: null,
      suppression: { id: row.suppression_id, scope: row.everywhere ? 'all' : 'workspace' },
    };
  }
  return { lead: { id: row.id!, created: row.created === true }, suppression: null };
}

async function findOrCreateCampaign(
  tx: DbOrTx,
  workspaceId: string,
  platform: ReturnType<typeof platformOf>,
  campaign: NonNullable<InboundReply['campaign']>,
) {
  const [created] = await tx
    .insert(campaigns)
    .values({
      workspaceId,
      platform,
      externalId: campaign.externalId,
      name: campaign.name ?? campaign.externalId,
      responseMode: 'MANUAL',
      configuredAt: null,
    })
    .onConflictDoNothing({
      target: [campaigns.workspaceId, campaigns.platform, campaigns.externalId],
    })
    .returning({ id: campaigns.id });
  if (created) return { id: created.id, created: true };
  const [found] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.workspaceId, workspaceId),
        eq(campaigns.platform, platform),
        eq(campaigns.externalId, campaign.externalId),
      ),
    )
    .limit(1);
  return { id: found!.id, created: false };
}
