import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Rosa', company: 'Delgado Freight' };

export const scenario = defineScenario({
  name: '"How much time we lose" is not a pricing question',
  about: 'A keen lead who proposes a day is answered automatically; "how much time" asks no price.',
  lead: {
    email: 'rosa.delgado@delgado-freight.example',
    firstName: 'Rosa',
    lastName: 'Delgado',
    company: 'Delgado Freight',
    timeZone: 'Europe/Madrid',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'time-lost',
      at: '2027-01-11T12:40:00+01:00',
      text: `Hi Tom,

Honestly, I can't tell you how much time we lose on reporting every week. Could we talk on Thursday?

Rosa${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 1, onWeekdays: [4] },
      },
    },
  ],
  end: { sent: 1, answered: ['time-lost'] },
});
