import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Tyler', company: 'Redwood Staffing' };

export const scenario = defineScenario({
  name: "A late-evening reply is answered when the sending window opens in the lead's zone",
  about:
    'Sending hours 09:00–17:00 America/New_York: a 21:40 reply is deferred, then sent at 09:00.',
  campaign: { sendingHours: { start: '09:00', end: '17:00' } },
  lead: {
    email: 'tyler.brooks@redwood-staffing.example',
    firstName: 'Tyler',
    lastName: 'Brooks',
    company: 'Redwood Staffing',
    timeZone: 'America/New_York',
  },
  timeline: [
    opening(lead, '2027-01-11T15:00:00+01:00'),
    {
      kind: 'inbound',
      id: 'late',
      at: '2027-01-12T21:40:00-05:00',
      text: `Tom - catching up on email late. Any chance we could talk on Thursday?

Tyler${quotedOpening(lead, 'Mon, Jan 11, 2027 at 9:00 AM')}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 1, onWeekdays: [4], insideBusinessHours: true },
      },
    },
  ],
  end: { sent: 1, answered: ['late'], deferred: true, sentInsideSendingHours: true },
});
