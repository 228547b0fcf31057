import { defineScenario } from '../scenario.ts';

export const scenario = defineScenario({
  name: 'A reply to a campaign nobody configured is skipped visibly',
  about:
    'The webhook names a campaign we never set up: stored as discovered, skipped unknown_campaign.',
  campaign: { configured: false, platform: 'smartlead', name: 'EU agencies (copy 2)' },
  lead: {
    email: 'ines.costa@costa-digital.example',
    firstName: 'Inês',
    lastName: 'Costa',
    company: 'Costa Digital',
    timeZone: 'Europe/Lisbon',
  },
  timeline: [
    {
      kind: 'inbound',
      id: 'hello',
      at: '2027-01-12T11:05:00Z',
      subject: 'Re: Quick idea for Costa Digital',
      text: `Hi, yes this could be interesting for us. What are the next steps?

Inês`,
      expect: { decision: 'skip', reason: 'unknown_campaign' },
    },
  ],
  end: { sent: 0 },
});
