import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Katrin', company: 'Vogt Elektrotechnik' };

export const scenario = defineScenario({
  name: 'An interested reply in German is not answered automatically in English',
  about:
    'The drafts are English: a German lead gets a human (below_threshold), not a wrong-language reply.',
  lead: {
    email: 'katrin.vogt@vogt-elektro.example',
    firstName: 'Katrin',
    lastName: 'Vogt',
    company: 'Vogt Elektrotechnik',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'interessant',
      at: '2027-01-11T11:18:00+01:00',
      text: `Hallo Herr Becker,

das klingt interessant. Können wir nächste Woche telefonieren? Dienstag oder Mittwoch Vormittag wäre ideal.

Viele Grüße
Katrin Vogt${quotedOpening(lead, 'Mo., 11. Jan. 2027 um 09:12')}`,
      expect: { decision: 'review', reason: 'below_threshold' },
    },
  ],
  end: { sent: 0, followUp: { status: 'paused', pauseReason: 'lead_replied' } },
});
