import { quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Mia', company: 'Kowalski Foods' };

export const scenario = defineScenario({
  name: 'A reply from a lead flagged as bounced is never answered',
  about: 'Nothing is ever sent to a flagged lead again, by any path, however keen the reply.',
  lead: {
    email: 'mia.kowalski@kowalski-foods.example',
    firstName: 'Mia',
    lastName: 'Kowalski',
    company: 'Kowalski Foods',
    timeZone: 'Europe/Warsaw',
    flags: { bounced: 'Status: 5.2.2 | Diagnostic-Code: smtp; 552 5.2.2 Mailbox full' },
  },
  timeline: [
    {
      kind: 'inbound',
      id: 'keen',
      at: '2027-01-13T10:00:00+01:00',
      text: `Hi Tom, sorry, my mailbox was full last week. Yes, interested! Can we talk Friday?

Mia${quotedOpening(lead)}`,
      expect: { decision: 'skip', reason: 'bounce' },
    },
  ],
  end: { sent: 0, lead: { bounced: true } },
});
