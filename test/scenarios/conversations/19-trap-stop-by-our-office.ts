import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Jan', company: 'Hafenblick Reederei' };

export const scenario = defineScenario({
  name: '"Stop by our office" and "can\'t stop thinking" are not opt-outs',
  about: 'A human using the trap word "stop" who proposes a day gets our times.',
  lead: {
    email: 'jan.petersen@hafenblick.example',
    firstName: 'Jan',
    lastName: 'Petersen',
    company: 'Hafenblick Reederei',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'office',
      at: '2027-01-11T16:45:00+01:00',
      text: `Hi Tom,

Funny timing, I can't stop thinking about our reporting mess since the last board meeting. If you're ever in Hamburg, stop by our office, we're right by the harbour.

Otherwise, does Thursday afternoon work for a call?

Best,
Jan${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: {
          atLeast: 1,
          insideBusinessHours: true,
          notOnReplyDay: true,
          onWeekdays: [4],
          startsBetween: { from: '12:00', to: '18:00' },
        },
      },
    },
  ],
  end: { sent: 1, answered: ['office'], lead: { optedOut: false } },
});
