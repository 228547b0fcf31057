/**
 * The words of follow-up sequences, shared by the pure state machine, the
 * scheduler and the report. No I/O here.
 */

export const FOLLOWUP_STATUSES = ['active', 'paused', 'completed', 'cancelled'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const PAUSE_REASONS = [
  'lead_replied',
  'out_of_office',
  'lead_snoozed',
  'awaiting_approval',
  'awaiting_enrichment',
  'missing_lead_data',
  'send_uncertain',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CHANNELS = ['email', 'sms', 'linkedin'] as const;
export type Channel = (typeof CHANNELS)[number];

export type DelayUnit = 'business_days' | 'hours';

/** One step as the state machine sees it. */
export interface StepSpec {
  position: number;
  delayAmount: number;
  delayUnit: DelayUnit;
  channel: Channel;
  subject: string;
  body: string;
  needsApproval: boolean;
}

/** The instance columns the state machine reads and writes. */
export interface InstanceState {
  status: FollowupStatus;
  pauseReason: PauseReason | null;
  stopReason: string | null;
  nextStep: number;
  nextRunAt: Date | null;
  pausedUntil: Date | null;
  pausedAt: Date | null;
  pauseDetail: Record<string, unknown>;
  approvedStep: number | null;
  lastSentAt: Date | null;
}

/** The lead fields follow-ups need: flags, zone, and what templates and channels use. */
export interface LeadFacts {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  timeZone: string | null;
  optedOutAt: Date | null;
  bouncedAt: Date | null;
  bookedAt: Date | null;
}

/** One row of history: what changed and why. */
export interface TransitionRecord {
  fromStatus: FollowupStatus;
  fromReason: PauseReason | string | null;
  toStatus: FollowupStatus;
  toReason: PauseReason | string | null;
  cause: string;
  detail: Record<string, unknown>;
  at: Date;
}

/** One line per status and pause reason: what it means for an operator. */
export const REASON_MEANINGS: Record<string, string> = {
  active: 'expected — the next step goes out when it is due, inside sending hours',
  lead_replied: 'expected — prevents follow-ups during an active conversation',
  out_of_office: 'expected — the lead is away; resumes the day after the return date',
  lead_snoozed: 'expected — the lead asked to be contacted later; resumes on that date',
  awaiting_approval: 'needs a reviewer — the step waits for approval (autosend followups approve)',
  awaiting_enrichment:
    'needs data — an sms/linkedin step waits for the phone or LinkedIn profile URL',
  missing_lead_data: 'needs data — the template uses lead fields this lead lacks',
  send_uncertain:
    'needs a human — a send may or may not have gone out; check, then resume or cancel',
  completed: 'done — every step sent, or the lead booked a meeting',
  cancelled: 'stopped for good — bounce, opt-out or cancelled by hand',
};
