import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Pieter', company: 'Van Dijk Retail' };

export const scenario = defineScenario({
  name: 'A day named as busy is not a wish: "Mondays are chaos, Wednesday afternoon?"',
  about: 'Only the day the lead asks for counts; the offered slots are Wednesday afternoons.',
  lead: {
    email: 'pieter@vandijk-retail.example',
    firstName: 'Pieter',
    lastName: 'van Dijk',
    company: 'Van Dijk Retail',
    timeZone: 'Europe/Amsterdam',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'wednesday',
      at: '2027-01-11T15:05:00+01:00',
      text: `Hi Tom,

Mondays are always chaos here with our pipeline review, but could we do Wednesday afternoon?

Groeten,
Pieter${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 1, onWeekdays: [3], startsBetween: { from: '12:00', to: '18:00' } },
      },
    },
  ],
  end: { sent: 1, answered: ['wednesday'] },
});
