import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Grace', company: 'Holloway Insurance' };

export const scenario = defineScenario({
  name: 'Not interested: no answer, not an opt-out',
  about: 'A polite no is skipped (not_draftable); the lead is not flagged; follow-ups pause.',
  lead: {
    email: 'grace.holloway@holloway-insurance.example',
    firstName: 'Grace',
    lastName: 'Holloway',
    company: 'Holloway Insurance',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'no-thanks',
      at: '2027-01-11T17:02:00Z',
      text: `Thanks Tom, but we're not interested at the moment. We signed a two-year deal with another provider last autumn.

Grace${quotedOpening(lead)}`,
      expect: { decision: 'skip', reason: 'not_draftable' },
    },
  ],
  end: {
    sent: 0,
    lead: { optedOut: false },
    followUp: { status: 'paused', pauseReason: 'lead_replied' },
  },
});
