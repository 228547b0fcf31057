import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Daniel', company: 'Ibarra Foods' };

export const scenario = defineScenario({
  name: '"I\'m away until Monday, can we talk Tuesday?" is a person, not an auto-reply',
  about: 'Away wording plus a question to us: answered with slots, not skipped.',
  lead: {
    email: 'daniel.ibarra@ibarra-foods.example',
    firstName: 'Daniel',
    lastName: 'Ibarra',
    company: 'Ibarra Foods',
    timeZone: 'Europe/Madrid',
  },
  timeline: [
    opening(lead, '2027-01-13T09:12:00+01:00'),
    {
      kind: 'inbound',
      id: 'away',
      at: '2027-01-13T19:30:00+01:00',
      text: `Hi Tom, I'm away until Monday, but this sounds interesting. Can we talk Tuesday?

Daniel${quotedOpening(lead, 'Wed, 13 Jan 2027 at 09:12')}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 1, notOnReplyDay: true, onWeekdays: [2] },
      },
    },
  ],
  end: { sent: 1, answered: ['away'] },
});
