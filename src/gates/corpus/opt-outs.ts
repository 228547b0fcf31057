import type { CorpusCase } from './corpus-case.ts';
import { GMAIL_QUOTE, human, lines, OUTLOOK_QUOTE } from './corpus-case.ts';

const de = { subject: 'AW: Kurze Frage zu Ihrem Vertriebsteam' };
const fr = { subject: 'RE: Petite question sur votre équipe commerciale' };
const es = { subject: 'RE: Pregunta rápida sobre su equipo de ventas' };

function optOut(name: string, text: string, overrides = {}): CorpusCase {
  return { name, expected: 'opt_out', message: human(text, overrides) };
}

/** Explicit removal requests in English, German, French and Spanish. */
export const OPT_OUTS: CorpusCase[] = [
  optOut('EN: bare STOP above the quote', lines('STOP', '', GMAIL_QUOTE)),
  optOut('EN: bare "Unsubscribe" with Outlook quote', lines('Unsubscribe', '', OUTLOOK_QUOTE)),
  optOut(
    'EN: remove me from your mailing list',
    lines('Please remove me from your mailing list. Thanks.', '', 'Tom', '', GMAIL_QUOTE),
  ),
  optOut(
    'EN: not interested, take me off your list',
    lines('Not interested. Take me off your list please.', '', OUTLOOK_QUOTE),
  ),
  optOut(
    'EN: stop emailing me',
    lines('Stop emailing me. This is the fourth message this month.', '', GMAIL_QUOTE),
  ),
  optOut(
    'EN: do not contact me again',
    lines('Do not contact me again.', '', 'Sent from my iPhone'),
  ),
  optOut('EN: please stop!', lines("I've already said no twice - please stop!", '', GMAIL_QUOTE)),
  optOut(
    'EN: kindly unsubscribe me from future communications',
    lines(
      'Hello,',
      '',
      'Kindly unsubscribe me from all future communications.',
      '',
      'Regards,',
      'Priya',
    ),
  ),
  optOut(
    'EN: remove our company from your outreach',
    lines(
      "We're a two-person shop, this isn't a fit. Please remove our company from your outreach list.",
      '',
      OUTLOOK_QUOTE,
    ),
  ),
  optOut('EN: opt me out', lines('Never signed up for this. Opt me out.', '', GMAIL_QUOTE)),
  optOut('EN: no more emails please', lines('No more emails please', '', '-- ', 'Tom Baker | CFO')),
  optOut(
    "EN: I'd like to opt out",
    lines(
      'Hi Sarah,',
      '',
      "I'd like to opt out of these emails.",
      '',
      'Best,',
      'Tom',
      '',
      GMAIL_QUOTE,
    ),
  ),
  optOut(
    'EN: GDPR deletion and never again, wrapped over two lines',
    lines(
      'Under GDPR please delete my data from your CRM and do not email',
      'me again.',
      '',
      GMAIL_QUOTE,
    ),
  ),
  optOut(
    'EN: how do I unsubscribe from these',
    lines('How do I unsubscribe from these? I get one every week.', '', GMAIL_QUOTE),
  ),
  optOut(
    'EN: leave us alone',
    lines(
      "Third email this month. We're happy with our current vendor, leave us alone.",
      '',
      GMAIL_QUOTE,
    ),
  ),
  optOut(
    'DE: bitte austragen',
    lines('Bitte austragen.', '', 'Mit freundlichen Grüßen', 'Markus Keller', '', OUTLOOK_QUOTE),
    de,
  ),
  optOut(
    'DE: aus dem Verteiler nehmen, keine weiteren E-Mails',
    lines(
      'Hallo Frau Klein,',
      '',
      'bitte nehmen Sie mich aus Ihrem Verteiler. Ich möchte keine weiteren E-Mails erhalten.',
      '',
      'Gruß',
      'M. Keller',
      '',
      'Am Di., 4. März 2025 um 09:12 Uhr schrieb Sarah Klein <sarah@autosend-demo.com>:',
      '> Hallo Herr Keller,',
      '> Antworten Sie mit STOP, um sich abzumelden.',
    ),
    de,
  ),
  optOut(
    'DE: kontaktieren Sie mich nicht mehr',
    lines(
      'Kein Interesse. Bitte kontaktieren Sie mich nicht mehr.',
      '',
      'Von meinem iPhone gesendet',
    ),
    de,
  ),
  optOut(
    'DE: vom Newsletter abmelden',
    lines(
      'Guten Tag,',
      '',
      'ich möchte mich von Ihren Mailings abmelden.',
      '',
      'Danke',
      'J. Braun',
    ),
    de,
  ),
  optOut(
    'DE: Daten löschen, keine E-Mails mehr',
    lines(
      'Bitte löschen Sie meine Daten und senden Sie mir keine E-Mails mehr.',
      '',
      OUTLOOK_QUOTE,
    ),
    de,
  ),
  optOut('DE: bare Abmelden', lines('Abmelden', '', GMAIL_QUOTE), de),
  optOut(
    'FR: merci de me désinscrire',
    lines(
      'Bonjour,',
      '',
      'Merci de me désinscrire de votre liste.',
      '',
      'Cordialement,',
      'Claire Martin',
    ),
    fr,
  ),
  optOut(
    'FR: ne plus recevoir, retirez-moi',
    lines(
      'Je ne souhaite plus recevoir vos e-mails. Retirez-moi de votre liste svp.',
      '',
      'Le mar. 4 mars 2025 à 09:12, Sarah Klein <sarah@autosend-demo.com> a écrit :',
      '> Bonjour Claire,',
      '> Répondez STOP pour vous désabonner.',
    ),
    fr,
  ),
  optOut(
    'FR: ne me contactez plus',
    lines("Ne me contactez plus, s'il vous plaît.", '', 'Envoyé de mon iPhone'),
    fr,
  ),
  optOut('FR: bare Désabonner', lines('Désabonner', '', OUTLOOK_QUOTE), fr),
  optOut(
    "FR: arrêtez de m'envoyer des messages",
    lines("Arrêtez de m'envoyer des messages, ça ne m'intéresse pas.", '', GMAIL_QUOTE),
    fr,
  ),
  optOut(
    'ES: darme de baja',
    lines('Hola,', '', 'Por favor, darme de baja de su lista.', '', 'Saludos,', 'Javier'),
    es,
  ),
  optOut(
    'ES: no me escriban más',
    lines(
      'No me escriban más, gracias.',
      '',
      'El mar, 4 mar 2025 a las 9:12, Sarah Klein (<sarah@autosend-demo.com>) escribió:',
      '> Hola Javier,',
    ),
    es,
  ),
  optOut(
    'ES: que me eliminen de su lista',
    lines('Quiero que me eliminen de su lista de correos.', '', 'Enviado desde mi iPhone'),
    es,
  ),
  optOut('ES: bare Baja', lines('BAJA', '', GMAIL_QUOTE), es),
  optOut(
    'ES: dejen de enviarme correos',
    lines('Dejen de enviarme correos, no estoy interesado.', '', OUTLOOK_QUOTE),
    es,
  ),
  {
    name: 'Platform flag: Instantly lead_unsubscribed',
    expected: 'opt_out',
    message: human('', { platformFlags: { eventType: 'lead_unsubscribed', isUnsubscribe: true } }),
  },
];
