import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Sophie', company: 'Marlow Events' };

export const scenario = defineScenario({
  name: 'Kill switch on: even a routine yes goes to review',
  about: 'AUTO_SEND_DISABLED holds every automatic send with reason kill_switch.',
  killSwitch: true,
  lead: {
    email: 'sophie@marlow-events.example',
    firstName: 'Sophie',
    lastName: 'Marlow',
    company: 'Marlow Events',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'yes',
      at: '2027-01-11T10:31:00Z',
      text: `Sounds good, let's talk. Are you free Wednesday morning?

Sophie${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'kill_switch' },
    },
  ],
  end: { sent: 0, drafts: { yes: 'generated' } },
});
