import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Marco', company: 'Ferretti Design' };

export const scenario = defineScenario({
  name: 'A lead who already booked is not pitched again',
  about: 'lead.booked is set (calendar evidence); a friendly note gets no automatic answer.',
  lead: {
    email: 'marco@ferretti-design.example',
    firstName: 'Marco',
    lastName: 'Ferretti',
    company: 'Ferretti Design',
    timeZone: 'Europe/Rome',
    flags: { booked: 'Calendly invitee.created for 2027-01-14T14:00:00Z' },
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'see-you',
      at: '2027-01-12T16:22:00+01:00',
      text: `Great, see you Thursday! I'll bring our head of sales along, hope that's ok.

Marco${quotedOpening(lead)}`,
      expect: { decision: 'skip', reason: 'already_booked' },
    },
  ],
  end: { sent: 0, lead: { booked: true } },
});
