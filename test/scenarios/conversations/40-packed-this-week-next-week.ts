import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Chloe', company: 'Sterling Dental' };

export const scenario = defineScenario({
  name: '"This week is packed, 30 minutes next week?": every slot is next week',
  about:
    'A week the lead rules out, "right now" and a meeting length are not timing wishes; only next week is.',
  lead: {
    email: 'chloe.sterling@sterling-dental.example',
    firstName: 'Chloe',
    lastName: 'Sterling',
    company: 'Sterling Dental',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'packed',
      at: '2027-01-12T10:20:00Z',
      text: `Hi Tom,

We're rebuilding our practice reporting right now, so this is timely. This week is packed for me though. Could we find 30 minutes next week?

Chloe`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { count: 3, allNextWeek: true, insideBusinessHours: true },
      },
    },
  ],
  end: { sent: 1, answered: ['packed'] },
});
