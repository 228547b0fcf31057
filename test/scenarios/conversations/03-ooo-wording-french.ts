import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Claire', company: 'Dubois Conseil' };

export const scenario = defineScenario({
  name: 'French out-of-office by wording only is never answered',
  about: 'An absence notice in French, no headers, subject left as "RE:".',
  lead: {
    email: 'claire.dubois@dubois-conseil.example',
    firstName: 'Claire',
    lastName: 'Dubois',
    company: 'Dubois Conseil',
    timeZone: 'Europe/Paris',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'absente',
      at: '2027-01-11T09:14:10+01:00',
      subject: 'RE: Pipeline reporting at Dubois Conseil',
      text: `Bonjour,

Je suis actuellement absente du bureau jusqu'au lundi 25 janvier inclus, avec un accès limité à mes e-mails.

Pour toute demande urgente, veuillez contacter Julien Moreau à julien.moreau@dubois-conseil.example.

Cordialement,
Claire Dubois`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: {
    sent: 0,
    followUp: {
      status: 'paused',
      pauseReason: 'out_of_office',
      pausedUntil: '2027-01-25T23:00:00.000Z',
    },
  },
});
