import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import {
  campaigns,
  followupInstances,
  followupSequences,
  leads,
  workspaces,
} from '../../src/db/schema.ts';
import type { CampaignSetup, Scenario, WeeklyHours } from './scenario.ts';

/** The rows one scenario starts from. */
export interface ScenarioWorld {
  workspaceId: string;
  leadId: string;
  /** Null when the campaign is only discovered from the reply. */
  campaignId: string | null;
  campaign: Required<Omit<CampaignSetup, 'configured' | 'name'>> & {
    configured: boolean;
    name: string;
    externalId: string;
  };
  followUpId: string;
  /** The conversation's root Message-ID: the thread key of every message. */
  rootMessageId: string;
  workspaceTimeZone: string;
}

const DEFAULT_HOURS: WeeklyHours = {
  hours: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
  slotMinutes: 30,
};

/** What a campaign says about itself unless a scenario says otherwise (no prices). */
export const DEFAULT_KNOWLEDGE =
  'Northwind builds revenue dashboards for B2B sales teams. It connects to HubSpot and Salesforce in about a day. Most teams are live within two weeks.';

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Fills a scenario's campaign settings with the defaults. */
export function campaignSettings(scenario: Scenario, slug: string): ScenarioWorld['campaign'] {
  const c = scenario.campaign ?? {};
  return {
    configured: c.configured ?? true,
    platform: c.platform ?? 'generic',
    name: c.name ?? 'Northwind Q1 outbound',
    externalId: `${slug}-campaign`,
    mode: c.mode ?? 'AI_AUTO_SEND',
    gate: c.gate ?? 85,
    delay: c.delay ?? { min: 180, max: 420 },
    bookingLink:
      c.bookingLink === undefined ? 'https://book.northwind.example/intro' : c.bookingLink,
    knowledge: c.knowledge ?? DEFAULT_KNOWLEDGE,
    dailyCap: c.dailyCap ?? null,
    sendingHours: c.sendingHours ?? null,
    sender: c.sender ?? {
      name: 'Tom Becker',
      email: 'tom@northwind.example',
      signature: 'Tom Becker\nNorthwind Analytics',
    },
  };
}

/**
 * Writes a fresh workspace for one scenario: weekly-hours availability, the
 * campaign (unless it is to be discovered), the lead with its flags, and an
 * active follow-up sequence for the lead, so pauses and stops are visible.
 */
export async function setupScenario(db: Db, scenario: Scenario): Promise<ScenarioWorld> {
  const slug = `${scenario.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${randomUUID().slice(0, 6)}`;
  const workspaceTimeZone = scenario.workspace?.timeZone ?? 'Europe/Berlin';
  const [ws] = await db
    .insert(workspaces)
    .values({
      name: `Scenario ${scenario.name}`,
      webhookKey: `key-${slug}`,
      webhookSecret: 'scenario-secret',
      timeZone: workspaceTimeZone,
      availabilitySource: 'weekly_hours',
      availabilityConfig: scenario.workspace?.availability ?? DEFAULT_HOURS,
    })
    .returning({ id: workspaces.id });
  const workspaceId = ws!.id;
  const campaign = campaignSettings(scenario, slug);
  let campaignId: string | null = null;
  if (campaign.configured) {
    const [row] = await db
      .insert(campaigns)
      .values({
        workspaceId,
        platform: campaign.platform,
        externalId: campaign.externalId,
        name: campaign.name,
        responseMode: campaign.mode,
        confidenceGate: campaign.gate,
        sendDelayMinSeconds: campaign.delay.min,
        sendDelayMaxSeconds: campaign.delay.max,
        bookingLink: campaign.bookingLink,
        knowledge: campaign.knowledge,
        senderName: campaign.sender.name,
        senderEmail: campaign.sender.email,
        signature: campaign.sender.signature,
        sendingHoursStart: campaign.sendingHours ? minutesOf(campaign.sendingHours.start) : null,
        sendingHoursEnd: campaign.sendingHours ? minutesOf(campaign.sendingHours.end) : null,
        dailyAutoSendCap: campaign.dailyCap,
        configuredAt: new Date('2026-12-01T09:00:00Z'),
      })
      .returning({ id: campaigns.id });
    campaignId = row!.id;
  }
  const { lead } = scenario;
  const flagged = (reason: string | undefined) =>
    reason ? { at: new Date('2026-12-15T12:00:00Z'), reason } : { at: null, reason: null };
  const optedOut = flagged(lead.flags?.optedOut);
  const bounced = flagged(lead.flags?.bounced);
  const booked = flagged(lead.flags?.booked);
  const [leadRow] = await db
    .insert(leads)
    .values({
      workspaceId,
      email: lead.email,
      firstName: lead.firstName ?? null,
      lastName: lead.lastName ?? null,
      company: lead.company ?? null,
      timeZone: lead.timeZone ?? null,
      optedOutAt: optedOut.at,
      optedOutReason: optedOut.reason,
      bouncedAt: bounced.at,
      bouncedReason: bounced.reason,
      bookedAt: booked.at,
      bookedReason: booked.reason,
    })
    .returning({ id: leads.id });
  const [sequence] = await db
    .insert(followupSequences)
    .values({ workspaceId, campaignId, name: 'Nudges' })
    .returning({ id: followupSequences.id });
  const flaggedLead = Boolean(optedOut.at || bounced.at || booked.at);
  const [instance] = await db
    .insert(followupInstances)
    .values({
      sequenceId: sequence!.id,
      leadId: leadRow!.id,
      status: flaggedLead ? 'cancelled' : 'active',
      stopReason: flaggedLead ? 'flagged before the scenario' : null,
      nextStep: 2,
      nextRunAt: flaggedLead ? null : new Date('2027-03-01T09:00:00Z'),
    })
    .returning({ id: followupInstances.id });
  return {
    workspaceId,
    leadId: leadRow!.id,
    campaignId,
    campaign,
    followUpId: instance!.id,
    rootMessageId: `<opening.${slug}@northwind.example>`,
    workspaceTimeZone,
  };
}
