import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { escapeForRegex, hashAddress, normaliseAddress } from './address-hash.ts';
import { type FileScrubReport, scrubFiles } from './scrub-files.ts';
import { SUPPRESSED_PLACEHOLDER_EMAIL } from './store-suppressed-reply.ts';
import { addSuppression } from './suppressions.ts';

export const forgetLeadSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('must be an email address'))
    .refine((v) => v !== SUPPRESSED_PLACEHOLDER_EMAIL, 'is the placeholder of suppressed replies'),
  /** Without it nothing changes: the answer says what would be removed. */
  confirm: z.boolean().default(false),
});

/** Rows per table that hold the person's data: deleted, or (audit, other messages) scrubbed. */
export interface ForgetCounts {
  leads: number;
  messages: number;
  drafts: number;
  decisionEvents: number;
  slotOffers: number;
  reviewRequests: number;
  reviewNotifications: number;
  notificationDeliveries: number;
  followupInstances: number;
  followupTransitions: number;
  sendLedger: number;
  backfillItems: number;
  reviewOutcomes: number;
  postSendOutcomes: number;
  editExamples: number;
  /** Audit rows about the lead, or naming the address: values redacted, rows kept. */
  auditRowsRedacted: number;
  /** Other people's messages that had the address in To or Cc: the address is taken out. */
  otherMessagesScrubbed: number;
}

export interface ForgetReport {
  dryRun: boolean;
  /** What the suppression and audit store instead of the address. */
  addressHash: string;
  /** `workspace`: this workspace only; `all`: every workspace (CLI without --workspace). */
  scope: 'workspace' | 'all';
  workspaceId: string | null;
  /** Workspaces the address was a lead in. */
  workspaces: string[];
  counts: ForgetCounts;
  suppression: { created: boolean } | null;
  files: FileScrubReport;
  /** Review messages posted to Slack for this lead: Autosend cannot edit them; delete them there. */
  slackMessages: { channel: string; ts: string }[];
}

/** The person's rows, as SQL sets over the address and the scope. */
function scopeSql(address: string, workspaceId: string | null) {
  return sql`
    l as (select id, workspace_id from leads
          where lower(email) = ${address} and (${workspaceId}::uuid is null or workspace_id = ${workspaceId}::uuid)),
    m as (select id from messages where lead_id in (select id from l)),
    d as (select id from drafts where message_id in (select id from m)),
    i as (select id from followup_instances where lead_id in (select id from l)),
    r as (select id from review_requests
          where draft_id in (select id from d) or followup_instance_id in (select id from i))`;
}

/** Audit rows about the lead or naming the address (in scope). */
function auditMatch(address: string, workspaceId: string | null) {
  const re = escapeForRegex(address);
  return sql`(${workspaceId}::uuid is null or workspace_id = ${workspaceId}::uuid)
    and ((entity_type = 'lead' and entity_id in (select id::text from l))
         or coalesce(before::text, '') ~* ${re} or coalesce(after::text, '') ~* ${re})`;
}

/** Other people's messages with the address in To or Cc (in scope). */
function mentionMatch(address: string, workspaceId: string | null) {
  return sql`(${workspaceId}::uuid is null or workspace_id = ${workspaceId}::uuid)
    and lead_id not in (select id from l)
    and (exists (select 1 from unnest(to_emails) e where lower(e) = ${address})
         or exists (select 1 from unnest(cc_emails) e where lower(e) = ${address}))`;
}

async function countRows(
  tx: DbOrTx,
  address: string,
  workspaceId: string | null,
): Promise<ForgetCounts> {
  const result = await tx.execute<Record<keyof ForgetCounts, number>>(sql`
    with ${scopeSql(address, workspaceId)}
    select
      (select count(*)::int from l) as "leads",
      (select count(*)::int from m) as "messages",
      (select count(*)::int from d) as "drafts",
      (select count(*)::int from decision_events where message_id in (select id from m)) as "decisionEvents",
      (select count(*)::int from slot_offers where lead_id in (select id from l)) as "slotOffers",
      (select count(*)::int from r) as "reviewRequests",
      (select count(*)::int from review_notifications where review_request_id in (select id from r)) as "reviewNotifications",
      (select count(*)::int from notification_deliveries where review_request_id in (select id from r)) as "notificationDeliveries",
      (select count(*)::int from i) as "followupInstances",
      (select count(*)::int from followup_transitions where instance_id in (select id from i)) as "followupTransitions",
      (select count(*)::int from send_ledger
        where draft_id in (select id from d) or followup_instance_id in (select id from i)) as "sendLedger",
      (select count(*)::int from backfill_items where message_id in (select id from m)) as "backfillItems",
      (select count(*)::int from review_outcomes where draft_id in (select id from d)) as "reviewOutcomes",
      (select count(*)::int from post_send_outcomes
        where draft_id in (select id from d) or reply_message_id in (select id from m)) as "postSendOutcomes",
      (select count(*)::int from edit_examples where draft_id in (select id from d)) as "editExamples",
      (select count(*)::int from audit_log where ${auditMatch(address, workspaceId)}) as "auditRowsRedacted",
      (select count(*)::int from messages where ${mentionMatch(address, workspaceId)}) as "otherMessagesScrubbed"`);
  return result.rows[0]!;
}

/** What the files step needs, read before the rows go: message ids and Slack posts. */
async function loadTraces(tx: DbOrTx, address: string, workspaceId: string | null) {
  const ids = await tx.execute<{ id: string; rfc: string | null }>(sql`
    with ${scopeSql(address, workspaceId)}
    select id, rfc_message_id as rfc from messages where id in (select id from m)`);
  const slack = await tx.execute<{ channel: string; ts: string }>(sql`
    with ${scopeSql(address, workspaceId)}
    select provider_channel as channel, provider_ts as ts from review_notifications
      where review_request_id in (select id from r) and provider_ts is not null
    union
    select provider_channel, provider_ts from notification_deliveries
      where review_request_id in (select id from r) and provider_ts is not null`);
  const workspaces = await tx.execute<{ workspace_id: string }>(sql`
    with ${scopeSql(address, workspaceId)} select distinct workspace_id from l`);
  return {
    messageIds: ids.rows.flatMap((r) => [r.id, ...(r.rfc ? [r.rfc] : [])]),
    slackMessages: slack.rows.filter((r) => r.channel),
    workspaces: workspaces.rows.map((r) => r.workspace_id),
  };
}

/** Deletes the leads (everything else follows by foreign key) and scrubs what refers to them. */
async function removeRows(tx: DbOrTx, address: string, workspaceId: string | null) {
  const re = escapeForRegex(address);
  await tx.execute(sql`
    with ${scopeSql(address, workspaceId)}
    update audit_log set
      before = case when entity_type = 'lead' and entity_id in (select id::text from l)
                    then case when before is null then null else '{"redacted":"lead forgotten"}'::jsonb end
                    else regexp_replace(before::text, ${re}, '[forgotten]', 'gi')::jsonb end,
      after = case when entity_type = 'lead' and entity_id in (select id::text from l)
                   then case when after is null then null else '{"redacted":"lead forgotten"}'::jsonb end
                   else regexp_replace(after::text, ${re}, '[forgotten]', 'gi')::jsonb end
    where ${auditMatch(address, workspaceId)}`);
  await tx.execute(sql`
    with ${scopeSql(address, workspaceId)}
    update messages set
      to_emails = array(select e from unnest(to_emails) e where lower(e) <> ${address}),
      cc_emails = array(select e from unnest(cc_emails) e where lower(e) <> ${address})
    where ${mentionMatch(address, workspaceId)}`);
  await tx.execute(sql`
    with ${scopeSql(address, workspaceId)}
    delete from post_send_outcomes
      where draft_id in (select id from d) or reply_message_id in (select id from m)`);
  // Explicitly first: the reply's ON DELETE SET NULL would break a positive outcome's check.
  await tx.execute(sql`
    with ${scopeSql(address, workspaceId)}
    delete from leads where id in (select id from l)`);
}

/**
 * `autosend lead forget` and its API route: erases a person's data in one
 * workspace (or, with none given, in every workspace). Without `confirm` it
 * only counts. With it, in ONE transaction: deletes the lead rows (messages,
 * drafts, decision events, slot offers, reviews, follow-ups, ledger,
 * backfill items and calibration samples go with them by foreign key),
 * redacts audit rows about them, removes the address from other messages'
 * To/Cc, and writes an audit row with the counts. The suppression (hash
 * only) is committed just before, so no delivery is stored in between.
 * Then, outside it, outbox files and backfill log lines naming them are
 * removed; what could not be is reported, never silently left.
 */
export async function forgetLead(
  deps: {
    db: Db;
    logger?: Logger;
    outboxDir: string;
    backfillLogDir: string;
  },
  ref: { actor: string; workspaceId: string | null },
  input: z.input<typeof forgetLeadSchema>,
): Promise<ForgetReport> {
  const { email, confirm } = parseInput(forgetLeadSchema, input);
  const address = normaliseAddress(email);
  const addressHash = hashAddress(address);
  const scope = ref.workspaceId ? 'workspace' : 'all';
  if (ref.workspaceId && !z.uuid().safeParse(ref.workspaceId).success) {
    throw new ValidationError('bad workspace id', { workspace: 'must be a workspace id (uuid)' });
  }
  if (ref.workspaceId) {
    const ws = await deps.db.execute(sql`select 1 from workspaces where id = ${ref.workspaceId}`);
    if (!ws.rows.length)
      throw new AutosendError('not_found', `workspace ${ref.workspaceId} not found`);
  }
  // The suppression commits first: from then on every new delivery is refused, so nothing
  // can slip in between the deletion and the suppression. Rerunning completes a failed forget.
  const suppression = confirm
    ? await deps.db.transaction((tx) =>
        addSuppression(tx, { workspaceId: ref.workspaceId, address, createdBy: ref.actor }),
      )
    : null;
  const planned = await deps.db.transaction(async (tx) => {
    // Lock the lead rows first: a webhook for them waits, then finds the suppression.
    await tx.execute(sql`select id from leads where lower(email) = ${address}
      and (${ref.workspaceId}::uuid is null or workspace_id = ${ref.workspaceId}::uuid) for update`);
    const counts = await countRows(tx, address, ref.workspaceId);
    const traces = await loadTraces(tx, address, ref.workspaceId);
    if (!confirm) return { counts, traces, suppression: null };
    await removeRows(tx, address, ref.workspaceId);
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor: ref.actor,
      action: 'lead.forget',
      entityType: 'suppression',
      entityId: addressHash,
      before: null,
      after: { addressHash, scope, workspaces: traces.workspaces, counts },
    });
    return { counts, traces, suppression: { created: suppression!.created } };
  });
  const files = await scrubFiles({
    db: deps.db,
    outboxDir: deps.outboxDir,
    backfillLogDir: deps.backfillLogDir,
    needles: [address, ...planned.traces.messageIds],
    apply: confirm,
  });
  if (confirm) {
    await recordAudit(deps.db, {
      workspaceId: ref.workspaceId,
      actor: ref.actor,
      action: 'lead.forget_files',
      entityType: 'suppression',
      entityId: addressHash,
      before: null,
      after: { addressHash, ...files, slackMessagesLeft: planned.traces.slackMessages.length },
    });
    deps.logger?.info(
      { addressHash, scope, workspaceId: ref.workspaceId, counts: planned.counts, files },
      'lead forgotten',
    );
  }
  return {
    dryRun: !confirm,
    addressHash,
    scope,
    workspaceId: ref.workspaceId,
    workspaces: planned.traces.workspaces,
    counts: planned.counts,
    suppression: planned.suppression,
    files,
    slackMessages: planned.traces.slackMessages,
  };
}
