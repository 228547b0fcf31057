import type { CorpusCase } from './corpus-case.ts';
import { GMAIL_QUOTE, human, lines, ORIGINAL_MESSAGE } from './corpus-case.ts';

function autoReply(name: string, message: CorpusCase['message']): CorpusCase {
  return { name, expected: 'auto_reply', message };
}

const EN_OOO = lines(
  'Hi,',
  '',
  "I'm currently out of the office with limited access to email. I will respond upon my return on Monday 10 March.",
  'For urgent matters please contact anna.schultz@acme-industrial.com.',
  '',
  'Best regards,',
  'Tom',
);

/** Auto-replies by header, platform flag, subject and wording, in four languages. */
export const AUTO_REPLIES: CorpusCase[] = [
  autoReply(
    'Office 365 OOO: Auto-Submitted + X-Auto-Response-Suppress',
    human(EN_OOO, {
      subject: 'Automatic reply: Quick question about SDR hiring',
      returnPath: '<>',
      headers: {
        'auto-submitted': 'auto-replied',
        'x-auto-response-suppress': 'All',
        'x-ms-exchange-inbox-rules-loop': 'tom@acme-industrial.com',
      },
    }),
  ),
  autoReply(
    'Gmail vacation responder: Auto-Submitted only, custom subject',
    human(
      lines(
        "Thanks for your email! I'm on vacation until March 14 and checking mail only occasionally.",
        '',
        'Tom',
      ),
      { subject: 'Back on March 14', headers: { 'auto-submitted': 'auto-replied' } },
    ),
  ),
  autoReply(
    'Helpdesk acknowledgement: Auto-Submitted: auto-generated',
    human(
      lines(
        'Your request (#48213) has been received and is being reviewed by our support staff.',
        'To add additional comments, reply to this email.',
      ),
      {
        fromEmail: 'support@acme-industrial.com',
        subject: '[Request received] Quick question about SDR hiring',
        headers: { 'auto-submitted': 'auto-generated' },
      },
    ),
  ),
  autoReply(
    'X-Autoreply: yes with German OOO body',
    human(
      lines(
        'Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 14.03.2025 nicht im Büro.',
        'Ihre E-Mail wird nicht weitergeleitet.',
      ),
      { subject: 'Re: Kurze Frage', headers: { 'x-autoreply': 'yes' } },
    ),
  ),
  autoReply(
    'cPanel autoresponder: X-Autorespond',
    human(
      'Thanks for reaching out to Acme! A member of our team will get back to you within 2 business days.',
      {
        fromEmail: 'info@acme-industrial.com',
        headers: { 'x-autorespond': 'Quick question about SDR hiring' },
      },
    ),
  ),
  autoReply(
    'Precedence: auto_reply',
    human('I am travelling and will answer when I am back next week.', {
      headers: { precedence: 'auto_reply' },
    }),
  ),
  autoReply(
    'Precedence: bulk newsletter-style autoresponder',
    human('Thank you for contacting us. We have received your message.', {
      fromEmail: 'hello@acme-industrial.com',
      headers: { precedence: 'bulk' },
    }),
  ),
  autoReply(
    'Precedence: junk',
    human('Your message has been received.', { headers: { precedence: 'junk' } }),
  ),
  autoReply(
    'Platform flag: Instantly is_auto_reply',
    human('Out until Friday.', {
      platformFlags: { isAutoReply: true, eventType: 'auto_reply_received' },
    }),
  ),
  autoReply(
    'Platform event only: auto_reply_received',
    human('Back soon.', { platformFlags: { eventType: 'auto_reply_received' } }),
  ),
  autoReply(
    'EN wording only: out of office with urgent contact',
    human(
      lines(
        'I am out of the office until Monday, March 10th, with limited access to email.',
        'For urgent matters, please contact my colleague John Smith at john.smith@acme-industrial.com.',
        '',
        GMAIL_QUOTE,
      ),
    ),
  ),
  autoReply(
    'EN wording only: parental leave, not forwarded',
    human(
      lines(
        "Thank you for your message. I'm currently on parental leave and will return on 2 June.",
        'Your email will not be forwarded. In my absence please contact sales@acme-industrial.com.',
      ),
    ),
  ),
  autoReply(
    'EN wording only: left the company, mailbox not monitored',
    human(
      lines(
        'Hello, I no longer work at Globex. This mailbox is no longer monitored.',
        'Please direct enquiries to info@globex.example.',
      ),
      { fromEmail: 'r.lee@globex.example' },
    ),
  ),
  autoReply('EN subject exactly "Out of Office"', human("I'm away.", { subject: 'Out of Office' })),
  autoReply(
    'DE wording only: nicht im Büro, in dringenden Fällen',
    human(
      lines(
        'Sehr geehrte Damen und Herren,',
        '',
        'vielen Dank für Ihre E-Mail. Ich bin bis zum 14.03.2025 nicht im Büro und habe keinen Zugriff auf meine E-Mails.',
        'In dringenden Fällen wenden Sie sich bitte an meine Kollegin Frau Schulz (schulz@weber-gmbh.de).',
        '',
        'Mit freundlichen Grüßen',
        'Klaus Weber',
      ),
      { subject: 'AW: Kurze Frage' },
    ),
  ),
  autoReply(
    'DE subject: Automatische Antwort',
    human('Ich bin ab dem 17.03. wieder im Büro.', {
      subject: 'Automatische Antwort: Kurze Frage',
    }),
  ),
  autoReply(
    'DE body: Abwesenheitsnotiz',
    human(
      lines(
        'Abwesenheitsnotiz',
        '',
        'Ich bin derzeit im Urlaub. Nach meiner Rückkehr am 20.03. melde ich mich.',
      ),
      { subject: 'Re: Kurze Frage' },
    ),
  ),
  autoReply(
    'FR subject: Réponse automatique',
    human("Bonjour, je suis absente du bureau jusqu'au 12 mars. Je vous répondrai à mon retour.", {
      subject: 'Réponse automatique : Petite question',
    }),
  ),
  autoReply(
    'FR wording only: en congés, accès limité, en cas d’urgence',
    human(
      lines(
        'Bonjour,',
        '',
        'Je suis actuellement en congés avec un accès limité à mes e-mails. Je vous répondrai à mon retour le 17 mars.',
        "En cas d'urgence, veuillez contacter Julie Bernard (julie.bernard@exemple.fr).",
        '',
        'Cordialement,',
        'Claire Martin',
      ),
      { subject: 'RE: Petite question' },
    ),
  ),
  autoReply(
    'ES subject: Respuesta automática',
    human('Estoy fuera de la oficina hasta el 10 de marzo.', {
      subject: 'Respuesta automática: Pregunta rápida',
    }),
  ),
  autoReply(
    'ES wording only: de vacaciones, acceso limitado',
    human(
      lines(
        'Gracias por su mensaje.',
        '',
        'Me encuentro de vacaciones hasta el lunes 17 de marzo con acceso limitado al correo. A mi regreso responderé a su mensaje.',
        'En caso de urgencia, contacte con María López (mlopez@ejemplo.es).',
      ),
      { subject: 'RE: Pregunta rápida' },
    ),
  ),
  autoReply(
    'OOO that quotes the original message below an Original Message separator',
    human(
      lines(
        'This is an automatic reply. I am attending a conference until Thursday.',
        '',
        '-----Original Message-----',
        ORIGINAL_MESSAGE,
      ),
    ),
  ),
];
