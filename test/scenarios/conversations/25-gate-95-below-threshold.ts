import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Kenji', company: 'Sato Robotics' };

export const scenario = defineScenario({
  name: 'Gate 95: a good draft below the gate waits for a human',
  about: 'round(confidence*100) < gate → review below_threshold.',
  campaign: { gate: 95 },
  lead: {
    email: 'kenji.sato@sato-robotics.example',
    firstName: 'Kenji',
    lastName: 'Sato',
    company: 'Sato Robotics',
    timeZone: 'Asia/Tokyo',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'wednesday',
      at: '2027-01-12T18:20:00+09:00',
      text: `Hello Tom,

Sounds interesting. Could we talk sometime on Wednesday?

Best regards,
Kenji Sato${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'below_threshold' },
    },
  ],
  end: { sent: 0, drafts: { wednesday: 'generated' } },
});
