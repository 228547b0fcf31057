import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Liam', company: 'Brennan Wholesale' };

export const scenario = defineScenario({
  name: 'A price question the campaign knowledge cannot answer: no invented price, review',
  about: 'The knowledge states no price: the draft must not quote one and a human decides.',
  lead: {
    email: 'liam.brennan@brennan-wholesale.example',
    firstName: 'Liam',
    lastName: 'Brennan',
    company: 'Brennan Wholesale',
    timeZone: 'Europe/Dublin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'how-much',
      at: '2027-01-11T12:10:00Z',
      text: `Hi Tom,

Roughly what would this cost for 25 sales reps? And is there a minimum contract length?

Cheers,
Liam${quotedOpening(lead)}`,
      expect: {
        decision: 'review',
        reason: 'below_threshold',
        draft: { excludes: ['$', '€', '£'] },
      },
    },
  ],
  end: { sent: 0 },
});
