import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Amelia', company: 'Foster Analytics' };

export const scenario = defineScenario({
  name: '"Thursday or Friday?" gets slots on Thursday or Friday',
  about: 'Two weekdays joined by "or" are two wishes; the second does not cancel the first.',
  lead: {
    email: 'amelia.foster@foster-analytics.example',
    firstName: 'Amelia',
    lastName: 'Foster',
    company: 'Foster Analytics',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'thu-or-fri',
      at: '2027-01-12T08:40:00Z',
      text: `Morning Tom, yes, worth a look. Could we talk Thursday or Friday?

Amelia${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 2, onWeekdays: [4, 5], insideBusinessHours: true },
      },
    },
  ],
  end: { sent: 1, answered: ['thu-or-fri'] },
});
