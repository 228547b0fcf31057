import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Dana', company: 'Whitfield Supply' };

export const scenario = defineScenario({
  name: '"Can you remove the setup fee?" is a negotiation, not an opt-out',
  about: 'The trap word "remove" must not flag the lead; a discount request goes to a human.',
  campaign: {
    knowledge:
      'Northwind costs $12 per seat per month, billed annually. There is a one-time setup fee of $1,500. It connects to HubSpot and Salesforce in about a day.',
  },
  lead: {
    email: 'dana@whitfield-supply.example',
    firstName: 'Dana',
    lastName: 'Whitfield',
    company: 'Whitfield Supply',
    timeZone: 'America/Denver',
  },
  timeline: [
    opening(lead, '2027-01-11T17:00:00+01:00'),
    {
      kind: 'inbound',
      id: 'fee',
      at: '2027-01-11T11:26:00-07:00',
      text: `Hey Tom,

We'd be looking at around 40 seats. Can you remove the setup fee if we commit for two years? That would make this an easy yes on my side.

Dana${quotedOpening(lead, 'Mon, Jan 11, 2027 at 9:00 AM')}`,
      expect: { decision: 'review', reason: 'below_threshold' },
    },
  ],
  end: {
    sent: 0,
    lead: { optedOut: false },
    followUp: { status: 'paused', pauseReason: 'lead_replied' },
  },
});
