import { detectLanguage } from '../ai/offline-language.ts';
import type { DraftInput, OfferedSlot } from '../ai/provider.ts';
import { allocate } from '../availability/allocate.ts';
import { expandWeeklyHours } from '../availability/expand-weekly-hours.ts';
import { filterSlots } from '../availability/filter-slots.ts';
import { toOfferedSlot } from '../availability/format-slot-label.ts';
import { isEmptyWish, parseTimingWishes } from '../availability/parse-timing-wishes.ts';
import type { EvalLanguage } from './eval-case.ts';

/**
 * The fixed world every eval case is a reply in: one campaign, one lead per
 * language, a weekly schedule, and a fixed "now". Pure data and pure
 * functions, so two runs of the same provider see the same inputs.
 */

/** Monday 11 January 2027, 09:00 UTC: the reply arrived a minute earlier. */
export const EVAL_NOW = new Date('2027-01-11T09:00:00Z');
export const EVAL_REPLY_AT = new Date(EVAL_NOW.getTime() - 60_000);

/** The gate new campaigns get (campaigns.confidence_gate default). */
export const EVAL_CAMPAIGN_GATE = 85;

export const EVAL_CAMPAIGN = {
  name: 'Pipeline reporting for law and construction firms',
  knowledge: [
    'Northwind Analytics builds pipeline reporting for law and construction firms.',
    'Setup is $1,500 once, then $49 per seat per month.',
    'It integrates with HubSpot and Salesforce.',
    'Data is stored in the EU (Frankfurt) and never leaves it.',
  ].join('\n'),
  bookingLink: 'https://cal.example.com/northwind/intro',
  senderEmail: 'tom@northwind.example',
  sender: { name: 'Tom Becker', signature: 'Tom Becker\nNorthwind Analytics' },
  subject: 'Re: Pipeline reporting at your firm',
};

export interface EvalLead {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  timeZone: string;
}

export const EVAL_LEADS: Record<EvalLanguage, EvalLead> = {
  en: {
    email: 'olivia.carter@carter-legal.example',
    firstName: 'Olivia',
    lastName: 'Carter',
    company: 'Carter Legal',
    timeZone: 'Europe/London',
  },
  de: {
    email: 'anna.weber@weber-bau.example',
    firstName: 'Anna',
    lastName: 'Weber',
    company: 'Weber Bau',
    timeZone: 'Europe/Berlin',
  },
  fr: {
    email: 'claire.martin@martin-avocats.example',
    firstName: 'Claire',
    lastName: 'Martin',
    company: 'Martin Avocats',
    timeZone: 'Europe/Paris',
  },
  es: {
    email: 'lucia.garcia@garcia-construcciones.example',
    firstName: 'Lucía',
    lastName: 'García',
    company: 'García Construcciones',
    timeZone: 'Europe/Madrid',
  },
};

/** A colleague at the lead's company (the same domain, another person). */
export function colleagueOf(lead: EvalLead): { email: string; name: string } {
  const domain = lead.email.split('@')[1]!;
  return { email: `colleague@${domain}`, name: 'A Colleague' };
}

/** Our first email, as the transcript's opening entry. */
export function openingEmail(lead: EvalLead): DraftInput['transcript'][number] {
  return {
    direction: 'outbound',
    from: EVAL_CAMPAIGN.senderEmail,
    at: '2027-01-08T10:00:00.000Z',
    text: `Hi ${lead.firstName},\n\nTeams like ${lead.company} use Northwind to see their pipeline in one place. Worth a 20-minute call?\n\n${EVAL_CAMPAIGN.sender.signature}`,
  };
}

const SCHEDULE = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-15:00'],
  },
  slotMinutes: 30,
};

/**
 * The slots the availability module's pure core (expand, filter, allocate
 * with the lead's timing wish) offers this lead for this reply, labelled in
 * the reply's language, as inbound.process would, minus the database.
 */
export function offerEvalSlots(lead: EvalLead, replyText: string): OfferedSlot[] {
  const horizon = new Date(EVAL_NOW.getTime() + 14 * 86_400_000);
  const free = filterSlots(expandWeeklyHours(SCHEDULE, { from: EVAL_NOW, to: horizon }), {
    now: EVAL_NOW,
    minNoticeMinutes: 120,
    horizonDays: 14,
  });
  const wish = parseTimingWishes(replyText, { replyAt: EVAL_REPLY_AT, timeZone: lead.timeZone });
  const { byLead } = allocate({
    slots: free,
    leads: [
      {
        id: 'lead',
        timeZone: lead.timeZone,
        repliedAt: EVAL_REPLY_AT,
        wish: isEmptyWish(wish) ? undefined : wish,
      },
    ],
    k: 3,
    now: EVAL_NOW,
    workspaceTimeZone: SCHEDULE.timeZone,
  });
  return (byLead.get('lead') ?? []).map((s) =>
    toOfferedSlot(s, lead.timeZone, detectLanguage(replyText)),
  );
}
