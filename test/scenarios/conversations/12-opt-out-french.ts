import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Élodie', company: 'Garnier Transports' };

export const scenario = defineScenario({
  name: 'French opt-out (ne plus recevoir)',
  about: 'A removal request in French flags the lead.',
  lead: {
    email: 'elodie.garnier@garnier-transports.example',
    firstName: 'Élodie',
    lastName: 'Garnier',
    company: 'Garnier Transports',
    timeZone: 'Europe/Paris',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'plus-de-mails',
      at: '2027-01-11T15:02:00+01:00',
      text: `Bonjour,

Merci de me retirer de votre liste, je ne souhaite plus recevoir ce type de messages.

Élodie Garnier`,
      expect: { decision: 'skip', reason: 'opt_out' },
    },
  ],
  end: { sent: 0, lead: { optedOut: true }, followUp: { status: 'cancelled' } },
});
