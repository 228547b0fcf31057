import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Sabine', company: 'Krüger Maschinenbau' };

export const scenario = defineScenario({
  name: 'German out-of-office by wording only (no headers) is never answered',
  about: 'Some mail servers send Abwesenheitsnotizen without any auto-reply header.',
  lead: {
    email: 's.krueger@krueger-maschinenbau.example',
    firstName: 'Sabine',
    lastName: 'Krüger',
    company: 'Krüger Maschinenbau',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'abwesend',
      at: '2027-01-11T09:13:05+01:00',
      text: `Sehr geehrte Damen und Herren,

vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 22.01.2027 nicht im Büro und habe nur eingeschränkten Zugriff auf meine E-Mails.

In dringenden Fällen wenden Sie sich bitte an meinen Kollegen Markus Hoffmann (m.hoffmann@krueger-maschinenbau.example).

Mit freundlichen Grüßen
Sabine Krüger`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: {
    sent: 0,
    followUp: {
      status: 'paused',
      pauseReason: 'out_of_office',
      pausedUntil: '2027-01-22T23:00:00.000Z',
    },
  },
});
