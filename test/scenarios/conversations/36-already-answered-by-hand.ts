import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Lena', company: 'Albrecht Software' };

export const scenario = defineScenario({
  name: 'We already answered by hand during the delay: the automatic draft is superseded',
  about:
    'An outbound message newer than the reply means the conversation moved on: never two answers.',
  lead: {
    email: 'lena.albrecht@albrecht-software.example',
    firstName: 'Lena',
    lastName: 'Albrecht',
    company: 'Albrecht Software',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'thursday',
      at: '2027-01-12T10:00:00+01:00',
      text: `Sounds good. What times do you have on Thursday?

Lena${quotedOpening(lead)}`,
      expect: { decision: 'send', reason: 'confidence_met' },
    },
    {
      kind: 'outbound',
      id: 'by-hand',
      at: '2027-01-12T10:01:30+01:00',
      text: `Hi Lena,

Thursday 10:00 or 14:00 both work on my side. Which do you prefer?

Tom`,
    },
  ],
  end: { sent: 0, drafts: { thursday: 'superseded' } },
});
