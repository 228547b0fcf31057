import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Jonas', company: 'Acme Logistics' };

export const scenario = defineScenario({
  name: 'Outlook out-of-office with RFC 3834 headers is never answered',
  about: 'Auto-Submitted / X-Auto-Response-Suppress mark machine mail; follow-ups keep running.',
  lead: {
    email: 'jonas.weber@acme-logistics.example',
    firstName: 'Jonas',
    lastName: 'Weber',
    company: 'Acme Logistics',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'ooo',
      at: '2027-01-11T09:12:41+01:00',
      subject: 'Automatic reply: Pipeline reporting at Acme Logistics',
      headers: {
        'auto-submitted': 'auto-replied',
        'x-auto-response-suppress': 'All',
        'x-ms-exchange-inbox-rules-loop': 'jonas.weber@acme-logistics.example',
      },
      text: `Thank you for your message.

I am out of the office until Monday, 18 January, with limited access to email. For anything urgent please contact my colleague Lisa Brandt (lisa.brandt@acme-logistics.example).

Kind regards,
Jonas Weber`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: {
    sent: 0,
    lead: { optedOut: false, bounced: false },
    followUp: {
      status: 'paused',
      pauseReason: 'out_of_office',
      pausedUntil: '2027-01-18T23:00:00.000Z',
    },
  },
});
