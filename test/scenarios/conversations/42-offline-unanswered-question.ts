import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Dana', company: 'Whitfield Supply' };

export const scenario = defineScenario({
  name: 'Offline templates do not auto-send an answer that ignores the question, even at a low gate',
  about:
    '"Can you remove the setup fee? If so, I\'m in." once got the price list auto-sent; the draft does not answer it.',
  campaign: {
    gate: 50,
    knowledge:
      'Northwind costs $12 per seat per month, billed annually. There is a one-time setup fee of $1,500.',
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
      text: `Can you remove the setup fee? If so, I'm in.

Dana${quotedOpening(lead, 'Mon, Jan 11, 2027 at 9:00 AM')}`,
      expect: { decision: 'review', reason: 'not_safe_to_send' },
    },
  ],
  end: { sent: 0 },
});
