import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Thomas', company: 'Brandt Logistik' };

export const scenario = defineScenario({
  name: 'German opt-out (aus dem Verteiler nehmen)',
  about: 'An explicit removal request in German flags the lead and stops follow-ups.',
  lead: {
    email: 't.brandt@brandt-logistik.example',
    firstName: 'Thomas',
    lastName: 'Brandt',
    company: 'Brandt Logistik',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'verteiler',
      at: '2027-01-11T13:30:00+01:00',
      text: `Guten Tag Herr Becker,

bitte nehmen Sie mich aus Ihrem Verteiler und kontaktieren Sie mich nicht mehr.

Mit freundlichen Grüßen
Thomas Brandt${quotedOpening(lead, 'Mo., 11. Jan. 2027 um 09:12')}`,
      expect: { decision: 'skip', reason: 'opt_out' },
    },
  ],
  end: { sent: 0, lead: { optedOut: true }, followUp: { status: 'cancelled' } },
});
