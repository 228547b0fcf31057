import { describe, expect, it } from 'vitest';
import { extractNewText } from './extract-new-text.ts';

const j = (...lines: string[]) => lines.join('\n');

const CASES: [string, string, string][] = [
  [
    'Gmail',
    j(
      'Yes - Thursday at 2pm works.',
      '',
      'Tom',
      '',
      'On Tue, Mar 4, 2025 at 9:12 AM Sarah Klein <sarah@autosend-demo.com> wrote:',
      '> Worth a 15-minute call next week?',
      '> Reply STOP to unsubscribe.',
    ),
    'Yes - Thursday at 2pm works.\n\nTom',
  ],
  [
    'Gmail attribution wrapped over two lines',
    j(
      'Send me the pricing please.',
      '',
      'On Tue, Mar 4, 2025 at 9:12 AM Sarah Klein from Autosend <',
      'sarah@autosend-demo.com> wrote:',
      '',
      '> Hi Tom,',
    ),
    'Send me the pricing please.',
  ],
  [
    'Outlook header block after an underscore separator',
    j(
      'Hi Sarah,',
      'Not this quarter, sorry.',
      '',
      '________________________________',
      'From: Sarah Klein <sarah@autosend-demo.com>',
      'Sent: Tuesday, March 4, 2025 9:12 AM',
      'To: Tom Baker <tom@acme-industrial.com>',
      'Subject: Quick question',
      '',
      'Reply STOP to unsubscribe.',
    ),
    'Hi Sarah,\nNot this quarter, sorry.',
  ],
  [
    'Outlook header block without a separator (bold markers from HTML)',
    j(
      'Please loop in Jane.',
      '',
      '*From:* Sarah Klein <sarah@autosend-demo.com>',
      '*Sent:* Tuesday, March 4, 2025 9:12 AM',
      '*To:* Tom Baker',
      '*Subject:* Quick question',
    ),
    'Please loop in Jane.',
  ],
  [
    'Original Message separator',
    j('Call me on Friday.', '', '-----Original Message-----', 'From: Sarah', 'Hi Tom'),
    'Call me on Friday.',
  ],
  [
    'Apple Mail on iPhone: device signature then quote',
    j(
      'Sure, send it over.',
      '',
      'Sent from my iPhone',
      '',
      '> On 4 Mar 2025, at 09:12, Sarah Klein <sarah@autosend-demo.com> wrote:',
      '>',
      '> Hi Tom,',
    ),
    'Sure, send it over.',
  ],
  [
    'Apple Mail on macOS: attribution without ">"',
    j(
      'Let us do Monday.',
      '',
      'On 4 Mar 2025, at 09:12, Sarah Klein <sarah@autosend-demo.com> wrote:',
      '',
      '> Hi Tom,',
    ),
    'Let us do Monday.',
  ],
  [
    'German Gmail/Thunderbird',
    j(
      'Gerne, Dienstag passt.',
      '',
      'Am Di., 4. März 2025 um 09:12 Uhr schrieb Sarah Klein <sarah@autosend-demo.com>:',
      '> Hallo Herr Keller,',
    ),
    'Gerne, Dienstag passt.',
  ],
  [
    'German Outlook',
    j(
      'Bitte rufen Sie mich an.',
      '',
      'Von: Sarah Klein <sarah@autosend-demo.com>',
      'Gesendet: Dienstag, 4. März 2025 09:12',
      'An: Markus Keller <m.keller@weber-gmbh.de>',
      'Betreff: Kurze Frage',
    ),
    'Bitte rufen Sie mich an.',
  ],
  [
    'German device signature',
    j('Klingt gut.', '', 'Von meinem iPhone gesendet', '', '> Hallo'),
    'Klingt gut.',
  ],
  [
    'French Gmail',
    j(
      'Avec plaisir, mardi 10h ?',
      '',
      'Le mar. 4 mars 2025 à 09:12, Sarah Klein <sarah@autosend-demo.com> a écrit :',
      '> Bonjour Claire,',
    ),
    'Avec plaisir, mardi 10h ?',
  ],
  [
    'French Outlook',
    j(
      'Merci, je regarde.',
      '',
      'De : Sarah Klein <sarah@autosend-demo.com>',
      'Envoyé : mardi 4 mars 2025 09:12',
      'À : Claire Martin',
      'Objet : Petite question',
    ),
    'Merci, je regarde.',
  ],
  ['French device signature', j('Oui.', '', 'Envoyé de mon iPhone'), 'Oui.'],
  [
    'Spanish Gmail',
    j(
      'Me interesa, ¿hablamos el lunes?',
      '',
      'El mar, 4 mar 2025 a las 9:12, Sarah Klein (<sarah@autosend-demo.com>) escribió:',
      '> Hola Javier,',
    ),
    'Me interesa, ¿hablamos el lunes?',
  ],
  [
    'Spanish Outlook',
    j(
      'Llámeme mañana.',
      '',
      'De: Sarah Klein <sarah@autosend-demo.com>',
      'Enviado: martes, 4 de marzo de 2025 9:12',
      'Para: Javier Ruiz',
      'Asunto: Pregunta rápida',
    ),
    'Llámeme mañana.',
  ],
  ['Spanish device signature', j('Vale.', '', 'Enviado desde mi iPhone'), 'Vale.'],
  [
    'signature delimiter',
    j('Tuesday works.', '', '-- ', 'Tom Baker', 'CFO, Acme Industrial', 'Reply STOP to opt out'),
    'Tuesday works.',
  ],
  ['Get Outlook for iOS', j('Ok!', '', 'Get Outlook for iOS', '', 'From: Sarah'), 'Ok!'],
  ['no quote at all', 'Just a short answer.\nSecond line.', 'Just a short answer.\nSecond line.'],
  [
    'keeps ">" inside the human sentence and blank lines between paragraphs',
    j('Revenue went from 2M > 3M this year.', '', 'So yes, talk Monday.'),
    'Revenue went from 2M > 3M this year.\n\nSo yes, talk Monday.',
  ],
  [
    'inline answers under the attribution',
    j(
      'On Tue, Mar 4, 2025 at 9:12 AM Sarah Klein <sarah@autosend-demo.com> wrote:',
      '> Are you hiring SDRs this quarter?',
      'Yes, three.',
      '> Worth a call next week?',
      'Sure, Wednesday.',
      '',
      '-- ',
      'Tom',
    ),
    'Yes, three.\nSure, Wednesday.',
  ],
  [
    'CRLF line endings',
    'Fine by me.\r\n\r\nOn Tue, Mar 4, 2025, Sarah <s@x.com> wrote:\r\n> hi',
    'Fine by me.',
  ],
];

describe('extractNewText', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(extractNewText(text)).toBe(expected);
  });

  it('does not treat "From:" in the middle of a sentence as a quote header', () => {
    const text = 'From: my side, all good.\nWe can start in April.';
    expect(extractNewText(text)).toBe(text);
  });
});
