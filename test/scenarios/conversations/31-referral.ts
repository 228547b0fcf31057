import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Martin', company: 'Wendt Group' };

export const scenario = defineScenario({
  name: 'A referral to a colleague is for a human to follow up',
  about: 'The lead points at someone else: a person writes to them, not the engine.',
  lead: {
    email: 'martin.wendt@wendt-group.example',
    firstName: 'Martin',
    lastName: 'Wendt',
    company: 'Wendt Group',
    timeZone: 'Europe/Zurich',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'sarah',
      at: '2027-01-11T14:20:00+01:00',
      text: `Hi Tom,

I'm not the right person for this. Please reach out to my colleague Sarah Klein (sarah.klein@wendt-group.example), she owns our sales tooling.

Regards,
Martin${quotedOpening(lead)}`,
      expect: { decision: 'review', reason: 'human_review_requested' },
    },
  ],
  end: { sent: 0 },
});
