import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Megan', company: 'Harbor Freight Partners' };

export const scenario = defineScenario({
  name: 'A lead in New York asks for next week: every slot is next week, in her zone',
  about: "Timing wishes are read in the lead's zone; slots respect her business hours.",
  workspace: {
    timeZone: 'Europe/Berlin',
    availability: {
      hours: {
        mon: ['09:00-20:00'],
        tue: ['09:00-20:00'],
        wed: ['09:00-20:00'],
        thu: ['09:00-20:00'],
        fri: ['09:00-20:00'],
      },
      slotMinutes: 30,
    },
  },
  lead: {
    email: 'megan.oconnor@harborfreight-partners.example',
    firstName: 'Megan',
    lastName: "O'Connor",
    company: 'Harbor Freight Partners',
    timeZone: 'America/New_York',
  },
  timeline: [
    opening(lead, '2027-01-11T15:30:00+01:00'),
    {
      kind: 'inbound',
      id: 'next-week',
      at: '2027-01-12T10:20:00-05:00',
      text: `Hi Tom,

This is timely, we're rebuilding our pipeline reporting. Could we find a slot sometime next week?

Megan

Sent from my iPhone${quotedOpening(lead, 'Mon, Jan 11, 2027 at 9:30 AM')}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { count: 3, allNextWeek: true, insideBusinessHours: true, notOnReplyDay: true },
      },
    },
  ],
  end: {
    sent: 1,
    answered: ['next-week'],
    followUp: { status: 'paused', pauseReason: 'lead_replied' },
  },
});
