import { nextWindowOpening } from '../sending/sending-window.ts';
import { sameLocalDay, startOfNextLocalDay } from './add-delay.ts';
import type { Channel, InstanceState, LeadFacts, StepSpec } from './followup-types.ts';
import { renderTemplate } from './render-template.ts';
import type { FollowupEvent } from './transition-instance.ts';

/**
 * What the scheduler should do with one instance right now: nothing, apply
 * an event (pause, resume, end, defer), or send the due step. Pure: the
 * conversation, the lead, the clock and the kill switch are inputs.
 */

export interface EvaluateInput {
  instanceId: string;
  state: InstanceState;
  steps: StepSpec[];
  lead: LeadFacts;
  sequence: { ghostDays: number };
  /** The lead's latest inbound and our latest outbound message in this campaign. */
  conversation: { lastInboundAt: Date | null; lastOutboundAt: Date | null };
  sendingHours: { start: number | null; end: number | null };
  /** The lead's zone, else the workspace's. */
  zone: string;
  /** When a follow-up last went to this lead on each channel (any sequence). */
  lastSentOnChannel: Partial<Record<Channel, Date>>;
  killSwitch: boolean;
  now: Date;
}

export type TickAction =
  | { kind: 'none'; why: string }
  | { kind: 'event'; event: FollowupEvent }
  | { kind: 'send'; step: StepSpec; subject: string; body: string };

const DAY_MS = 86_400_000;

/** A LinkedIn profile (`/in/…`), not a company or school page. */
export function isLinkedinProfileUrl(url: string | null): boolean {
  return Boolean(
    url && /^(https?:\/\/)?([a-z]{2,3}\.)?linkedin\.com\/(in|pub)\/[^/?#\s]+/i.test(url.trim()),
  );
}

/** The contact a channel needs that the lead lacks, or null. */
export function missingContact(
  channel: Channel,
  lead: LeadFacts,
): 'phone' | 'linkedin_profile_url' | null {
  if (channel === 'sms' && !(lead.phone && /\d{6,}/.test(lead.phone.replace(/\D/g, ''))))
    return 'phone';
  if (channel === 'linkedin' && !isLinkedinProfileUrl(lead.linkedinUrl))
    return 'linkedin_profile_url';
  return null;
}

function renderStep(step: StepSpec, lead: LeadFacts, seed: string) {
  const body = renderTemplate(step.body, lead, `${seed}:body`);
  const subject = renderTemplate(step.subject, lead, `${seed}:subject`);
  const missing = [...(body.ok ? [] : body.missing), ...(subject.ok ? [] : subject.missing)];
  return { body, subject, missing: [...new Set(missing)].sort() };
}

/** True when the conversation has been quiet after OUR last message for the ghost period. */
export function conversationQuiet(
  input: Pick<EvaluateInput, 'conversation' | 'sequence' | 'now'>,
): boolean {
  const { lastInboundAt, lastOutboundAt } = input.conversation;
  if (!lastOutboundAt) return false;
  if (lastInboundAt && lastInboundAt >= lastOutboundAt) return false;
  return input.now.getTime() - lastOutboundAt.getTime() >= input.sequence.ghostDays * DAY_MS;
}

function evaluatePaused(input: EvaluateInput): TickAction {
  const { state, now, steps, lead } = input;
  const step = steps[state.nextStep - 1];
  switch (state.pauseReason) {
    case 'lead_replied':
      return conversationQuiet(input)
        ? {
            kind: 'event',
            event: {
              type: 'resume',
              at: now,
              cause: 'conversation_quiet',
              detail: { lastOutboundAt: input.conversation.lastOutboundAt?.toISOString() },
            },
          }
        : { kind: 'none', why: 'conversation active' };
    case 'out_of_office':
    case 'lead_snoozed':
      return state.pausedUntil && state.pausedUntil <= now
        ? {
            kind: 'event',
            event: {
              type: 'resume',
              at: now,
              cause: state.pauseReason === 'out_of_office' ? 'return_date_passed' : 'snooze_ended',
              detail: { pausedUntil: state.pausedUntil.toISOString() },
            },
          }
        : { kind: 'none', why: 'paused until a later date' };
    case 'awaiting_enrichment':
      return step && !missingContact(step.channel, lead)
        ? {
            kind: 'event',
            event: {
              type: 'resume',
              at: now,
              cause: 'enrichment_arrived',
              detail: { channel: step.channel },
            },
          }
        : { kind: 'none', why: 'contact still missing' };
    case 'missing_lead_data':
      return step && renderStep(step, lead, input.instanceId).missing.length === 0
        ? { kind: 'event', event: { type: 'resume', at: now, cause: 'lead_data_arrived' } }
        : { kind: 'none', why: 'lead fields still missing' };
    default:
      return { kind: 'none', why: `waits for a person (${state.pauseReason})` };
  }
}

function evaluateActive(input: EvaluateInput): TickAction {
  const { state, now, steps, lead, zone } = input;
  if (state.nextStep > steps.length) return { kind: 'event', event: { type: 'finished', at: now } };
  if (state.nextRunAt && state.nextRunAt > now) return { kind: 'none', why: 'not due yet' };
  const step = steps[state.nextStep - 1]!;
  const contact = missingContact(step.channel, lead);
  if (contact) {
    return {
      kind: 'event',
      event: {
        type: 'hold',
        at: now,
        reason: 'awaiting_enrichment',
        detail: { step: step.position, channel: step.channel, needs: contact },
      },
    };
  }
  const rendered = renderStep(step, lead, `${input.instanceId}:${step.position}`);
  if (!rendered.body.ok || !rendered.subject.ok) {
    return {
      kind: 'event',
      event: {
        type: 'hold',
        at: now,
        reason: 'missing_lead_data',
        detail: { step: step.position, fields: rendered.missing },
      },
    };
  }
  if (step.needsApproval && state.approvedStep !== step.position) {
    return {
      kind: 'event',
      event: {
        type: 'hold',
        at: now,
        reason: 'awaiting_approval',
        detail: {
          step: step.position,
          channel: step.channel,
          subject: rendered.subject.text,
          body: rendered.body.text,
        },
      },
    };
  }
  if (input.killSwitch) return { kind: 'none', why: 'kill_switch' };
  const opening = nextWindowOpening({
    now,
    timeZone: zone,
    startMinute: input.sendingHours.start,
    endMinute: input.sendingHours.end,
  });
  if (opening)
    return {
      kind: 'event',
      event: { type: 'deferred', at: now, until: opening, why: 'outside_sending_hours' },
    };
  const last = input.lastSentOnChannel[step.channel];
  if (last && sameLocalDay(last, now, zone)) {
    const tomorrow = startOfNextLocalDay(now, zone);
    const until =
      nextWindowOpening({
        now: tomorrow,
        timeZone: zone,
        startMinute: input.sendingHours.start,
        endMinute: input.sendingHours.end,
      }) ?? tomorrow;
    return {
      kind: 'event',
      event: { type: 'deferred', at: now, until, why: 'daily_channel_limit' },
    };
  }
  return { kind: 'send', step, subject: rendered.subject.text, body: rendered.body.text };
}

/** Decides one instance. A booked, bounced or opted-out lead ends it before anything else. */
export function evaluateInstance(input: EvaluateInput): TickAction {
  const { state, lead, now } = input;
  if (state.status === 'completed' || state.status === 'cancelled')
    return { kind: 'none', why: 'ended' };
  if (lead.bouncedAt)
    return { kind: 'event', event: { type: 'lead_flagged', at: now, flag: 'bounced' } };
  if (lead.optedOutAt)
    return { kind: 'event', event: { type: 'lead_flagged', at: now, flag: 'opted_out' } };
  if (lead.bookedAt)
    return { kind: 'event', event: { type: 'lead_flagged', at: now, flag: 'booked' } };
  return state.status === 'paused' ? evaluatePaused(input) : evaluateActive(input);
}
