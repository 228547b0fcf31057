import type { ReviewReason, SkipReason } from '../../src/decision/reasons.ts';

/**
 * The scenario format: one conversation, replayed through the whole pipeline
 * (store → inbound.process → reply.send) on a simulated clock, with what must
 * happen at each reply and at the end. Files in `conversations/` export one
 * `scenario`; `scenarios.test.ts` replays them all.
 *
 * Times are ISO instants with an offset ("2027-01-12T10:15:00+01:00"), so a
 * conversation reads in the lead's own wall-clock time.
 */

export type Decision = 'send' | 'review' | 'skip';
export type ExpectedReason = SkipReason | ReviewReason | 'confidence_met';
export type DraftStatus =
  | 'generated'
  | 'approved'
  | 'rejected'
  | 'sending'
  | 'sent'
  | 'send_unknown'
  | 'superseded'
  | 'failed';

export interface CampaignSetup {
  /** false: the campaign is only discovered from the reply (created unconfigured by ingest). */
  configured?: boolean;
  platform?: 'generic' | 'smartlead' | 'instantly' | 'emailbison';
  name?: string;
  /** Default AI_AUTO_SEND. */
  mode?: 'MANUAL' | 'AI_AUTO_SEND';
  /** Whole percent; default 85. */
  gate?: number;
  /** Send delay window in seconds; default 180–420. */
  delay?: { min: number; max: number };
  /** Default https://book.northwind.example/intro; null for none. */
  bookingLink?: string | null;
  /** What drafts may state, prices included. */
  knowledge?: string;
  dailyCap?: number | null;
  /** Local "HH:MM" in the lead's zone; end exclusive. */
  sendingHours?: { start: string; end: string } | null;
  sender?: { name: string; email: string; signature: string };
}

/** The `weekly_hours` availability source, as stored in workspaces.availability_config. */
export interface WeeklyHours {
  timeZone?: string;
  hours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
  slotMinutes?: number;
  stepMinutes?: number;
}

export interface WorkspaceSetup {
  /** Default Europe/Berlin. */
  timeZone?: string;
  /** Default Mon–Fri 09:00–17:00 in the workspace's zone, 30-minute slots. */
  availability?: WeeklyHours;
}

export interface LeadSetup {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  timeZone?: string;
  /** Flags the lead already carries, with their evidence. */
  flags?: { optedOut?: string; bounced?: string; booked?: string };
}

/** A message we (or the platform, or a human on our side) sent in the thread. */
export interface OutboundMessage {
  kind: 'outbound';
  id: string;
  at: string;
  subject?: string;
  text: string;
}

/** Which offered slots are acceptable, read in the lead's zone (the workspace's when unknown). */
export interface SlotExpectation {
  /** Exactly this many slots offered. */
  count?: number;
  /** At least this many. */
  atLeast?: number;
  /** Every slot in the calendar week (Mon–Sun) after the reply's week. */
  allNextWeek?: boolean;
  /** No slot on the local day the reply was written. */
  notOnReplyDay?: boolean;
  /** No slot on the local day the reply was processed. */
  notOnProcessingDay?: boolean;
  /** No slot on these local days (yyyy-MM-dd). */
  notOnDays?: string[];
  /** Every slot on a weekday between 08:00 and 18:00 local. */
  insideBusinessHours?: boolean;
  /** Every slot on one of these local weekdays (1 = Monday … 7 = Sunday). */
  onWeekdays?: number[];
  /** Every slot starts at or after `from` and before `to`, local "HH:MM". */
  startsBetween?: { from: string; to: string };
  /** Every slot starts after the processing time plus this many minutes of notice. */
  minNoticeMinutes?: number;
}

export interface InboundExpectation {
  decision: Decision;
  reason: ExpectedReason;
  slots?: SlotExpectation;
  /** Words the generated draft must (not) contain. */
  draft?: { includes?: string[]; excludes?: string[] };
}

/** A reply received in the thread, with what the pipeline must decide about it. */
export interface InboundMessage {
  kind: 'inbound';
  id: string;
  /** When the reply was written/received (its Date). */
  at: string;
  /** When inbound.process runs; default `at` + 5 seconds (a backfill sets it weeks later). */
  processAt?: string;
  /** Default: the lead. */
  from?: { email: string; name?: string };
  /** Default: the campaign's mailbox. */
  to?: string[];
  cc?: string[];
  /** Default "Re: " + the opening subject. */
  subject?: string;
  text: string;
  /** Header names in lower case. */
  headers?: Record<string, string>;
  platformFlags?: Record<string, unknown>;
  /** Default: the campaign's platform. */
  source?: 'generic' | 'smartlead' | 'instantly' | 'emailbison' | 'eml';
  expect: InboundExpectation;
}

export type TimelineEntry = OutboundMessage | InboundMessage;

/** What must hold once every due send has run. */
export interface EndState {
  /** Emails actually handed to the sender (outbox files). */
  sent?: number;
  /** Inbound ids whose reply went out. */
  answered?: string[];
  /** Status of the latest draft per inbound id. */
  drafts?: Record<string, DraftStatus>;
  lead?: { optedOut?: boolean; bounced?: boolean; booked?: boolean };
  /** The lead's follow-up instance (every scenario starts one, active). */
  followUp?: {
    status: 'active' | 'paused' | 'completed' | 'cancelled';
    pauseReason?:
      | 'lead_replied'
      | 'out_of_office'
      | 'lead_snoozed'
      | 'awaiting_approval'
      | 'awaiting_enrichment'
      | 'missing_lead_data'
      | 'send_uncertain'
      | null;
    /** ISO instant a dated pause (out of office, snooze) ends. */
    pausedUntil?: string | null;
  };
  /** Every sent reply went out inside the campaign's sending hours (lead's zone). */
  sentInsideSendingHours?: boolean;
  /** Some send was deferred to the sending window. */
  deferred?: boolean;
}

export interface Scenario {
  name: string;
  /** Why this conversation is here: the behaviour it protects. */
  about: string;
  workspace?: WorkspaceSetup;
  campaign?: CampaignSetup;
  lead: LeadSetup;
  /** AUTO_SEND_DISABLED. */
  killSwitch?: boolean;
  /** Oldest first is not required: entries are replayed in time order. */
  timeline: TimelineEntry[];
  end?: EndState;
}

/** Identity, for type checking a conversation file. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** Our opening email as mail clients quote it below a reply ("On …, Tom wrote:" then "> " lines). */
export function quoted(attribution: string, text: string): string {
  return `\n\n${attribution}\n${text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n')}`;
}
