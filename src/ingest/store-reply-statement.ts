import { type SQL, sql } from 'drizzle-orm';
import type { InboundReply, InboundSource } from './inbound-reply.ts';

/*
 * The one statement that stores an inbound reply (store-inbound-reply.ts
 * runs it in its transaction, then enqueues the job). Data-modifying CTEs
 * share one snapshot and run in one round trip:
 *
 *   echo / existing   our own answer coming back? stored before?
 *   secret            (webhooks) the secret that verified is still in force
 *   hit               the lead's or sender's address is suppressed (privacy/)
 *   go                one row when none of the above stops the store
 *   lead              upsert, filling only empty profile fields
 *   campaign          found, else created as a MANUAL "discovered" campaign
 *   message           the inbound row (on conflict: a concurrent twin won)
 *   running           the lead's running follow-ups (the caller pauses them)
 *   event             the `ingest` decision event, when nothing is to pause
 *
 * The caller reads one row of what happened and decides what is left.
 */

/** The stored form of the secret a webhook verified with, checked against the row in the statement. */
export interface SignedWith {
  webhookKey: string;
  /** As stored (sealed or clear): a rotation or a re-seal stores a new form. */
  storedSecret: string;
  previous: boolean;
  /** The clock the signature was checked with: the previous secret must still be in its grace period. */
  at: Date;
}

export type StoreReplyRow = {
  echo_id: string | null;
  existing_id: string | null;
  secret_ok: boolean;
  message_id: string | null;
  lead_id: string | null;
  lead_created: boolean | null;
  campaign_id: string | null;
  campaign_created: boolean | null;
  running_followups: number;
  suppression_id: string | null;
  suppression_everywhere: boolean | null;
};

/** eml and generic replies belong to `generic` campaigns (the platform enum has no `eml`). */
export function platformOf(
  source: InboundSource,
): 'generic' | 'smartlead' | 'instantly' | 'emailbison' {
  return source === 'eml' ? 'generic' : source;
}

/** The thread a stored reply belongs to when the mapper named none. */
function threadKeyOf(reply: InboundReply): string {
  return (
    reply.threadKey ??
    reply.references[0] ??
    reply.inReplyTo ??
    reply.rfcMessageId ??
    `${reply.source}:${reply.providerMessageId}`
  );
}

/**
 * Builds the statement for one (already cleaned) reply. `detail` is the
 * decision event's detail without what the statement learns (lead,
 * campaign); `raw` is the message's `raw` column.
 */
export function storeReplyStatement(input: {
  workspaceId: string;
  reply: InboundReply;
  raw: Record<string, unknown>;
  detail: Record<string, unknown>;
  checkOwnEcho: boolean;
  signedWith?: SignedWith | undefined;
  /** Hashes of the lead's and the sender's address (privacy/address-hash.ts). */
  addressHashes: string[];
}): SQL {
  const { workspaceId: ws, reply, signedWith } = input;
  const l = reply.lead;
  const campaignId = reply.campaign?.externalId ?? null;
  const campaignName = reply.campaign ? (reply.campaign.name ?? reply.campaign.externalId) : null;
  const text = (value: string | null | undefined) => value ?? null;
  const array = (values: string[]) => sql.param(values);
  const json = (value: unknown) => JSON.stringify(value);
  const secretCheck = signedWith
    ? sql`select exists (select 1 from workspaces w
          where w.id = ${ws} and w.webhook_key = ${signedWith.webhookKey}
            and ${
              signedWith.previous
                ? sql`w.webhook_secret_previous = ${signedWith.storedSecret}
                      and w.webhook_secret_previous_until > ${signedWith.at}::timestamptz`
                : sql`w.webhook_secret = ${signedWith.storedSecret}`
            }) as ok`
    : sql`select true as ok`;
  return sql`
    with
    echo as (
      select id from messages
      where ${input.checkOwnEcho} and workspace_id = ${ws} and direction = 'outbound'
        and (
          (${text(reply.rfcMessageId)}::text is not null and rfc_message_id = ${text(reply.rfcMessageId)})
          or raw->'platformIds'->>'emailId' = ${reply.providerMessageId}
          or raw->'platformIds'->>'replyId' = ${reply.providerMessageId}
        )
      limit 1),
    existing as (
      select id from messages
      where workspace_id = ${ws} and source = ${reply.source}
        and dedupe_scope = ${reply.dedupeScope} and provider_message_id = ${reply.providerMessageId}
      limit 1),
    secret as (${secretCheck}),
    hit as (
      select id, workspace_id is null as everywhere from suppressions
      where address_hash = any(${sql.param(input.addressHashes)}::text[])
        and (workspace_id is null or workspace_id = ${ws})
      limit 1),
    go as (
      select 1 as one where (select ok from secret)
        and not exists (select 1 from echo) and not exists (select 1 from existing)
        and not exists (select 1 from hit)),
    lead as (
      insert into leads (workspace_id, email, first_name, last_name, company, time_zone, phone, linkedin_url)
      select ${ws}, ${l.email}, ${text(l.firstName)}, ${text(l.lastName)}, ${text(l.company)},
             ${text(l.timeZone)}, ${text(l.phone)}, ${text(l.linkedinUrl)}
      from go
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
      returning id, (xmax = 0) as created),
    found_campaign as (
      select c.id from campaigns c, go
      where c.workspace_id = ${ws} and c.platform = ${platformOf(reply.source)}::platform
        and c.external_id = ${campaignId}),
    new_campaign as (
      insert into campaigns (workspace_id, platform, external_id, name, response_mode, configured_at)
      select ${ws}, ${platformOf(reply.source)}::platform, ${campaignId}, ${campaignName},
             'MANUAL'::response_mode, null
      from go
      where ${campaignId}::text is not null and not exists (select 1 from found_campaign)
      on conflict (workspace_id, platform, external_id) do nothing
      returning id),
    campaign as (
      select id, false as created from found_campaign
      union all select id, true as created from new_campaign),
    message as (
      insert into messages (workspace_id, lead_id, campaign_id, direction, channel, source,
        provider_message_id, dedupe_scope, rfc_message_id, in_reply_to, "references", thread_key,
        from_email, from_name, to_emails, cc_emails, subject, headers, platform_flags, text, html,
        occurred_at, raw)
      select ${ws}, lead.id, (select id from campaign), 'inbound'::message_direction,
        ${reply.channel}::message_channel, ${reply.source}, ${reply.providerMessageId},
        ${reply.dedupeScope}, ${text(reply.rfcMessageId)}, ${text(reply.inReplyTo)},
        ${array(reply.references)}::text[], ${threadKeyOf(reply)}, ${reply.from.email},
        ${text(reply.from.name)}, ${array(reply.to)}::text[], ${array(reply.cc)}::text[],
        ${reply.subject}, ${json(reply.headers)}::jsonb, ${json(reply.platformFlags)}::jsonb,
        ${reply.text}, ${text(reply.html)}, ${reply.receivedAt}::timestamptz, ${json(input.raw)}::jsonb
      from lead
      -- A campaign another delivery is creating right now is not in this snapshot: store nothing, the caller retries.
      where ${campaignId}::text is null or exists (select 1 from campaign)
      on conflict (workspace_id, source, dedupe_scope, provider_message_id) do nothing
      returning id),
    running as (
      select count(*)::int as n from followup_instances
      where lead_id = (select id from lead) and status in ('active', 'paused')),
    event as (
      insert into decision_events (message_id, step, outcome, detail)
      select message.id, 'ingest', 'stored',
        ${json(input.detail)}::jsonb || jsonb_build_object(
          'leadId', lead.id,
          'leadCreated', lead.created,
          'campaignId', (select id from campaign),
          'campaign', case when ${campaignId}::text is null then 'none'
            when (select created from campaign) then 'discovered' else 'known' end)
      from message, lead
      where (select n from running) = 0)
    select
      (select id from echo) as echo_id,
      (select id from existing) as existing_id,
      (select ok from secret) as secret_ok,
      (select id from message) as message_id,
      (select id from lead) as lead_id,
      (select created from lead) as lead_created,
      (select id from campaign) as campaign_id,
      (select created from campaign) as campaign_created,
      (select n from running) as running_followups,
      (select id from hit) as suppression_id,
      (select everywhere from hit) as suppression_everywhere`;
}
