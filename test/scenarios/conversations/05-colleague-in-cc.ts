import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Paul', company: 'Brightlane' };

export const scenario = defineScenario({
  name: 'A colleague replies with the lead in CC: never treated as the lead',
  about: 'The reply comes from anna@ while the campaign wrote to paul@: review, different_sender.',
  lead: {
    email: 'paul.meyer@brightlane.example',
    firstName: 'Paul',
    lastName: 'Meyer',
    company: 'Brightlane',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'anna',
      at: '2027-01-12T14:03:00+01:00',
      from: { email: 'anna.schulz@brightlane.example', name: 'Anna Schulz' },
      cc: ['paul.meyer@brightlane.example'],
      text: `Hi Tom,

Paul passed this on to me since I run RevOps here. We are actually looking at dashboard tools this quarter, so the timing is good. Could you send me a few times for a 30-minute call next week?

Thanks,
Anna Schulz
RevOps Lead, Brightlane${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'different_sender' },
    },
  ],
  end: {
    sent: 0,
    drafts: { anna: 'generated' },
    followUp: { status: 'paused', pauseReason: 'lead_replied' },
  },
});
