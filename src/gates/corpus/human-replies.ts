import type { CorpusCase } from './corpus-case.ts';
import { GMAIL_QUOTE, human, lines, OUTLOOK_QUOTE } from './corpus-case.ts';

function person(name: string, text: string, overrides = {}): CorpusCase {
  return { name, expected: null, message: human(text, overrides) };
}

/** People answering, with every trap word in ordinary use: no gate may fire. */
export const HUMAN_REPLIES: CorpusCase[] = [
  person(
    'remove the setup fee',
    lines('Can you remove the setup fee? If so we are in.', '', GMAIL_QUOTE),
  ),
  person(
    'stop by our office',
    lines('Feel free to stop by our office next Tuesday, we are at 22 King St.', '', OUTLOOK_QUOTE),
  ),
  person(
    "can't stop thinking about this",
    lines(
      "I can't stop thinking about this - your tool would save us hours. Let's talk.",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    "don't stop now",
    lines("Don't stop now, the first two emails were great. Send me pricing.", '', GMAIL_QUOTE),
  ),
  person(
    'remove the limitation',
    lines(
      'Remove the limitation on seats and we have a deal.',
      '',
      'Sent from my iPhone',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'away until Monday, can we talk Tuesday?',
    lines("I'm away until Monday, can we talk Tuesday?", '', GMAIL_QUOTE),
  ),
  person(
    'out of office this week but interested',
    lines(
      "I'm out of the office this week but yes, interested. Can you send over a deck?",
      '',
      OUTLOOK_QUOTE,
    ),
  ),
  person(
    'thank-you opener, away, proposes a time',
    lines(
      "Thank you for your email. I'm out of the office until Friday but happy to set up a call next week - how's Tuesday?",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'limited email access but books a slot',
    lines(
      "I'm currently away with limited access to email, but yes - Thursday 2pm works for me.",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'only our footer has STOP (quoted)',
    lines('Sounds good, Thursday 2pm works.', '', GMAIL_QUOTE),
  ),
  person(
    'mentions replying STOP but is interested',
    lines(
      'I almost replied STOP but this actually looks relevant. What does it cost?',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'footer-like line pasted above the quote',
    lines('Thursday works. See you then.', '', 'Reply STOP to opt out', '', GMAIL_QUOTE),
  ),
  person(
    'please stop by the booth',
    lines('Please stop by the booth at SaaStr, we are at B12. Bring the demo.', '', GMAIL_QUOTE),
  ),
  person(
    'take me off the hook',
    lines(
      'Can you take me off the hook for the intro call and talk to Jane directly? She owns this.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    "don't email me at this address, use another",
    lines(
      "Don't email me at this address, use tom@bakerfamily.example instead - I'm leaving Acme but still interested.",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'unsubscribe rate, negated unsubscribe',
    lines(
      "We don't need to unsubscribe anyone, we need better deliverability. Our unsubscribe rate is 2%. Can you help?",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'asks about opt-out handling',
    lines(
      'How do your customers handle opt-out requests? That is our main compliance worry.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'stopped using a competitor',
    lines(
      'We had to stop using Outreach last month, so timing is good. What does onboarding look like?',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'unsubscribing hobby',
    lines(
      'Unsubscribing from newsletters is my weekend hobby, but yours I actually read. Let us talk.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'asks whether this is an automated message',
    lines(
      'Is this an automated message or did a real person write this? Either way, I am interested.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    "please don't stop sending case studies",
    lines(
      "Please don't stop sending the case studies, they're useful. Any for logistics?",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'colleague asked to be removed, I am interested',
    lines(
      "My colleague asked to be removed from your list, but I'm interested. Can you send info?",
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'remove duplicates from the list',
    lines(
      'We remove duplicates from the list by hand today - does your tool do that?',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'remove me as admin of the trial',
    lines(
      'Please remove me as admin of the trial account and add Jane; she will run the pilot.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  person(
    'Auto-Submitted: no, with away words',
    lines("I'm out of the office tomorrow, so let's do Thursday.", '', GMAIL_QUOTE),
    { headers: { 'auto-submitted': 'no' } },
  ),
  person(
    'DE: Einrichtungsgebühr entfernen',
    lines('Können Sie die Einrichtungsgebühr entfernen? Dann sind wir dabei.', '', OUTLOOK_QUOTE),
    { subject: 'AW: Kurze Frage' },
  ),
  person(
    'DE: im Urlaub bis Montag, können wir Dienstag telefonieren',
    lines(
      'Ich bin bis Montag im Urlaub - können wir Dienstag telefonieren?',
      '',
      'Von meinem iPhone gesendet',
    ),
    { subject: 'AW: Kurze Frage' },
  ),
  person(
    'DE: muss mich vom Webinar abmelden',
    lines(
      'Ich muss mich leider vom Webinar am Donnerstag abmelden. Können wir stattdessen telefonieren?',
      '',
      OUTLOOK_QUOTE,
    ),
    { subject: 'AW: Kurze Frage' },
  ),
  person(
    "FR: retirer les frais d'installation",
    lines(
      "Pouvez-vous retirer les frais d'installation ? Sinon ça m'intéresse.",
      '',
      OUTLOOK_QUOTE,
    ),
    { subject: 'RE: Petite question' },
  ),
  person(
    'FR: absent jusqu’à lundi, on peut s’appeler mardi ?',
    lines(
      "Je suis absent jusqu'à lundi, mais on peut s'appeler mardi ?",
      '',
      'Envoyé de mon iPhone',
    ),
    { subject: 'RE: Petite question' },
  ),
  person(
    'ES: eliminar la tarifa de instalación',
    lines('¿Pueden eliminar la tarifa de instalación? Entonces firmamos.', '', OUTLOOK_QUOTE),
    { subject: 'RE: Pregunta rápida' },
  ),
  person(
    'ES: fuera de la oficina, ¿podemos hablar el martes?',
    lines(
      'Estoy fuera de la oficina hasta el lunes, ¿podemos hablar el martes?',
      '',
      'Enviado desde mi iPhone',
    ),
    { subject: 'RE: Pregunta rápida' },
  ),
  person(
    'ES: dar de baja al proveedor actual',
    lines(
      'Necesitamos dar de baja nuestro proveedor actual antes de junio. ¿Cuánto cuesta migrar?',
      '',
      GMAIL_QUOTE,
    ),
    { subject: 'RE: Pregunta rápida' },
  ),
  person(
    'asks to stop sending invoices to the old address',
    lines(
      'Before we sign: can you stop sending invoices to my old address? Use billing@acme-industrial.com.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  // Outlook and many sending tools add X-Auto-Response-Suppress to mail a person typed.
  person(
    'Outlook human reply carrying X-Auto-Response-Suppress: All',
    lines('Thursday at 10 works. Send me the invite?', '', OUTLOOK_QUOTE),
    {
      subject: 'RE: Quick question about SDR hiring',
      headers: {
        'content-type': 'text/plain; charset="us-ascii"',
        'x-auto-response-suppress': 'All',
        'x-ms-has-attach': '',
        'x-ms-tnef-correlator': '',
      },
    },
  ),
  person(
    'DE: Exchange reply with X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply',
    lines('Gerne, rufen Sie mich am Dienstag an.', '', OUTLOOK_QUOTE),
    {
      subject: 'AW: Kurze Frage zu Ihrem Vertriebsteam',
      headers: { 'x-auto-response-suppress': 'DR, RN, NRN, OOF, AutoReply' },
    },
  ),
  person(
    'FR: human reply from a sending tool with X-Auto-Response-Suppress: OOF',
    lines('Oui, envoyez-moi vos tarifs, merci.', '', GMAIL_QUOTE),
    {
      subject: 'RE: Petite question sur votre équipe commerciale',
      headers: { 'x-auto-response-suppress': 'OOF' },
    },
  ),
  person(
    'ES: human reply with X-Auto-Response-Suppress: All',
    lines('Me interesa. ¿Cuánto cuesta para un equipo de cinco?', '', GMAIL_QUOTE),
    { subject: 'RE: Pregunta rápida', headers: { 'x-auto-response-suppress': 'All' } },
  ),
];
