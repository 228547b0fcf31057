import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  campaigns,
  followupInstances,
  followupSequences,
  leads,
  messages,
  workspaces,
} from '../db/schema.ts';
import { platformRefsOf } from '../sending/build-reply-mail.ts';
import type { InstanceRow } from './apply-followup-event.ts';
import type { Channel, LeadFacts, StepSpec } from './followup-types.ts';
import { stepsOf } from './manage-sequences.ts';

/** Everything the scheduler reads about one instance before deciding. */
export interface InstanceContext {
  instance: InstanceRow;
  sequence: typeof followupSequences.$inferSelect;
  steps: StepSpec[];
  lead: typeof leads.$inferSelect;
  campaign: typeof campaigns.$inferSelect | null;
  workspace: typeof workspaces.$inferSelect;
  /** The lead's latest message in the campaign (its thread is where an email follow-up goes). */
  lastMessage: typeof messages.$inferSelect | null;
  conversation: { lastInboundAt: Date | null; lastOutboundAt: Date | null };
  /**
   * The platform thread ids of the lead's latest message in the campaign that
   * carried any (Smartlead stats_id, Instantly email_id, EmailBison reply id):
   * a platform sender replies in that thread.
   */
  platformRefs: Record<string, string>;
  lastSentOnChannel: Partial<Record<Channel, Date>>;
}

/** The ledger key of one step of one instance: taken once, ever. */
export function followupLedgerKey(instanceId: string, step: number): string {
  return `followup:${instanceId}:${step}`;
}

export function leadFacts(lead: typeof leads.$inferSelect): LeadFacts {
  return {
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    phone: lead.phone,
    linkedinUrl: lead.linkedinUrl,
    timeZone: lead.timeZone,
    optedOutAt: lead.optedOutAt,
    bouncedAt: lead.bouncedAt,
    bookedAt: lead.bookedAt,
  };
}

/**
 * When a follow-up last went to the lead on each channel, from the send
 * ledger (attempts in flight count: two sequences never send the same day).
 */
export async function lastFollowupSends(
  db: DbOrTx,
  leadId: string,
): Promise<Partial<Record<Channel, Date>>> {
  const rows = await db.execute<{ channel: Channel; at: Date | string }>(sql`
    select s.channel, max(l.started_at) as at
    from send_ledger l
    join followup_instances i on i.id = l.followup_instance_id
    join followup_steps s on s.sequence_id = i.sequence_id and s.position = l.followup_step
    where i.lead_id = ${leadId} and l.status in ('sending', 'sent', 'unknown')
    group by s.channel`);
  const out: Partial<Record<Channel, Date>> = {};
  for (const r of rows.rows) out[r.channel] = new Date(r.at);
  return out;
}

/** Loads one instance with its sequence, steps, lead, campaign and conversation; null when gone. */
export async function loadInstanceContext(
  db: DbOrTx,
  instanceId: string,
): Promise<InstanceContext | null> {
  const [row] = await db
    .select({
      instance: followupInstances,
      sequence: followupSequences,
      lead: leads,
      workspace: workspaces,
    })
    .from(followupInstances)
    .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .innerJoin(leads, eq(leads.id, followupInstances.leadId))
    .innerJoin(workspaces, eq(workspaces.id, followupSequences.workspaceId))
    .where(eq(followupInstances.id, instanceId));
  if (!row) return null;
  const campaignId = row.sequence.campaignId;
  const [campaign] = campaignId
    ? await db.select().from(campaigns).where(eq(campaigns.id, campaignId))
    : [];
  const inCampaign = campaignId
    ? and(eq(messages.leadId, row.lead.id), eq(messages.campaignId, campaignId))
    : eq(messages.leadId, row.lead.id);
  const [lastMessage] = await db
    .select()
    .from(messages)
    .where(inCampaign)
    .orderBy(desc(messages.occurredAt), desc(messages.createdAt))
    .limit(1);
  const [withRefs] = await db
    .select({ raw: messages.raw })
    .from(messages)
    .where(and(inCampaign, sql`${messages.raw} -> 'platformRefs' is not null`))
    .orderBy(desc(messages.occurredAt), desc(messages.createdAt))
    .limit(1);
  const latest = await db
    .select({ direction: messages.direction, at: sql<string>`max(${messages.occurredAt})` })
    .from(messages)
    .where(and(inCampaign, inArray(messages.direction, ['inbound', 'outbound'])))
    .groupBy(messages.direction);
  const at = (d: 'inbound' | 'outbound') => {
    const v = latest.find((l) => l.direction === d)?.at;
    return v ? new Date(v) : null;
  };
  const steps = ((await stepsOf(db, [row.sequence.id])).get(row.sequence.id) ?? []).map((s) => ({
    position: s.position,
    delayAmount: s.delayAmount,
    delayUnit: s.delayUnit,
    channel: s.channel,
    subject: s.subject,
    body: s.body,
    needsApproval: s.needsApproval,
  }));
  return {
    ...row,
    steps,
    campaign: campaign ?? null,
    lastMessage: lastMessage ?? null,
    conversation: { lastInboundAt: at('inbound'), lastOutboundAt: at('outbound') },
    platformRefs: platformRefsOf(withRefs?.raw ?? null),
    lastSentOnChannel: await lastFollowupSends(db, row.lead.id),
  };
}
