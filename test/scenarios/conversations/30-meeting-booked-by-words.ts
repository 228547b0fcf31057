import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Olivia', company: 'Carter Legal' };

export const scenario = defineScenario({
  name: '"I just booked a slot" with no calendar evidence goes to review',
  about: 'meeting_booked counts only with calendar or provider evidence; words alone → review.',
  lead: {
    email: 'olivia.carter@carter-legal.example',
    firstName: 'Olivia',
    lastName: 'Carter',
    company: 'Carter Legal',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'booked',
      at: '2027-01-12T15:12:00Z',
      text: `Hi Tom, just booked a slot for Thursday through your link. Talk then!

Olivia${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'meeting_booked_unverified' },
    },
  ],
  end: { sent: 0, lead: { booked: false } },
});
