import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Ben', company: 'Okoro Labs' };

export const scenario = defineScenario({
  name: 'MANUAL campaign: drafts always go to a human',
  about: 'mode MANUAL never sends automatically, however confident the draft.',
  campaign: { mode: 'MANUAL' },
  lead: {
    email: 'ben.okoro@okorolabs.example',
    firstName: 'Ben',
    lastName: 'Okoro',
    company: 'Okoro Labs',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'keen',
      at: '2027-01-12T08:55:00Z',
      text: `Hi Tom, keen to see it. Can we talk on Friday?

Ben${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'mode_manual' },
    },
  ],
  end: { sent: 0, drafts: { keen: 'generated' } },
});
