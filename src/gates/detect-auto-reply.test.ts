import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './corpus/all-cases.ts';
import { human } from './corpus/corpus-case.ts';
import { isAutoReply } from './detect-auto-reply.ts';

describe('isAutoReply over the corpus', () => {
  // Bounces and opt-outs are caught earlier; many bounces are also machine mail.
  const cases = ALL_CASES.filter((c) => c.expected === 'auto_reply' || c.expected === null);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hit = isAutoReply(c.message);
    if (c.expected === 'auto_reply') expect(hit?.gate).toBe('auto_reply');
    else expect(hit).toBeNull();
  });
});

describe('isAutoReply headers and flags', () => {
  const headerCases: [Record<string, string>, string | null][] = [
    [{ 'auto-submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'auto-submitted': 'auto-notified; owner-email="x@y.com"' }, 'Auto-Submitted: auto-notified'],
    [{ 'auto-submitted': 'no' }, null],
    [{ 'auto-submitted': 'No' }, null],
    [{ 'x-autoreply': 'yes' }, 'x-autoreply: yes'],
    [{ 'x-autoreply': 'false' }, null],
    [{ 'x-autorespond': 'Thanks' }, 'x-autorespond: Thanks'],
    // Outlook sets it on mail a person typed: alone it is no auto-reply marker.
    [{ 'x-auto-response-suppress': 'OOF, AutoReply' }, null],
    [{ 'x-auto-response-suppress': 'All' }, null],
    [
      { 'x-auto-response-suppress': 'All', 'auto-submitted': 'auto-replied' },
      'Auto-Submitted: auto-replied',
    ],
    [{ precedence: 'list' }, 'Precedence: list'],
    [{ precedence: 'first-class' }, null],
  ];
  it.each(headerCases)('%j', (headers, evidence) => {
    const hit = isAutoReply(human('Thursday works.', { headers }));
    expect(hit?.evidence ?? null).toBe(evidence);
  });

  it('trusts the platform flag, not a truthy string', () => {
    expect(isAutoReply(human('Hi', { platformFlags: { isAutoReply: true } }))?.evidence).toBe(
      'platform flag isAutoReply',
    );
    expect(isAutoReply(human('Hi', { platformFlags: { isAutoReply: 'false' } }))).toBeNull();
  });

  it.each([
    'Automatic reply: Quick question',
    'Auto-Reply: Re: Quick question',
    'Out of Office: Quick question',
    'Automatische Antwort: Kurze Frage',
    'Abwesenheitsnotiz: Kurze Frage',
    'Réponse automatique : Petite question',
    'Respuesta automática: Pregunta rápida',
    '[Auto-Reply] Quick question',
  ])('subject %s', (subject) => {
    expect(isAutoReply(human('See you.', { subject }))?.gate).toBe('auto_reply');
  });

  it.each([
    'Re: Automatic reply: Quick question',
    'Out of office next week?',
    'Re: Out of office plans',
  ])('not an auto-reply subject: %s', (subject) => {
    expect(isAutoReply(human('Tuesday at 10 works for me.', { subject }))).toBeNull();
  });
});

const OOO = [
  'Hello, I am on annual leave from 3 to 14 March and will have no access to email. I will reply on my return. For anything urgent, please call +44 20 1234 5678.',
  'Thanks for your email. I am currently travelling with intermittent access to email and will respond as soon as I can.',
  'I am out of the office until 3/17. If you need immediate assistance, please contact support@example.com.',
  'Please note I am on maternity leave until September. During this time please contact hr@example.com.',
  'Ich bin vom 10.03. bis 14.03. abwesend und habe nur eingeschränkten Zugriff auf meine E-Mails.',
  'Danke für Ihre Nachricht! Ich befinde mich bis zum 21. März im Urlaub. Ihre Nachricht wird nicht weitergeleitet. Ab dem 24. März bin ich wieder erreichbar.',
  "Je suis en déplacement jusqu'au 15 mars. Pour toute demande urgente, merci de contacter mon assistante.",
  "Bonjour, je suis absent jusqu'au lundi 17 mars inclus. Je traiterai votre message à mon retour.",
  'Hola, estaré fuera de la oficina del 10 al 14 de marzo sin acceso al correo. Para asuntos urgentes, escriba a soporte@example.es.',
  'Estoy de vacaciones hasta el 20 de marzo. Responderé a su correo a mi regreso.',
  'I am currently out of office. I will be back on Monday 10 March and will respond to your email then.',
  'Thank you for your message. Please note that I have left the company. For any enquiries please contact info@example.com.',
  'Hi there, I am OOO until the 12th with no access to email. I will get back to you when I return.',
  'I will be out of the office starting 03/10/2025 and will not return until 03/17/2025. I will respond to your message when I return.',
  'Merci pour votre message. Je suis en congé maternité. Votre message ne sera pas transféré.',
  'Vielen Dank für Ihre E-Mail. Ich bin zurzeit nicht erreichbar. Ab dem 17.03.2025 bin ich wieder im Büro.',
];

const PEOPLE_AWAY = [
  "I'm away until Monday, can we talk Tuesday?",
  "I'm on vacation next week, but let's chat the week after. Does Tuesday work?",
  "Out of the office today - can you send the deck and I'll read it tomorrow?",
  "I'm currently on leave, but my colleague Jane handles this, I've cc'd her.",
  'Thank you for your email. We are interested, please send pricing.',
  "I'll be back on Monday - let's book 30 minutes then.",
  'Ich bin bis Freitag im Urlaub, klingt aber interessant. Schicken Sie mir Unterlagen.',
  "Je suis en congés cette semaine, mais votre solution m'intéresse. Appelons-nous lundi ?",
  'Estoy de vacaciones, pero me interesa. ¿Hablamos el lunes?',
  "Thanks for your email. I'm away until the 10th - could you send a proposal in the meantime?",
  'I am on holiday until 14 March. Happy to talk after that - maybe the 17th?',
];

describe('out-of-office wording outside the corpus', () => {
  it.each(OOO)('auto-reply: %s', (text) => {
    expect(isAutoReply(human(text))?.gate).toBe('auto_reply');
  });
  it.each(PEOPLE_AWAY)('a person: %s', (text) => {
    expect(isAutoReply(human(text))).toBeNull();
  });

  it('looks at the new text only, not an OOO quoted below', () => {
    const text = [
      'Back now - yes, Thursday works.',
      '',
      'On Mon, Mar 10, 2025 at 8:00 AM Tom <tom@acme-industrial.com> wrote:',
      '> I am out of the office until Monday with limited access to email.',
      '> For urgent matters please contact anna@acme-industrial.com.',
    ].join('\n');
    expect(isAutoReply(human(text))).toBeNull();
  });
});
