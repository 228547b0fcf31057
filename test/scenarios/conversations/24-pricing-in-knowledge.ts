import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Nora', company: 'Eastgate Clinics' };

export const scenario = defineScenario({
  name: 'A pricing question the knowledge answers is sent with the known price',
  about: 'With the price in the knowledge (and a gate of 80) the answer goes out automatically.',
  campaign: {
    gate: 80,
    knowledge:
      'Northwind costs $12 per seat per month, billed annually. There is a one-time setup fee of $1,500. It connects to HubSpot and Salesforce in about a day.',
  },
  lead: {
    email: 'nora.hughes@eastgate-clinics.example',
    firstName: 'Nora',
    lastName: 'Hughes',
    company: 'Eastgate Clinics',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'per-seat',
      at: '2027-01-12T13:40:00Z',
      text: `Hi Tom, what's the pricing per seat? We'd have about 15 people using it.

Nora${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        draft: { includes: ['$12 per seat'] },
      },
    },
  ],
  end: { sent: 1, answered: ['per-seat'] },
});
