import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Eva', company: 'Lindgren Media' };

export const scenario = defineScenario({
  name: 'Gate 0: a safe but unremarkable draft is sent',
  about: 'A gate of 0 sends every draft the evaluator calls safe (an objection here).',
  campaign: { gate: 0 },
  lead: {
    email: 'eva@lindgren-media.example',
    firstName: 'Eva',
    lastName: 'Lindgren',
    company: 'Lindgren Media',
    timeZone: 'Europe/Stockholm',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'looker',
      at: '2027-01-12T09:05:00+01:00',
      text: `Hi Tom, to be honest we already use Looker for our sales reporting.

Eva${quotedOpening(lead)}`,
      expect: { decision: 'send', reason: 'confidence_met' },
    },
  ],
  end: { sent: 1, answered: ['looker'] },
});
